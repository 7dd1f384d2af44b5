import type { CheckRunResult, ResultCause } from '../check/runner';

/**
 * The version of the `--json` shape. Raised when a key changes meaning or goes away; keys may be
 * added within a version. 1: the shape of issue 7 plus `schemaVersion`, `mllabVersion`,
 * `replayed` and `precondition` (issue 18).
 */
export const JSON_SCHEMA_VERSION = 1;

/** The stable `--json` shape: keys in this order, nothing else, so scripts can rely on it. */
export interface JsonReport {
  readonly schemaVersion: typeof JSON_SCHEMA_VERSION;
  /** The mllab version that produced the report. */
  readonly mllabVersion: string;
  readonly lab: string;
  readonly region: string;
  /** True when answers came from a cassette (`--replay`), so the report says nothing about an account. */
  readonly replayed: boolean;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly summary: { readonly passed: number; readonly failed: number; readonly errors: number; readonly skipped: number };
  /** The one cause every requirement that ran shares (no credentials, endpoint down, lab stack missing), or null. */
  readonly precondition: { readonly cause: ResultCause; readonly message: string } | null;
  readonly requirements: readonly {
    readonly id: string;
    readonly title: string;
    readonly status: 'pass' | 'fail' | 'error' | 'skipped';
    readonly findings: readonly string[];
    readonly hint: string;
    readonly docs: string;
  }[];
}

export interface JsonMeta {
  readonly mllabVersion: string;
  readonly replayed: boolean;
}

export function toJsonReport(result: CheckRunResult, meta: JsonMeta): JsonReport {
  const { passed, failed, errors, skipped } = result.summary;
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    mllabVersion: meta.mllabVersion,
    lab: result.lab,
    region: result.region,
    replayed: meta.replayed,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    summary: { passed, failed, errors, skipped },
    precondition: result.precondition ? { cause: result.precondition.cause, message: result.precondition.message } : null,
    requirements: result.requirements.map((r) => ({ id: r.id, title: r.title, status: r.status, findings: [...r.findings], hint: r.hint, docs: r.docs })),
  };
}

export function renderJson(result: CheckRunResult, meta: JsonMeta): string {
  return `${JSON.stringify(toJsonReport(result, meta), null, 2)}\n`;
}
