// npm run bench: how close each lab's check comes to its floor, how fast `mllab` starts, and how long
// `mllab cost <lab>` takes from start to exit.
//
// For every registered lab, its passing cassette (labs/<id>/cassettes/pass.json) is replayed with a
// fixed latency added to every call. The floor is that latency times the longest chain of
// dependent calls, measured exactly on a virtual clock: the run is driven with unlimited
// concurrency, and time advances only when every check is waiting on a call, so the virtual end
// time is the chain length whatever the machine. The real run then uses the CLI's defaults.
import '../lib/cli/quiet-sdk';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allLabs } from '../labs';
import { loadChecks } from '../labs/checks';
import { loadCassette, replayTransport, type Cassette } from '../lib/cassette';
import { DEFAULT_CONCURRENCY, runLab } from '../lib/check/runner';
import { CheckSession, type CallTransport } from '../lib/check/session';
import type { LabChecks } from '../lib/check/types';
import { lookupStoredTemplates } from '../lib/cost/stored-templates';
import type { LabManifest } from '../lib/model';
import { packageRoot } from '../lib/package-root';
import { classSimulationLines } from './class-simulation';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 25);
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 15);
const COST_RUNS = Number(process.env.BENCH_COST_RUNS ?? 9);

const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The longest chain of dependent calls of a lab's check, on a virtual clock. */
async function chainLength(lab: LabManifest, checks: LabChecks, cassette: Cassette): Promise<number> {
  let now = 0;
  const pending: { at: number; resolve: () => void }[] = [];
  const replay = replayTransport(cassette);
  const transport: CallTransport = {
    send: async (call) => {
      await new Promise<void>((resolve) => pending.push({ at: now + 1, resolve }));
      return replay.send(call);
    },
  };
  const session = new CheckSession({ region: cassette.region, transport });
  let done = false;
  const run = runLab(session, lab, checks, { concurrency: 10_000, timeoutMs: 600_000 }).finally(() => (done = true));
  for (let idle = 0; !done; ) {
    // Let every check run until it waits on a call (or finishes).
    for (let i = 0; i < 20; i++) await immediate();
    if (done) break;
    if (pending.length === 0) {
      if (++idle > 1000) throw new Error(`${lab.id}: a check waits on something other than an SDK call`);
      continue;
    }
    idle = 0;
    now = Math.min(...pending.map((p) => p.at));
    for (const p of pending.filter((q) => q.at <= now)) {
      pending.splice(pending.indexOf(p), 1);
      p.resolve();
    }
  }
  await run;
  session.destroy();
  return now;
}

