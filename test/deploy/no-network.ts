// Guard for a test file: a DNS lookup means something tried the network instead of a mock or a
// local failure. Every host looked up is listed when the file's tests end, which fails them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dns = require('node:dns') as typeof import('node:dns');

export function forbidNetwork(): void {
  const realLookup = dns.lookup;
  const lookedUp: string[] = [];
  beforeAll(() => {
    (dns as any).lookup = (host: string, ...rest: any[]) => {
      lookedUp.push(host);
      return (realLookup as any)(host, ...rest);
    };
  });
  afterAll(() => {
    (dns as any).lookup = realLookup;
    expect(lookedUp).toEqual([]);
  });
}
