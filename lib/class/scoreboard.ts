// The class's scoreboard, learner x requirement, in every form an instructor hands on: a table on the
// terminal, JSON, CSV for a spreadsheet, and one JUnit file per learner for a CI dashboard. Built
// from the class result alone: it holds no credential and no external id.
import junitReportBuilder from 'junit-report-builder';
import type { RequirementStatus } from '../check/types';
import type { LabManifest } from '../model';
import { renderJunit } from '../reporters/junit';
import { fittedTable } from '../reporters/table';
import { painter, sanitize, type Style } from '../reporters/text';
import type { ClassResult, LearnerResult } from './check';

export const SCOREBOARD_SCHEMA_VERSION = 1;

export interface ScoreboardLearner {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly status: 'checked' | 'error';
  readonly passed: number;
  readonly total: number;
  /** Requirement id -> status; absent when the checks could not run. */
  readonly requirements?: Readonly<Record<string, RequirementStatus>>;
  /** Requirement id -> findings, for the report. */
  readonly findings?: Readonly<Record<string, readonly string[]>>;
  readonly error?: string;
  readonly durationMs: number;
}

export interface Scoreboard {
  readonly schemaVersion: typeof SCOREBOARD_SCHEMA_VERSION;
  readonly lab: string;
  readonly requirements: readonly { readonly id: string; readonly title: string }[];
  readonly startedAt: string;
  readonly durationMs: number;
  readonly summary: ClassResult['summary'];
  readonly learners: readonly ScoreboardLearner[];
}

function learnerRow(l: LearnerResult, total: number): ScoreboardLearner {
  const base = { name: l.learner.name, account: l.learner.account, region: l.learner.region, total, durationMs: l.durationMs };
  if (l.status === 'error' || !l.result) return { ...base, status: 'error', passed: 0, error: l.error ?? 'the checks could not run' };
  return {
    ...base,
    status: 'checked',
    passed: l.result.summary.passed,
    requirements: Object.fromEntries(l.result.requirements.map((r) => [r.id, r.status])),
    findings: Object.fromEntries(l.result.requirements.map((r) => [r.id, r.findings])),
  };
}

export function toScoreboard(result: ClassResult, lab: LabManifest): Scoreboard {
  return {
    schemaVersion: SCOREBOARD_SCHEMA_VERSION,
    lab: lab.id,
    requirements: lab.requirements.map((r) => ({ id: r.id, title: r.title })),
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    summary: result.summary,
    learners: result.learners.map((l) => learnerRow(l, lab.requirements.length)),
  };
}

const MARK: Record<RequirementStatus, [string, Style]> = { pass: ['✔', 'green'], fail: ['✘', 'red'], error: ['!', 'yellow'], skipped: ['-', 'gray'] };

export function summaryLine(board: Scoreboard): string {
  const { learners, allPassed, someFailed, errors } = board.summary;
  return `${learners} learners: ${allPassed} passed every requirement, ${someFailed} have some to do, ${errors} could not be checked`;
}

/** Learner x requirement, with a score column and, for a learner that could not be checked, why. */
export function renderScoreboard(board: Scoreboard, options: { color: boolean; width?: number }): string {
  const paint = painter(options.color);
  const ids = board.requirements.map((r) => r.id);
  const rows = board.learners.map((l) => [
    sanitize(l.name),
    ...ids.map((id) => {
      const status = l.requirements?.[id];
      if (!status) return '';
      const [symbol, style] = MARK[status];
      return paint(style, symbol);
    }),
    l.status === 'error' ? paint('yellow', 'error') : `${l.passed}/${l.total}`,
    l.status === 'error' ? sanitize(l.error ?? '') : '',
  ]);
  const fixed = [...ids.map((_id, i) => i + 1), ids.length + 1];
  const table = fittedTable(['learner', ...ids, 'score', 'note'], rows, { ...(options.width ? { width: options.width } : {}), fixed, weights: [1, 3] });
  return `${table}\n${summaryLine(board)}\n`;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One line per learner: name, account, region, each requirement's status, passed, total, error.
 * A cell starting with = + - @ is what spreadsheets run as a formula: learner names are prefixed
 * with an apostrophe there (OWASP "CSV Injection").
 */
export function renderCsv(board: Scoreboard): string {
  const ids = board.requirements.map((r) => r.id);
  const safe = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
  const lines = [
    ['name', 'account', 'region', ...ids, 'passed', 'total', 'error'],
    ...board.learners.map((l) => [safe(l.name), l.account, l.region, ...ids.map((id) => l.requirements?.[id] ?? ''), l.passed, l.total, safe(l.error ?? '')]),
  ];
  return `${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** One JUnit report per learner, checked or not (a learner whose checks could not run is one <error>): file name -> XML. */
export function junitFiles(result: ClassResult): Map<string, string> {
  const files = new Map<string, string>();
  for (const l of result.learners) {
    const base = `${l.learner.name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'learner'}-${l.learner.account}`;
    files.set(`${base}.xml`, l.result ? renderJunit(l.result) : junitError(result.lab, l.error ?? 'the checks could not run'));
  }
  return files;
}

function junitError(lab: string, message: string): string {
  const builder = junitReportBuilder.newBuilder();
  builder.testSuite().name(`mllab check ${lab}`).testCase().className(`mllab.${lab}`).name('checker role').error(sanitize(message), 'could-not-check');
  return builder.build();
}