async function timedRun(lab: LabManifest, checks: LabChecks, cassette: Cassette, concurrency = DEFAULT_CONCURRENCY) {
  const replay = replayTransport(cassette);
  const transport: CallTransport = {
    send: async (call) => {
      await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
      return replay.send(call);
    },
  };
  const session = new CheckSession({ region: cassette.region, transport });
  const started = process.hrtime.bigint();
  const result = await runLab(session, lab, checks, { concurrency });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  session.destroy();
  return { wallMs, calls: session.callsSent, result };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function timeCommand(args: string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const out = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
  if (out.status !== 0) throw new Error(`node ${args.join(' ')} exited ${out.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main(): Promise<void> {
  const root = packageRoot();
  console.log(`Replaying each lab's pass cassette with ${LATENCY_MS} ms added per call (concurrency ${DEFAULT_CONCURRENCY}).`);
  console.log('');
  console.log(`${'lab'.padEnd(22)} ${'reqs'.padStart(4)} ${'calls'.padStart(5)} ${'chain'.padStart(5)} ${'wall ms'.padStart(8)} ${'floor ms'.padStart(8)} ${'wall/floor'.padStart(10)} ${'serial ms'.padStart(9)}  verdict`);
  for (const lab of allLabs()) {
    const file = join(root, 'labs', lab.id, 'cassettes', 'pass.json');
    if (!existsSync(file)) {
      console.log(`${lab.id.padEnd(22)} no cassettes/pass.json`);
      continue;
    }
    const cassette = loadCassette(file);
    const checks = await loadChecks(lab.id);
    if (!checks) throw new Error(`${lab.id} has no checks in labs/checks.ts`);
    const chain = await chainLength(lab, checks, cassette);
    const { wallMs, calls, result } = await timedRun(lab, checks, cassette);
    // One requirement at a time, for comparison: what the concurrency buys.
    const serial = await timedRun(lab, checks, cassette, 1);
    const floor = chain * LATENCY_MS;
    const verdict = `${result.summary.passed} passed, ${result.summary.failed} failed${result.summary.errors + result.summary.skipped ? `, ${result.summary.errors} errors, ${result.summary.skipped} skipped` : ''}`;
    console.log(
      `${lab.id.padEnd(22)} ${String(lab.requirements.length).padStart(4)} ${String(calls).padStart(5)} ${String(chain).padStart(5)} ${wallMs.toFixed(0).padStart(8)} ${String(floor).padStart(8)} ${(wallMs / floor).toFixed(2).padStart(10)} ${serial.wallMs.toFixed(0).padStart(9)}  ${verdict}`,
    );
  }

  const cli = join(root, 'dist', 'bin', 'mllab.js');
  const home = mkdtempSync(join(tmpdir(), 'mllab-bench-'));
  try {
    const env = { ...process.env, MLLAB_HOME: home };
    // What a user feels: whole processes, each spawned and timed by its wall clock from spawn to exit,
    // the two commands alternating so that a change in the machine's load touches both alike.
    timeCommand(['-e', '0'], env);
    timeCommand([cli, 'list'], env);
    const bare: number[] = [];
    const list: number[] = [];
    for (let i = 0; i < STARTUP_RUNS; i++) {
      bare.push(timeCommand(['-e', '0'], env));
      list.push(timeCommand([cli, 'list'], env));
    }
    console.log('');
    console.log(`Start-up, whole processes, median of ${STARTUP_RUNS} alternating runs: node -e 0 ${median(bare).toFixed(1)} ms, mllab list ${median(list).toFixed(1)} ms, ratio ${(median(list) / median(bare)).toFixed(2)}`);
    // mllab cost prices the templates the build stored (lib/cost/stored-templates.ts); a figure of
    // seconds here means they were missing or stale and every run synthesised.
    const costLab = allLabs()[0]!.id;
    const stored = lookupStoredTemplates().ok ? 'stored templates' : 'synthesised: stored templates missing or stale';
    const cost: number[] = [];
    for (let i = 0; i < COST_RUNS; i++) cost.push(timeCommand([cli, 'cost', costLab], env));
    console.log(`mllab cost ${costLab}, whole processes, median of ${COST_RUNS} runs: ${median(cost).toFixed(1)} ms (${stored})`);
    // mllab diagram runs the lab's checks and then its own reads through the same session (memo hits),
    // so on the same cassette it should cost little more than mllab check (the aim: under 1.5x); with
    // --format svg, Graphviz's WebAssembly loads in a worker meanwhile. Whole processes, alternating.
    const diagramRuns = Number(process.env.BENCH_DIAGRAM_RUNS ?? 5);
    const ratios: { text: number; svg: number }[] = [];
    console.log('');
    console.log(`mllab diagram (text, svg) vs mllab check on each lab's pass cassette, whole processes, median of ${diagramRuns} alternating runs:`);
    for (const lab of allLabs().filter((l) => existsSync(join(root, 'labs', l.id, 'cassettes', 'pass.json')))) {
      const replay = ['--replay', join(root, 'labs', lab.id, 'cassettes', 'pass.json')];
      const times = { check: [] as number[], text: [] as number[], svg: [] as number[] };
      try {
        for (let i = 0; i < diagramRuns; i++) {
          times.check.push(timeCommand([cli, 'check', lab.id, ...replay], env));
          times.text.push(timeCommand([cli, 'diagram', lab.id, ...replay], env));
          times.svg.push(timeCommand([cli, 'diagram', lab.id, ...replay, '--format', 'svg'], env));
        }
      } catch (err) {
        console.log(`  ${lab.id.padEnd(22)} not measured: ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      const [check, text, svg] = [median(times.check), median(times.text), median(times.svg)];
      ratios.push({ text: text / check, svg: svg / check });
      console.log(`  ${lab.id.padEnd(22)} check ${check.toFixed(1).padStart(7)} ms   diagram ${text.toFixed(1).padStart(7)} ms (${(text / check).toFixed(2)})   svg ${svg.toFixed(1).padStart(7)} ms (${(svg / check).toFixed(2)})`);
    }
    console.log(`  largest ratio: text ${Math.max(...ratios.map((r) => r.text)).toFixed(2)}, svg ${Math.max(...ratios.map((r) => r.svg)).toFixed(2)}`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }

  // Class mode at scale, modelled on a virtual clock (nothing reaches AWS): scripts/class-simulation.ts.
  console.log('');
  console.log('class check, modelled (the real class-check code on a virtual clock; limits in scripts/class-simulation.ts):');
  for (const line of await classSimulationLines()) console.log(`  ${line}`);
}

main().catch((err) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
