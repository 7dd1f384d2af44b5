// The three business problems of the lab: which built-in algorithm and mode fits each, how the
// learner's job is judged, and why each plausible other choice does not fit.
import type { DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { DEMAND, PRICES, TICKETS } from './data-spec';
import { hyperparameter } from '../../lib/check/sagemaker';
import { PROBLEM_PREFIXES } from './lab';
import { channelContentType, channelUri, describeImage, KNOWN_IMAGES, positiveInteger } from './training-jobs';

export type ProblemId = keyof typeof PROBLEM_PREFIXES;

export interface Problem {
  readonly id: ProblemId;
  /** Training jobs for this problem are named `<jobPrefix><anything>`. */
  readonly jobPrefix: string;
  /** `the weekly demand forecast`, for findings. */
  readonly task: string;
  /** The image repository of the algorithm that fits. */
  readonly repository: string;
  /** Where the shipped data sit in the lab bucket. */
  readonly dataPrefix: string;
  /** The channel that must read the shipped training data, and the optional evaluation channel. */
  readonly evaluationChannel: string;
  /** Why the fitting algorithm fits: appended to every wrong-algorithm finding. */
  readonly whyThisAlgorithm: string;
  /** Why a specific other image does not fit, by repository. */
  readonly whyNot: Readonly<Record<string, string>>;
  /** Problems with the mode-defining hyperparameters of a job that runs the right algorithm. */
  readonly judgeHyperparameters: (job: DescribeTrainingJobResponse) => string[];
  /** One clause naming the settings that passed, for the pass finding. */
  readonly settingsSummary: (job: DescribeTrainingJobResponse) => string;
}

const show = (value: string | undefined) => (value === undefined ? 'not set' : `'${value}'`);

/** Tabular algorithms all fail the two non-tabular problems for the same reason. */
const TABULAR_ON_SERIES =
  'it treats every row on its own: a forecast with it needs lag and calendar features you build by hand, one row per store and week, and it still learns nothing shared across the stores\' series unless you engineer that too';
const NUMBERS_NOT_TEXT =
  'it needs numeric feature vectors (CSV or RecordIO-protobuf rows), so raw ticket text would first need a vocabulary and a vectorising step that you build and maintain';

/**
 * time_freq is "an integer followed by M, W, D, H, or min", the integer optional for one unit
 * (`W`, `1W`, `5min`): every spelling of one week is weekly; `2W` is every other week.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/deepar_hyperparameters.html (time_freq)
 */
const WEEKLY = 'W';
const TIME_FREQ = /^(\d*)(M|W|D|H|min)$/;

/** The frequency a time_freq value names, as a multiple of a unit, or undefined when unreadable. */
export function parseTimeFreq(value: string | undefined): { readonly multiple: number; readonly unit: string } | undefined {
  const match = TIME_FREQ.exec(value ?? '');
  if (!match) return undefined;
  const multiple = match[1] === '' ? 1 : Number(match[1]);
  return multiple > 0 ? { multiple, unit: match[2]! } : undefined;
}

const isWeekly = (value: string | undefined): boolean => {
  const freq = parseTimeFreq(value);
  return freq?.unit === WEEKLY && freq.multiple === 1;
};
/** https://docs.aws.amazon.com/sagemaker/latest/dg/blazingtext_hyperparameters.html: Word2Vec modes vs text classification. */
const WORD2VEC_MODES = ['batch_skipgram', 'skipgram', 'cbow'];
const CLASSIFICATION_MODE = 'supervised';
/** https://docs.aws.amazon.com/sagemaker/latest/dg/ll_hyperparameters.html: predictor_type values. */
const REGRESSOR = 'regressor';

export const DEMAND_PROBLEM: Problem = {
  id: 'demand',
  jobPrefix: PROBLEM_PREFIXES.demand.jobPrefix,
  task: 'the weekly demand forecast',
  repository: 'forecasting-deepar',
  dataPrefix: PROBLEM_PREFIXES.demand.dataPrefix,
  evaluationChannel: 'test',
  whyThisAlgorithm:
    'DeepAR takes the raw series (JSON Lines with start and target), learns one model jointly across all the stores\' related series, derives lags and seasonality from time_freq itself, and returns probabilistic forecasts (quantiles) that the planners can size safety stock with.',
  whyNot: {
    'sagemaker-xgboost': `XGBoost is a tabular learner: ${TABULAR_ON_SERIES}.`,
    xgboost: `XGBoost is a tabular learner: ${TABULAR_ON_SERIES}.`,
    'linear-learner': `Linear Learner fits one linear function of a row's features: ${TABULAR_ON_SERIES}; and a straight line cannot follow the yearly season.`,
    blazingtext: 'BlazingText learns from words (word vectors or text labels); weekly sales are numbers in time order, not text.',
  },
  judgeHyperparameters(job) {
    const problems: string[] = [];
    const freq = hyperparameter(job, 'time_freq');
    if (!isWeekly(freq)) {
      const parsed = parseTimeFreq(freq);
      const meaning = parsed?.unit === WEEKLY ? ` (one value every ${parsed.multiple} weeks)` : '';
      problems.push(
        `time_freq is ${show(freq)}${meaning}; every value in the shipped series is one week's sales, so the frequency is '${WEEKLY}' (or '1${WEEKLY}'). DeepAR picks its lags and calendar features from time_freq: with another frequency it looks back the wrong number of steps for "last year" and models a season the data do not have.`,
      );
    }
    const horizon = positiveInteger(hyperparameter(job, 'prediction_length'));
    if (horizon !== DEMAND.horizonWeeks) {
      problems.push(
        `prediction_length is ${show(hyperparameter(job, 'prediction_length'))}; the planners need the next ${DEMAND.horizonWeeks} weeks. A DeepAR model always forecasts exactly its training prediction_length and cannot be asked for more later, and a longer horizon spends training on weeks nobody plans for.`,
      );
    }
    const context = positiveInteger(hyperparameter(job, 'context_length'));
    if (context === undefined) {
      problems.push(
        `context_length is ${show(hyperparameter(job, 'context_length'))}; DeepAR requires it as a positive integer (how many weeks the model sees before forecasting; the documentation suggests starting near prediction_length, since lags reach further back anyway).`,
      );
    } else if (context + DEMAND.horizonWeeks > DEMAND.trainWeeks) {
      problems.push(
        `context_length is ${context}: with prediction_length ${DEMAND.horizonWeeks}, each training window needs ${context + DEMAND.horizonWeeks} consecutive weeks, but the shipped training series have ${DEMAND.trainWeeks}, so no complete window fits. Lags already give the model last year's values: a context near prediction_length is enough.`,
      );
    }
    if (positiveInteger(hyperparameter(job, 'epochs')) === undefined) {
      problems.push(`epochs is ${show(hyperparameter(job, 'epochs'))}; DeepAR requires it as a positive integer (the most passes over the training data).`);
    }
    return problems;
  },
  settingsSummary: (job) =>
    `time_freq=${hyperparameter(job, 'time_freq')}, prediction_length=${hyperparameter(job, 'prediction_length')}, context_length=${hyperparameter(job, 'context_length')}`,
};

export const TICKETS_PROBLEM: Problem = {
  id: 'tickets',
  jobPrefix: PROBLEM_PREFIXES.tickets.jobPrefix,
  task: 'routing support tickets to a team by their text',
  repository: 'blazingtext',
  dataPrefix: PROBLEM_PREFIXES.tickets.dataPrefix,
  evaluationChannel: 'validation',
  whyThisAlgorithm:
    `BlazingText in supervised mode is a fastText text classifier: it reads tokenized text with a __label__ prefix per line directly, as shipped, and trains on a CPU in minutes.`,
  whyNot: {
    'linear-learner': `Linear Learner is a linear model on numbers: ${NUMBERS_NOT_TEXT}.`,
    'sagemaker-xgboost': `XGBoost is a tabular learner: ${NUMBERS_NOT_TEXT}.`,
    xgboost: `XGBoost is a tabular learner: ${NUMBERS_NOT_TEXT}.`,
    'forecasting-deepar': 'DeepAR forecasts numeric time series; a ticket is text to put in one of four classes, with no time order.',
  },
  judgeHyperparameters(job) {
    const mode = hyperparameter(job, 'mode');
    if (mode === CLASSIFICATION_MODE) return [];
    if (mode !== undefined && WORD2VEC_MODES.includes(mode)) {
      return [
        `mode is '${mode}', one of BlazingText's Word2Vec modes: Word2Vec is unsupervised, it learns a vector per word from unlabelled text and treats __label__billing as just another word. It produces word embeddings, not a team for a ticket; routing is classification, which is BlazingText's '${CLASSIFICATION_MODE}' mode.`,
      ];
    }
    return [
      `mode is ${show(mode)}; BlazingText requires mode, and it decides the task: '${CLASSIFICATION_MODE}' trains a text classifier on __label__ lines, ${WORD2VEC_MODES.map((m) => `'${m}'`).join(', ')} train Word2Vec embeddings.`,
    ];
  },
  settingsSummary: (job) => `mode=${hyperparameter(job, 'mode')} on ${TICKETS.teams.length} team labels`,
};

export const RENT_PROBLEM: Problem = {
  id: 'rent',
  jobPrefix: PROBLEM_PREFIXES.rent.jobPrefix,
  task: 'the explainable rent estimate',
  repository: 'linear-learner',
  dataPrefix: PROBLEM_PREFIXES.rent.dataPrefix,
  evaluationChannel: 'validation',
  whyThisAlgorithm:
    'Linear Learner with predictor_type=regressor fits an additive model: one coefficient per feature (euros per square metre, per kilometre from the centre), which is exactly the explanation the scenario requires; it also normalises the features itself and trains several models in parallel, keeping the best on validation.',
  whyNot: {
    'sagemaker-xgboost':
      'XGBoost with a regression objective would estimate a rent too, often accurately, but its estimate is the sum of hundreds of trees: it cannot be written as one amount per feature, so the pricing team could not show a tenant how each feature moved the price.',
    xgboost:
      'XGBoost with a regression objective would estimate a rent too, but its estimate is the sum of hundreds of trees: it cannot be written as one amount per feature, which the scenario requires.',
    'forecasting-deepar': 'DeepAR forecasts how a time series continues; a rent estimate is a regression on one apartment\'s features, with no time order.',
    blazingtext: 'BlazingText classifies text; the rent data are numeric features with a numeric target.',
  },
  judgeHyperparameters(job) {
    const problems: string[] = [];
    const predictor = hyperparameter(job, 'predictor_type');
    if (predictor === 'binary_classifier') {
      problems.push(
        `predictor_type is 'binary_classifier': it predicts one of two classes (labels 0 or 1), and a rent is a continuous amount in euros. Estimating an amount is regression: predictor_type '${REGRESSOR}'.`,
      );
    } else if (predictor === 'multiclass_classifier') {
      problems.push(
        `predictor_type is 'multiclass_classifier': it predicts one of num_classes categories, so rents would have to be cut into price bands and the euro amount would be lost. Estimating an amount is regression: predictor_type '${REGRESSOR}'.`,
      );
    } else if (predictor !== REGRESSOR) {
      problems.push(`predictor_type is ${show(predictor)}; Linear Learner requires it, and it decides the task: '${REGRESSOR}' for an amount.`);
    }
    const featureDim = hyperparameter(job, 'feature_dim');
    if (featureDim !== undefined && featureDim !== 'auto' && positiveInteger(featureDim) !== PRICES.features.length) {
      problems.push(
        `feature_dim is '${featureDim}', but each shipped row has ${PRICES.features.length} features after the label (${PRICES.features.join(', ')}); leave it 'auto' or set ${PRICES.features.length}.`,
      );
    }
    const contentType = channelContentType(job, 'train');
    if (!contentType?.startsWith('text/csv')) {
      problems.push(
        `The train channel's ContentType is ${show(contentType)}; Linear Learner reads RecordIO-protobuf unless the channel says 'text/csv', and the shipped data are CSV with the label in the first column and no header.`,
      );
    }
    return problems;
  },
  settingsSummary: (job) => `predictor_type=${hyperparameter(job, 'predictor_type')} on CSV input`,
};

export const PROBLEMS: readonly Problem[] = [DEMAND_PROBLEM, TICKETS_PROBLEM, RENT_PROBLEM];

/** Why a job's algorithm does not fit the problem: the learner's choice, then the fitting one. */
export function wrongAlgorithmFinding(problem: Problem, job: DescribeTrainingJobResponse, repository: string | undefined): string {
  const name = job.TrainingJobName;
  const algorithmName = job.AlgorithmSpecification?.AlgorithmName;
  const expected = `The built-in algorithm for ${problem.task} is ${describeImage(problem.repository)}: ${problem.whyThisAlgorithm}`;
  if (!repository && algorithmName) {
    return `${name} runs the algorithm resource '${algorithmName}', not a SageMaker built-in algorithm image. ${expected}`;
  }
  const specific = repository ? problem.whyNot[repository] : undefined;
  if (specific) return `${name} trained ${describeImage(repository)}. ${specific} ${expected}`;
  if (repository && KNOWN_IMAGES[repository]?.kind === 'framework') {
    return `${name} ran ${describeImage(repository)}, which runs a training script you write; the scenario asks for a built-in algorithm, which needs no training code at all. ${expected}`;
  }
  return `${name} trained ${describeImage(repository)}, which does not fit ${problem.task}. ${expected}`;
}

/** Where the job's data came from, against the shipped data in the lab bucket. */
export function dataProblems(problem: Problem, job: DescribeTrainingJobResponse, bucket: string): string[] {
  const name = job.TrainingJobName;
  const shipped = `s3://${bucket}/${problem.dataPrefix}`;
  const problems: string[] = [];
  const train = channelUri(job, 'train');
  if (!train) {
    problems.push(`${name} has no S3 channel named 'train'; the algorithm trains on the channel with that name, and the lab's data for it are under ${shipped}train/.`);
  } else if (!train.startsWith(`${shipped}train`)) {
    const whole = train.replace(/\/$/, '') === shipped.replace(/\/$/, '');
    problems.push(
      whole
        ? `${name}'s train channel reads all of ${train}, which includes the ${problem.evaluationChannel} data: the model would be trained on the very records it is evaluated on. Point the train channel at ${shipped}train/.`
        : `${name}'s train channel reads ${train}, not the shipped data under ${shipped}train/ that the scenario is about.`,
    );
  }
  const evaluation = channelUri(job, problem.evaluationChannel);
  if (evaluation && !evaluation.startsWith(`${shipped}${problem.evaluationChannel}`)) {
    problems.push(
      `${name}'s ${problem.evaluationChannel} channel reads ${evaluation}; the shipped ${problem.evaluationChannel} data are under ${shipped}${problem.evaluationChannel}/. Evaluating on anything else (training data above all) says nothing about unseen data.`,
    );
  }
  return problems;
}
