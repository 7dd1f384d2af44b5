// The two pre-training bias metrics of the lab, computed from rows the way SageMaker Clarify defines
// them, and the rebalancing the reference solution applies. SDK-free: the generator, the reference
// solution and the tests share it, so the thresholds in lab.ts are proven on the shipped file.
import { mulberry32 } from '../prng';
import { COLUMNS, DISADVANTAGED, FACET, LABEL, POSITIVE_LABEL } from './lab';

export interface LoanRow {
  readonly fields: readonly string[];
  readonly group: string;
  readonly approved: number;
}

const FACET_INDEX = COLUMNS.indexOf(FACET);
const LABEL_INDEX = COLUMNS.indexOf(LABEL);

/** Rows of the shipped CSV (no header row, COLUMNS in order); a header row, if any, is skipped. */
export function parseLoans(csv: string): LoanRow[] {
  return csv
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith(`${COLUMNS[0]},`))
    .map((line) => {
      const fields = line.split(',');
      return { fields, group: fields[FACET_INDEX]!, approved: Number(fields[LABEL_INDEX]) };
    });
}

export function toCsv(rows: readonly LoanRow[]): string {
  return rows.map((r) => `${r.fields.join(',')}\n`).join('');
}

export interface BiasMetrics {
  /** Rows of the advantaged facet (not B) and of the disadvantaged one (B). */
  readonly na: number;
  readonly nd: number;
  /** Share of each facet's rows with the favourable label. */
  readonly qa: number;
  readonly qd: number;
  /** CI = (n_a - n_d) / (n_a + n_d), https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-bias-metric-class-imbalance.html */
  readonly ci: number;
  /** DPL = q_a - q_d, https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-data-bias-metric-true-label-imbalance.html */
  readonly dpl: number;
}

/** CI and DPL of facet value B against every other row, as Clarify reports them for facet value B. */
export function preTrainingMetrics(rows: readonly LoanRow[]): BiasMetrics {
  const d = rows.filter((r) => r.group === DISADVANTAGED);
  const a = rows.filter((r) => r.group !== DISADVANTAGED);
  const positive = (xs: readonly LoanRow[]) => xs.filter((r) => r.approved === POSITIVE_LABEL).length;
  const qa = positive(a) / a.length;
  const qd = positive(d) / d.length;
  return { na: a.length, nd: d.length, qa, qd, ci: (a.length - d.length) / rows.length, dpl: qa - qd };
}

/**
 * Resamples group B with replacement, approved and declined rows apart, until B has as many rows
 * as A and the same approval rate: both metrics go to zero. The reference technique; others pass too.
 */
export function stratifiedOversample(rows: readonly LoanRow[], seed: number): LoanRow[] {
  const random = mulberry32(seed);
  const a = rows.filter((r) => r.group !== DISADVANTAGED);
  const qa = a.filter((r) => r.approved === POSITIVE_LABEL).length / a.length;
  const wantApproved = Math.round(a.length * qa);
  const pick = (pool: readonly LoanRow[], n: number) => Array.from({ length: n }, () => pool[Math.floor(random() * pool.length)]!);
  const b = rows.filter((r) => r.group === DISADVANTAGED);
  const bApproved = b.filter((r) => r.approved === POSITIVE_LABEL);
  const bDeclined = b.filter((r) => r.approved !== POSITIVE_LABEL);
  return [...a, ...pick(bApproved, wantApproved), ...pick(bDeclined, a.length - wantApproved)];
}

/** Resamples group B with replacement to A's size, ignoring the label: fixes CI only. */
export function groupOversample(rows: readonly LoanRow[], seed: number): LoanRow[] {
  const random = mulberry32(seed);
  const a = rows.filter((r) => r.group !== DISADVANTAGED);
  const b = rows.filter((r) => r.group === DISADVANTAGED);
  return [...a, ...Array.from({ length: a.length }, () => b[Math.floor(random() * b.length)]!)];
}
