// The five scenarios of training-approach, the approach each calls for, and why each other
// approach fails it, in the scenario's facts. SDK-free: the manifest, the checks, the tests and
// the reference solution read the same table. Every fact about an approach is cited where stated.

/**
 * The five ways to get a model trained on SageMaker AI that the exam contrasts:
 * - built-in algorithm: an AWS-provided image, configured by hyperparameters only, no training code.
 *   https://docs.aws.amazon.com/sagemaker/latest/dg/algos.html
 * - framework container in script mode: an AWS-provided framework image (scikit-learn, PyTorch,
 *   TensorFlow, ...) that runs your own training script. https://docs.aws.amazon.com/sagemaker/latest/dg/docker-containers-prebuilt.html
 *   https://docs.aws.amazon.com/sagemaker/latest/dg/sklearn.html
 * - custom container (bring your own container): your own image in your ECR repository, for code or
 *   dependencies no prebuilt image carries. https://docs.aws.amazon.com/sagemaker/latest/dg/docker-containers-adapt-your-own.html
 * - SageMaker Autopilot: AutoML on tabular data through the API, SDK or Studio; it explores
 *   candidate pipelines (HPO mode runs up to 100 trials by default, ensembling mode 10 with AutoGluon)
 *   as training and processing jobs billed like any other, and returns a leaderboard of candidates
 *   with the notebooks that generated them. https://docs.aws.amazon.com/sagemaker/latest/dg/autopilot-automate-model-development.html
 *   https://docs.aws.amazon.com/sagemaker/latest/dg/autopilot-model-support-validation.html
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateAutoMLJobV2.html
 * - SageMaker Canvas: a visual, no-code workspace for business analysts to prepare data, build models
 *   and generate predictions. https://docs.aws.amazon.com/sagemaker/latest/dg/canvas.html
 */
export const APPROACHES = ['built-in', 'script-mode', 'custom-container', 'autopilot', 'canvas'] as const;
export type Approach = (typeof APPROACHES)[number];

/** Spellings a learner may write for each approach (compared lower-case, spaces, dashes and underscores folded). */
const SPELLINGS: Readonly<Record<Approach, readonly string[]>> = {
  'built-in': ['built-in', 'builtin', 'built-in algorithm', 'builtin algorithm'],
  'script-mode': ['script-mode', 'script mode', 'framework', 'framework container', 'framework script mode', 'framework container in script mode'],
  'custom-container': ['custom-container', 'custom container', 'byoc', 'bring your own container'],
  autopilot: ['autopilot', 'sagemaker autopilot', 'automl'],
  canvas: ['canvas', 'sagemaker canvas'],
};

const fold = (s: string) => s.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

/** The approach a spelling names, or undefined. */
export function approachOf(spelling: string): Approach | undefined {
  const folded = fold(spelling);
  return APPROACHES.find((a) => SPELLINGS[a].some((s) => fold(s) === folded));
}

