// The progress store: one small JSON file per check run under <data dir>/runs. Each file is
// written to a temporary name and renamed into place, and names are unique per run, so
// concurrent runs (a class of thirty on a shared home, two terminals) never lose a result.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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
  readonly requirements: readonly { readonly id: string; readonly status: RequirementStatus }[];
}

/** Built on first use: zod costs ~35 ms to load, which `mllab list` on an empty store need not pay. */
let runSchema: { safeParse(v: unknown): { success: true; data: ProgressRun } | { success: false } } | undefined;
function schema() {
  if (!runSchema) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { z } = require('zod') as typeof import('zod');
    runSchema = z
      .object({
        formatVersion: z.literal(PROGRESS_FORMAT_VERSION),
        lab: z.string().min(1),
        region: z.string(),
        startedAt: z.string().datetime(),
        durationMs: z.number().nonnegative(),
        requirements: z.array(z.object({ id: z.string(), status: z.enum(['pass', 'fail', 'error', 'skipped']) }).strict()),
      })
      .strict() as any;
  }
  return runSchema!;
}

export class ProgressStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProgressStoreError';
  }
}

/** `MLLAB_HOME`, else the platform's per-user data directory. */
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
    requirements: result.requirements.map((r) => ({ id: r.id, status: r.status })),
  };
}

/** Appends one run; returns the file written. */
export function appendRun(home: string, run: ProgressRun): string {
  const dir = runsDir(home);
  const name = `${run.startedAt.replace(/[:.]/g, '-')}-${run.lab}-${process.pid}-${randomBytes(4).toString('hex')}.json`;
  const file = join(dir, name);
  try {
    mkdirSync(dir, { recursive: true });
    const temp = join(dir, `.${name}.tmp`);
    writeFileSync(temp, `${JSON.stringify(run)}\n`, { flag: 'wx' });
    renameSync(temp, file);
  } catch (err: any) {
    throw new ProgressStoreError(`cannot save progress in ${home} (${err?.code ?? err?.message}); set MLLAB_HOME to a writable directory`);
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
      const parsed = schema().safeParse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      if (parsed.success) runs.push(parsed.data);
      else ignored++;
    } catch {
      ignored++;
    }
  }
  runs.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return { runs, ignored };
}
