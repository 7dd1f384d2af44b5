// Number formatting for manifests, which `mllab list` loads at every start: `toLocaleString` and `Intl`
// load ICU's locale data on first use (about 15 ms of start-up, measured), so thousands are grouped here.

/** `2000` -> `2,000`, `-1234567.5` -> `-1,234,567.5`. */
export function withThousands(n: number): string {
  const [whole, fraction] = String(n).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction !== undefined ? `.${fraction}` : ''}`;
}
