// DOT -> SVG with Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz): offline, no system
// binary. The package is ES modules only; this project is CommonJS, which Node 20 can require() an
// ES module from only since 20.19 (and jest never can). So the layout runs in a worker thread that
// import()s it: the same code on every supported Node, in the CLI and in tests, bounded in time.
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { renderDot } from './dot';
import type { DiagramGraph } from './graph';

/** Bounds a layout; a small lab graph takes milliseconds once the module has loaded (about 0.1 s). */
export const SVG_TIMEOUT_MS = 30_000;

// Loads Graphviz as soon as it starts, then lays out each DOT text it is sent.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const graphviz = import(workerData.url).then(({ Graphviz }) => Graphviz.load());
graphviz.catch(() => undefined);
parentPort.on('message', (dot) => {
  graphviz
    .then((g) => parentPort.postMessage({ svg: g.dot(dot, 'svg') }))
    .catch((err) => parentPort.postMessage({ error: String((err && err.message) || err) }));
});
`;

/** Thrown when Graphviz could not lay the graph out (the CLI reports it in one line). */
export class SvgRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SvgRenderError';
  }
}

export interface SvgRenderer {
  /** SVG text of DOT source, one layout at a time. */
  render(dot: string): Promise<string>;
  /** Stops the worker; a render still waiting is refused. */
  close(): void;
}

/**
 * A Graphviz worker, loading from now on: `mllab diagram --format svg` starts it before the checks
 * run, so loading WebAssembly overlaps with the reads. It never keeps the process alive by itself.
 */
export function svgRenderer(timeoutMs = SVG_TIMEOUT_MS): SvgRenderer {
  const url = pathToFileURL(require.resolve('@hpcc-js/wasm-graphviz')).href;
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { url } });
  worker.unref();
  let failed: SvgRenderError | undefined;
  const waiting = new Set<(outcome: { svg?: string; error?: string }) => void>();
  const settleAll = (outcome: { error: string }) => {
    for (const settle of [...waiting]) settle(outcome);
  };
  worker.on('message', (m: { svg?: string; error?: string }) => [...waiting][0]?.(m));
  worker.on('error', (err) => settleAll({ error: err.message }));
  worker.on('exit', (code) => {
    const why = `its worker stopped (exit code ${code})`;
    failed = new SvgRenderError(`Graphviz could not lay the diagram out: ${why}`);
    settleAll({ error: why });
  });
  return {
    render(dot) {
      if (failed) return Promise.reject(failed);
      return new Promise<string>((resolve, reject) => {
        const settle = (m: { svg?: string; error?: string }) => {
          waiting.delete(settle);
          clearTimeout(timer);
          if (m.svg !== undefined) resolve(m.svg);
          else reject(new SvgRenderError(`Graphviz could not lay the diagram out: ${m.error}`));
        };
        // A ref'd timer: while a layout is awaited, the process waits for it (or for the bound).
        const timer = setTimeout(() => settle({ error: `no answer within ${timeoutMs / 1000} s` }), timeoutMs);
        waiting.add(settle);
        worker.postMessage(dot);
      });
    },
    close() {
      failed ??= new SvgRenderError('Graphviz could not lay the diagram out: its worker stopped (closed)');
      void worker.terminate();
    },
  };
}

/** SVG text of DOT source, in a worker of its own. */
export async function dotToSvg(dot: string, timeoutMs = SVG_TIMEOUT_MS): Promise<string> {
  const renderer = svgRenderer(timeoutMs);
  try {
    return await renderer.render(dot);
  } finally {
    renderer.close();
  }
}

/** The diagram as a standalone SVG document. */
export function renderSvg(graph: DiagramGraph): Promise<string> {
  return dotToSvg(renderDot(graph));
}
