// The progress store: one small JSON file per check run under <data dir>/runs. Each file is
// written atomically (write-file-atomic: a temporary name, fsync, rename), and names are unique per
// run, so concurrent runs (a class of thirty on a shared home, two terminals) never lose a result.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RequirementStatus } from '../check/types';
import type { CheckRunResult } from '../check/runner';

export const PROGRESS_FORMAT_VERSION = 1;

export interface ProgressRun {
  readonly formatVersion: typeof PROGRESS_FORMAT_VERSION;
  readonly lab: string;
  readonly region: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly requirements: readonly StoredRequirement[];
}

export interface StoredRequirement {
  readonly id: string;
  readonly status: RequirementStatus;
  /** What the check said (`mllab report` shows a lab's last result with them); absent when it said nothing. */
  readonly findings?: readonly string[];
}

const STATUSES: readonly RequirementStatus[] = ['pass', 'fail', 'error', 'skipped'];
/** An ISO 8601 UTC time as `Date.prototype.toISOString` writes it (seconds' fraction optional). */
const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const hasExactly = (value: object, keys: readonly string[]) => {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => own.includes(k));
};
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A stored run, exactly as `appendRun` writes it: every field present with its type, nothing else
 * (a hand-edited file or one from a newer format is ignored, not half-read). Checked by hand: the
 * store is read by `mllab list` and `progress`, whose start-up a schema library would triple.
 */
export function isProgressRun(value: unknown): value is ProgressRun {
  if (!isObject(value) || !hasExactly(value, ['formatVersion', 'lab', 'region', 'startedAt', 'durationMs', 'requirements'])) return false;
  const { formatVersion, lab, region, startedAt, durationMs, requirements } = value;
  return (
    formatVersion === PROGRESS_FORMAT_VERSION &&
    typeof lab === 'string' && lab.length > 0 &&
    typeof region === 'string' &&
    typeof startedAt === 'string' && UTC_TIME.test(startedAt) && !Number.isNaN(Date.parse(startedAt)) &&
    typeof durationMs === 'number' && Number.isFinite(durationMs) && durationMs >= 0 &&
    Array.isArray(requirements) &&
    requirements.every(
      (r) =>
        isObject(r) &&
        (hasExactly(r, ['id', 'status']) || (hasExactly(r, ['id', 'status', 'findings']) && Array.isArray(r.findings) && r.findings.every((f) => typeof f === 'string'))) &&
        typeof r.id === 'string' &&
        STATUSES.includes(r.status as RequirementStatus),
    )
  );
}

export class ProgressStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProgressStoreError';
  }
}

/**
 * `MLLAB_HOME`, else the platform's per-user data directory. Not env-paths: it reads the home folder
 * once at load and the platform from `process` (this takes both as arguments), adds `-nodejs` to the
 * name by default, and on Windows puts data in `%LOCALAPPDATA%\aws-ml-labs\Data`, a folder the
 * README and existing stores do not use.
 */
export function progressHome(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): string {
  if (env.MLLAB_HOME) return env.MLLAB_HOME;
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'aws-ml-labs');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'aws-ml-labs');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'aws-ml-labs');
}

function runsDir(home: string): string {
  return join(home, 'runs');
}

export function runOf(result: CheckRunResult): ProgressRun {
  return {
    formatVersion: PROGRESS_FORMAT_VERSION,
    lab: result.lab,
    region: result.region,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    requirements: result.requirements.map((r) => ({ id: r.id, status: r.status, ...(r.findings.length > 0 ? { findings: [...r.findings] } : {}) })),
  };
}

/** What a failed write means, for the codes a learner meets (https://nodejs.org/api/errors.html#common-system-errors). */
const WHY: Readonly<Record<string, string>> = {
  EROFS: ': the file system is read-only',
  EACCES: ': permission denied',
  EPERM: ': permission denied',
  ENOSPC: ': the disk is full',
};

/** Appends one run; returns the file written. */
export function appendRun(home: string, run: ProgressRun): string {
  const dir = runsDir(home);
  // Unique enough with the time, the lab and the process id; the random part covers two machines
  // sharing a home. Math.random, not node:crypto: this module loads with every `mllab list`, and
  // the name needs no secrecy.
  const suffix = Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, '0');
  const name = `${run.startedAt.replace(/[:.]/g, '-')}-${run.lab}-${process.pid}-${suffix}.json`;
  const file = join(dir, name);
  try {
    mkdirSync(dir, { recursive: true });
    // Required here, not at the top: loading it costs 5-10 ms, and `mllab list` loads this module
    // only to read. Its temporary file (`<name>.json.<hash>`) is not a `.json` name, so readRuns
    // never sees a half-written run.
    const atomic: typeof import('write-file-atomic') = require('write-file-atomic');
    atomic.sync(file, `${JSON.stringify(run)}\n`);
  } catch (err: any) {
    throw new ProgressStoreError(`cannot save progress in ${home}${WHY[err?.code] ?? ''} (${err?.code ?? err?.message}); set MLLAB_HOME to a writable directory`);
  }
  return file;
}

export interface StoredRuns {
  readonly runs: readonly ProgressRun[];
  /** Files that are not valid runs (hand-edited, from a newer mllab): left alone, counted. */
  readonly ignored: number;
}

/** Every stored run, oldest first. A missing store is an empty one. */
export function readRuns(home: string): StoredRuns {
  const dir = runsDir(home);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  } catch (err: any) {
    if (err?.code === 'ENOENT') return { runs: [], ignored: 0 };
    throw new ProgressStoreError(`cannot read progress in ${home} (${err?.code ?? err?.message}); set MLLAB_HOME to a readable directory`);
  }
  const runs: ProgressRun[] = [];
  let ignored = 0;
  for (const name of names) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      if (isProgressRun(parsed)) runs.push(parsed);
      else ignored++;
    } catch {
      ignored++;
    }
  }
  runs.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return { runs, ignored };
}
