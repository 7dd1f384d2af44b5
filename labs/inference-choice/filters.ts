// The JSONPath subset batch transform accepts for CSV rows, evaluated on a row's column indices: which
// columns an InputFilter passes to the model and which an OutputFilter keeps. `$` is the whole row;
// `$[i,j]` picks columns (negative indices count from the end); `$[a:b]` is a slice, end excluded;
// `$[*]` is every column. Other expressions (object paths for JSON input) are not evaluated.
// https://docs.aws.amazon.com/sagemaker/latest/dg/batch-transform-data-processing.html (Supported JSONPath Operators)

/** The column indices `filter` selects from a row of `width` columns; undefined when it cannot be evaluated here. */
export function selectedColumns(filter: string | undefined, width: number): number[] | undefined {
  const expression = (filter ?? '$').replace(/\s+/g, '');
  if (expression === '$' || expression === '$[*]') return Array.from({ length: width }, (_, i) => i);
  const match = /^\$\[([-0-9:,]+)\]$/.exec(expression);
  if (!match) return undefined;
  const index = (text: string, fallback: number): number | undefined => {
    if (text === '') return fallback;
    if (!/^-?\d+$/.test(text)) return undefined;
    const n = Number(text);
    return n < 0 ? Math.max(0, width + n) : Math.min(n, width);
  };
  const columns: number[] = [];
  for (const part of match[1]!.split(',')) {
    const bounds = part.split(':');
    if (bounds.length === 1) {
      const i = index(part, -1);
      if (i === undefined || part === '' || i >= width) return undefined;
      columns.push(i);
    } else if (bounds.length === 2) {
      const start = index(bounds[0]!, 0);
      const end = index(bounds[1]!, width);
      if (start === undefined || end === undefined) return undefined;
      for (let i = start; i < end; i++) columns.push(i);
    } else {
      return undefined;
    }
  }
  return columns;
}
