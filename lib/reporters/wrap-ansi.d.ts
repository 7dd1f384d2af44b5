// wrap-ansi 7 (the last CommonJS major, which `require` loads on every Node 20) ships no types.
declare module 'wrap-ansi' {
  interface Options {
    /** Break words longer than the width (default false: they overflow). */
    readonly hard?: boolean;
    readonly wordWrap?: boolean;
    readonly trim?: boolean;
  }
  function wrapAnsi(input: string, columns: number, options?: Options): string;
  export = wrapAnsi;
}
