// How long checking a class takes, modelled on a virtual clock (no AWS is reachable from here): the
// real class-check code (lib/class: classCheck, the Lambda's checkLearner, the runner and a real lab's
// checks answering from its passing cassette) runs over simulated learners whose calls take time and
// are throttled by the documented (or, where AWS documents none, stated) limits. The SDK's retries on
// throttling are modelled with the SDK's own constants (@smithy/util-retry, standard mode).
import { join } from 'node:path';
import FakeTimers from '@sinonjs/fake-timers';
import { DEFAULT_MAX_ATTEMPTS, MAXIMUM_RETRY_DELAY, THROTTLING_RETRY_DELAY_BASE } from '@smithy/util-retry';
import { loadChecks } from '../labs/checks';
import { findLab } from '../labs/index';
import { gaussian, mulberry32 } from '../labs/prng';
import { loadCassette, replayTransport } from '../lib/cassette';
import { classCheck, type ClassCheckDeps, type Credentials } from '../lib/class/check';
import { checkLearner } from '../lib/class/lambda';
import type { Learner } from '../lib/class/roster';
import { CheckSession, type CallTransport } from '../lib/check/session';
import type { LabChecks } from '../lib/check/types';
import type { LabManifest } from '../lib/model';
import { packageRoot } from '../lib/package-root';

export interface SimulationLimits {
  /** Learners checked at once by `mllab class check` (its --concurrency; default 16). */
  readonly localConcurrency: number;
  /** The Distributed Map's MaxConcurrency (MlLab-class default 1,000; at most 10,000). */
  readonly mapMaxConcurrency: number;
  /**
   * Lambda: 1,000 concurrent executions per account and Region by default
   * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html), and each function
   * scales by at most 1,000 execution environments every 10 seconds
   * (https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html).
   */
  readonly lambdaConcurrency: number;
  readonly lambdaScalePer10s: number;
  /** Assumed: the bundled check function's cold start (init of a ~2 MB minified bundle on Node.js). */
  readonly lambdaColdStartMs: number;
  /** Assumed: Step Functions' time to start a child execution and invoke its task. */
  readonly childStartMs: number;
  /**
   * AssumeRole calls per second the instructor's account may make (every assume counts there).
   * Assumed: the IAM and STS quotas page (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)
   * publishes no AssumeRole request rate, so this is a stated model parameter, not a documented one.
   */
  readonly stsRatePerSecond: number;
  /** Assumed: read calls per second a learner account answers per operation before throttling. */
  readonly learnerApiRatePerSecond: number;
  /** Assumed: median latency of one read call, and of one AssumeRole call (log-normal spread). */
  readonly callLatencyMs: number;
  readonly stsLatencyMs: number;
}

export const DEFAULT_LIMITS: SimulationLimits = {
  localConcurrency: 16,
  mapMaxConcurrency: 1000,
  lambdaConcurrency: 1000,
  lambdaScalePer10s: 1000,
  lambdaColdStartMs: 800,
  childStartMs: 150,
  stsRatePerSecond: 100,
  learnerApiRatePerSecond: 20,
  callLatencyMs: 60,
  stsLatencyMs: 40,
};

/** Where the modelled time went, in learner-seconds: the largest is the binding limit. */
export type WaitKind = 'local concurrency' | 'Map MaxConcurrency' | 'Lambda concurrency and scaling' | 'Lambda cold starts' | 'STS AssumeRole rate' | 'learner account API rate';

export interface SimulationReport {
  readonly mode: 'local' | 'step-functions';
  readonly learners: number;
  readonly lab: string;
  /** Modelled wall time, from the first call to the last verdict. */
  readonly wallMs: number;
  readonly checked: number;
  readonly errors: number;
  readonly waits: Readonly<Record<WaitKind, number>>;
  /** The wait kind that took the most learner-time; undefined when nothing waited. */
  readonly binding?: WaitKind;
}

/** A token bucket refilled continuously: `take()` is false when the rate is exceeded. */
class Bucket {
  private tokens: number;
  private at = Date.now();
  constructor(private readonly rate: number, private readonly burst = rate) {
    this.tokens = burst;
  }
  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.rate);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A throttling error as the SDK raises it once its retries are spent. */
