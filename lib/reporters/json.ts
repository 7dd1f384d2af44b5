import type { CheckRunResult } from '../check/runner';

/** The stable `--json` shape (issue 7): keys in this order, nothing else, so scripts can rely on it. */
export interface JsonReport {
  readonly lab: string;
  readonly region: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly summary: { readonly passed: number; readonly failed: number; readonly errors: number; readonly skipped: number };
  readonly requirements: readonly {
    readonly id: string;
    readonly title: string;
    readonly status: 'pass' | 'fail' | 'error' | 'skipped';
    readonly findings: readonly string[];
    readonly hint: string;
    readonly docs: string;
  }[];
}

export function toJsonReport(result: CheckRunResult): JsonReport {
  const { passed, failed, errors, skipped } = result.summary;
  return {
    lab: result.lab,
    region: result.region,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    summary: { passed, failed, errors, skipped },
    requirements: result.requirements.map((r) => ({ id: r.id, title: r.title, status: r.status, findings: [...r.findings], hint: r.hint, docs: r.docs })),
  };
}

export function renderJson(result: CheckRunResult): string {
  return `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
}