export interface Scenario {
  /** The key in the decision record. */
  readonly id: string;
  readonly title: string;
  /** The team's skills, time, data and constraints, as the README states them. */
  readonly facts: string;
  readonly answer: Approach;
  /** Why each other approach fails this scenario, in its facts. */
  readonly wrong: Readonly<Record<Approach, string | undefined>>;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'store-demand',
    title: 'Store demand for the planners',
    facts: 'three inventory planners who work in spreadsheets and write no code want to predict next month\'s demand per store from a 40,000-row CSV export, try what-if changes to prices themselves, and share the predictions this week; no data scientist is free to help',
    answer: 'canvas',
    wrong: {
      'built-in': 'a built-in algorithm still needs someone to prepare the data, create a training job with the right image, channels and hyperparameters, and call an endpoint or a transform job for predictions: the planners write no code and no one is free to do it for them.',
      'script-mode': 'script mode runs a training script someone has to write, test and maintain in Python; the planners write no code.',
      'custom-container': 'a custom container means writing a Dockerfile and training code and pushing an image to ECR: the most engineering of all five, for a team that writes none.',
      autopilot: 'Autopilot automates model selection but is driven by an API, an SDK or Studio, and returns candidates and notebooks for a data scientist to review; Canvas puts the same AutoML behind a point-and-click workspace with what-if analysis built for analysts.',
      canvas: undefined,
    },
  },
  {
    id: 'claims-triage',
    title: 'Claims triage benchmark in two days',
    facts: 'two data scientists must show within two days which kind of model works best on a 600,000-row tabular claims table (binary target), with the generated code and explainability reports to review, started from their own pipeline code through the API',
    answer: 'autopilot',
    wrong: {
      'built-in': 'one built-in algorithm is one model family with hyperparameters to tune by hand or with a tuning job: comparing model families, preprocessing and explainability in two days is what Autopilot automates, with a leaderboard of candidates and the notebooks that generated them.',
      'script-mode': 'script mode means writing and tuning each candidate\'s training script by hand; in two days Autopilot explores the candidates for them (HPO mode runs up to 100 trials by default) and generates the code to review.',
      'custom-container': 'a custom container is worth its Dockerfile only when no prebuilt image can run the code; it automates nothing about which model fits, which is the question here.',
      autopilot: undefined,
      canvas: 'Canvas is a no-code workspace for analysts; these are data scientists who start the work from their own pipeline code through the API and want the generated notebooks, which is Autopilot (the AutoML job API) directly.',
    },
  },
  {
    id: 'fraud-xgboost',
    title: 'Card fraud on a known algorithm',
    facts: 'an ML engineer knows gradient-boosted trees fit the 8 GB of CSV transactions (label in the first column), needs no preprocessing beyond what the export already does, and wants nothing to maintain but the hyperparameters',
    answer: 'built-in',
    wrong: {
      'script-mode': 'script mode means owning a training script (reading the channels, training, saving the model where SageMaker expects it) that SageMaker\'s built-in XGBoost already provides, configured by hyperparameters only.',
      'custom-container': 'a custom container means building, patching and storing an image for an algorithm AWS already ships as a built-in image that reads CSV with the label first.',
      autopilot: 'Autopilot spends many training jobs exploring model families the engineer has already chosen between; every candidate is a training job billed like any other.',
      canvas: 'Canvas is for analysts without code; the engineer wants a repeatable training job with chosen hyperparameters, which Canvas does not expose.',
      'built-in': undefined,
    },
  },
  {
    id: 'ticket-escalation',
    title: 'Ticket escalation from an existing scikit-learn script',
    facts: 'a data scientist has a tested scikit-learn script (a ColumnTransformer and a random forest) that predicts which support tickets escalate; it runs on a laptop, the data has outgrown it, and it should run on SageMaker with as few changes as possible',
    answer: 'script-mode',
    wrong: {
      'built-in': 'no built-in algorithm runs a scikit-learn pipeline: moving to one means rewriting the preprocessing and replacing the model, and losing the tested script.',
      'custom-container': 'SageMaker\'s scikit-learn framework image already runs a training script as it is; a custom container would add a Dockerfile and an image to build, scan and patch, for no dependency the framework image lacks.',
      autopilot: 'Autopilot builds its own candidate pipelines; it does not run the team\'s tested script, which is what they want to keep.',
      canvas: 'Canvas builds models without code; it cannot run the team\'s own scikit-learn script.',
      'script-mode': undefined,
    },
  },
  {
    id: 'geo-risk',
    title: 'Flood risk with a licensed native library',
    facts: 'the risk team\'s model calls a licensed C++ geospatial library and GDAL system packages at training time; security requires every image to be built from the company\'s hardened base image and scanned in its own ECR repository',
    answer: 'custom-container',
    wrong: {
      'built-in': 'a built-in algorithm runs only AWS\'s code: it cannot call the licensed library.',
      'script-mode': 'a framework image runs your script on AWS\'s image; native system packages and a licensed library are not in it, and security requires the company\'s own hardened, scanned base image, which only a custom container provides.',
      autopilot: 'Autopilot chooses among its own algorithms and cannot call the licensed library.',
      canvas: 'Canvas builds models from its own algorithms without code; it cannot call the licensed library or run on the company\'s image.',
      'custom-container': undefined,
    },
  },
];