function throttlingError(): Error {
  return Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 }, $fault: 'client' });
}

export async function simulate(mode: 'local' | 'step-functions', learners: number, limits: SimulationLimits = DEFAULT_LIMITS, labId = 'streaming-ingest', seed = 1): Promise<SimulationReport> {
  const lab = findLab(labId)!;
  const checks = (await loadChecks(labId))!;
  const cassette = loadCassette(join(packageRoot(), 'labs', labId, 'cassettes', 'pass.json'));
  const clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: 0 });
  try {
    const run = runModel(mode, lab, checks, cassette, learners, limits, seed);
    let report: SimulationReport | undefined;
    let failure: unknown;
    run.then(
      (r) => (report = r),
      (err) => (failure = err),
    );
    while (!report && !failure) await clock.nextAsync();
    if (failure) throw failure;
    return report!;
  } finally {
    clock.uninstall();
  }
}

async function runModel(
  mode: 'local' | 'step-functions',
  lab: LabManifest,
  checks: LabChecks,
  cassette: ReturnType<typeof loadCassette>,
  count: number,
  limits: SimulationLimits,
  seed: number,
): Promise<SimulationReport> {
  const random = mulberry32(seed);
  // Log-normal around the median, sigma 0.5: most calls near it, a few slow ones.
  const latency = (median: number) => median * Math.exp(0.5 * gaussian(random));
  const waits: Record<WaitKind, number> = {
    'local concurrency': 0,
    'Map MaxConcurrency': 0,
    'Lambda concurrency and scaling': 0,
    'Lambda cold starts': 0,
    'STS AssumeRole rate': 0,
    'learner account API rate': 0,
  };
  /** The SDK's standard retry on throttling: up to 3 attempts, full-jitter backoff from the throttling base. */
  const withSdkRetries = async <T>(kind: WaitKind, attempt: () => T | undefined): Promise<T> => {
    for (let n = 1; ; n++) {
      const answer = attempt();
      if (answer !== undefined) return answer;
      if (n >= DEFAULT_MAX_ATTEMPTS) throw throttlingError();
      const delay = random() * Math.min(MAXIMUM_RETRY_DELAY, THROTTLING_RETRY_DELAY_BASE * 2 ** (n - 1));
      waits[kind] += delay;
      await sleep(delay);
    }
  };

  const sts = new Bucket(limits.stsRatePerSecond);
  const credentials: Credentials = { accessKeyId: 'ASIASIMULATED', secretAccessKey: 'simulated' };
  const assumeRole: ClassCheckDeps['assumeRole'] = async () => {
    await sleep(latency(limits.stsLatencyMs));
    return withSdkRetries('STS AssumeRole rate', () => (sts.take() ? credentials : undefined));
  };
  const accountBuckets = new Map<string, Bucket>();
  const session = (learner: Learner): CheckSession => {
    const replay = replayTransport(cassette);
    const transport: CallTransport = {
      async send(call) {
        await sleep(latency(limits.callLatencyMs));
        const key = `${learner.account}:${call.service}:${call.operation}`;
        let bucket = accountBuckets.get(key);
        if (!bucket) accountBuckets.set(key, (bucket = new Bucket(limits.learnerApiRatePerSecond)));
        await withSdkRetries('learner account API rate', () => (bucket!.take() ? true : undefined));
        return replay.send(call);
      },
    };
    return new CheckSession({ region: learner.region, transport });
  };
  const roster: Learner[] = Array.from({ length: count }, (_v, i) => ({ name: `learner-${i + 1}`, account: String(100000000000 + i), region: 'us-east-1' }));
  const deps: ClassCheckDeps = { assumeRole, session: (learner) => session(learner) };

  const t0 = Date.now();
  let checked = 0;
  let errors = 0;
  if (mode === 'local') {
    const queued = new Map<string, number>(roster.map((l) => [l.account, Date.now()]));
    const startedAt = new Map<string, number>();
    const wrapped: ClassCheckDeps = {
      assumeRole: (learner, arn, signal) => {
        if (!startedAt.has(learner.account)) {
          startedAt.set(learner.account, Date.now());
          waits['local concurrency'] += Date.now() - queued.get(learner.account)!;
        }
        return assumeRole(learner, arn, signal);
      },
      session: deps.session!,
    };
    const result = await classCheck(lab, checks, roster, wrapped, { concurrency: limits.localConcurrency });
    checked = result.summary.learners - result.summary.errors;
    errors = result.summary.errors;
  } else {
    // Step Functions: the Map starts children up to MaxConcurrency; each child invokes the check
    // function, which needs an execution environment (Lambda's concurrency and scaling rate; a cold
    // start for a new one), and is retried by the state machine's Retry (1 s, x2, 6 attempts, full jitter).
    const warm: number[] = [];
    let environments = 0;
    const scaleWindow: number[] = [];
    const environment = async (): Promise<void> => {
      for (;;) {
        if (warm.length > 0) {
          warm.pop();
          return;
        }
        const now = Date.now();
        while (scaleWindow.length > 0 && scaleWindow[0]! <= now - 10_000) scaleWindow.shift();
        if (environments < limits.lambdaConcurrency && scaleWindow.length < limits.lambdaScalePer10s) {
          environments++;
          scaleWindow.push(now);
          const cold = latency(limits.lambdaColdStartMs);
          waits['Lambda cold starts'] += cold;
          await sleep(cold);
          return;
        }
        waits['Lambda concurrency and scaling'] += 100;
        await sleep(100);
      }
    };
    const release = () => {
      warm.push(Date.now());
    };
    let running = 0;
    const waiting: (() => void)[] = [];
    const slot = async () => {
      if (running < limits.mapMaxConcurrency) {
        running++;
        return;
      }
      const queuedAt = Date.now();
      await new Promise<void>((resolve) => waiting.push(resolve));
      waits['Map MaxConcurrency'] += Date.now() - queuedAt;
    };
    const free = () => {
      const next = waiting.shift();
      if (next) next();
      else running--;
    };
    const child = async (learner: Learner) => {
      await slot();
      try {
        await sleep(latency(limits.childStartMs));
        for (let attempt = 1; ; attempt++) {
          await environment();
          try {
            const row = await checkLearner({ lab: lab.id, learner }, { ...deps, manifest: () => lab, checks: async () => checks });
            if (row.status === 'error') errors++;
            else checked++;
            return;
          } catch (err: any) {
            if (err?.name !== 'mllab.Throttled' || attempt >= 6) {
              errors++;
              return;
            }
            const delay = random() * 1000 * 2 ** (attempt - 1);
            waits['STS AssumeRole rate'] += delay;
            await sleep(delay);
          } finally {
            release();
          }
        }
      } finally {
        free();
      }
    };
    await Promise.all(roster.map(child));
  }
  const wallMs = Date.now() - t0;
  const ranked = (Object.entries(waits) as [WaitKind, number][]).filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]);
  return { mode, learners: count, lab: lab.id, wallMs, checked, errors, waits, ...(ranked[0] ? { binding: ranked[0][0] } : {}) };
}

/** The benchmark's lines: 30 learners locally, 1,000 on Step Functions, against their goals. */
export async function classSimulationLines(): Promise<string[]> {
  const local = await simulate('local', 30);
  const sfn = await simulate('step-functions', 1000);
  const line = (r: SimulationReport, goalMs: number) =>
    `class check, ${r.mode === 'local' ? 'local mode' : 'Step Functions'}: ${r.learners} learners of ${r.lab} in ${(r.wallMs / 1000).toFixed(1)} s modelled (goal under ${goalMs / 1000} s: ${r.wallMs < goalMs ? 'met' : 'MISSED'}); ${r.checked} checked, ${r.errors} errors; binding limit: ${r.binding ?? 'none'}`;
  return [line(local, 10_000), line(sfn, 60_000)];
}

if (require.main === module) {
  classSimulationLines().then(
    (lines) => process.stdout.write(`${lines.join('\n')}\n`),
    (err) => {
      process.stderr.write(`${err?.stack ?? err}\n`);
      process.exitCode = 1;
    },
  );
}
