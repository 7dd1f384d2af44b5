// The four scenarios of metric-choice, the metric each calls for, and why every other metric
// misleads in the scenario's own numbers. SDK-free: the manifest, the checks and the README
// share it. Metric definitions: https://docs.aws.amazon.com/sagemaker/latest/dg/autopilot-metrics-validation.html

/** The metrics a learner may name, by their canonical id. */
export const METRICS = ['recall', 'precision', 'accuracy', 'f1', 'auc', 'aucpr', 'logloss', 'mae', 'rmse', 'mse', 'r2'] as const;
export type Metric = (typeof METRICS)[number];

/**
 * Every accepted spelling, compared after lower-casing and turning spaces, underscores and hyphens
 * into one space. XGBoost's eval_metric names (auc, aucpr, mae, rmse, error, logloss) and the
 * SageMaker metric names (validation:auc, validation:mae) are accepted, as are the names the
 * Autopilot metrics page uses (Recall, Precision, Accuracy, F1, AUC, MAE, RMSE, MSE, R2, LogLoss).
 * https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost-tuning.html
 */
const SPELLINGS: Readonly<Record<Metric, readonly string[]>> = {
  recall: ['recall', 'sensitivity', 'true positive rate', 'tpr'],
  precision: ['precision', 'positive predictive value', 'ppv'],
  accuracy: ['accuracy', 'error', 'error rate', 'classification error'],
  f1: ['f1', 'f1 score', 'f score', 'f measure'],
  auc: ['auc', 'roc auc', 'auc roc', 'auroc', 'area under the roc curve', 'area under the curve'],
  aucpr: ['aucpr', 'pr auc', 'auc pr', 'auprc', 'area under the precision recall curve', 'average precision'],
  logloss: ['logloss', 'log loss', 'cross entropy'],
  mae: ['mae', 'mean absolute error'],
  rmse: ['rmse', 'root mean squared error', 'root mean square error'],
  mse: ['mse', 'mean squared error', 'mean square error'],
  r2: ['r2', 'r squared', 'coefficient of determination'],
};

const BY_SPELLING = new Map<string, Metric>(
  (Object.entries(SPELLINGS) as [Metric, readonly string[]][]).flatMap(([metric, spellings]) => spellings.map((s) => [s, metric] as [string, Metric])),
);

/** A learner's spelling -> its metric, or undefined; `validation:` / `train:` prefixes are dropped. */
export function metricOf(spelling: string): Metric | undefined {
  const words = spelling
    .trim()
    .toLowerCase()
    .replace(/^(validation|train|test):/, '')
    .replace(/[\s_-]+/g, ' ')
    .trim();
  return BY_SPELLING.get(words) ?? BY_SPELLING.get(words.replace(/ /g, ''));
}

export interface Scenario {
  readonly id: 'screening' | 'spam' | 'fraud' | 'houses';
  readonly title: string;
  /** The metrics that fit; the first is the one the README's reference answer names. */
  readonly fits: readonly Metric[];
  /** Why a plausible wrong metric misleads here; other metrics get `otherwise`. */
  readonly wrong: Partial<Record<Metric, string>>;
  readonly otherwise: string;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'screening',
    title: 'a screening test: 10 in 1,000 people screened have the disease; a missed case costs $50,000 of late treatment, a false alarm a $200 follow-up test',
    fits: ['recall'],
    wrong: {
      precision: 'precision counts how many alarms were right; it rises when the test flags fewer people, and every person it stops flagging may be one of the 10 missed cases that cost $50,000 each, against $200 per false alarm.',
      accuracy: 'a test that flags nobody is 99% accurate here (990 of 1,000 right) and misses all 10 cases: $500,000 of late treatment that accuracy does not show.',
      f1: 'F1 weighs a missed case and a false alarm alike, but here a miss costs 250 times more ($50,000 against $200); recall is the measure of misses.',
      auc: 'AUC ranks the whole score range; the screening decision happens at one threshold, and what it must keep small there is the share of the 10 sick people missed, which is recall.',
    },
    otherwise: 'the cost that matters is a missed case ($50,000 each, against $200 per false alarm): the metric must count the share of sick people the test catches.',
  },
  {
    id: 'spam',
    title: 'a spam filter for a sales inbox: a customer order sent to the spam folder loses a $500 sale, a spam mail that gets through costs a second to delete',
    fits: ['precision'],
    wrong: {
      recall: 'recall counts how much spam was caught; it rises when the filter flags more mail, and every legitimate mail flagged by mistake may be a $500 order lost, against a second per spam let through.',
      accuracy: 'accuracy counts a lost $500 order and a spam let through as one error each; the filter must instead keep what it flags almost always spam.',
      f1: 'F1 weighs a lost order and a spam let through alike, when the first costs $500 and the second a second of attention; precision is the measure of false alarms.',
      auc: 'AUC averages over every threshold; the filter runs at one, and what it must keep small there is the share of flagged mail that was legitimate, which is precision.',
    },
    otherwise: 'the cost that matters is a false alarm (a $500 order in the spam folder): the metric must count how many flagged mails really were spam.',
  },
  {
    id: 'fraud',
    title: 'card fraud: 2% of payments are fraudulent, analysts review the riskiest payments each day, and the threshold moves with the size of the team',
    fits: ['auc', 'aucpr', 'f1'],
    wrong: {
      accuracy: 'at a 2% fraud rate a model that answers "not fraud" to every payment is 98% accurate and catches no fraud at all; accuracy cannot tell it from a useful model.',
      logloss: 'log loss rewards well-calibrated probabilities over all payments, 98% of them legitimate, so it is dominated by how confidently the model clears easy legitimate payments, not by how well it ranks fraud above them.',
      recall: 'recall alone is maximised by flagging every payment: 100% of fraud caught, and the analysts drown in 49 legitimate payments for each fraudulent one.',
      precision: 'precision alone is maximised by flagging only the one most obvious fraud; the analysts review the riskiest payments, so what matters is how well fraud is ranked above legitimate payments.',
    },
    otherwise: 'at a 2% positive rate the metric must reward ranking fraud above legitimate payments, whatever the threshold the team can afford.',
  },
  {
    id: 'houses',
    title: 'house prices: about 4% of recorded sale prices are typing errors four to ten times the true price, and the valuation is judged by how many dollars it is off on a typical house',
    fits: ['mae'],
    wrong: {
      rmse: 'RMSE squares each error before averaging: one $250,000 house recorded at $2,000,000 adds an error of $1,750,000, whose square outweighs those of about 4,900 houses missed by $25,000; the model chases the typing errors instead of the typical house. MAE counts that row as 70 typical misses, not 4,900.',
      mse: 'MSE squares each error: one typing error of $1,750,000 weighs as much as about 4,900 ordinary misses of $25,000, so the recording errors decide the score. MAE grows linearly with the error and forgives them.',
      r2: 'R² is 1 minus the squared error over the variance: it inherits the squared error\'s obsession with the few rows recorded ten times too high.',
    },
    otherwise: 'the valuation is judged in dollars off on a typical house, and a few rows recorded four to ten times too high must not dominate the score.',
  },
];

/** The finding when `metric` was chosen for `scenario` and does not fit. */
export function wrongMetricFinding(scenario: Scenario, metric: Metric): string {
  return `${scenario.id}: ${metric} does not fit ${scenario.title}: ${scenario.wrong[metric] ?? scenario.otherwise}`;
}
