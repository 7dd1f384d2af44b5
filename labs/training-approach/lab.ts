// The manifest of training-approach (lib/model only, no SDK): five teams, the training approach each
// needs, and one built for real: the learner's own scikit-learn script in SageMaker's scikit-learn
// framework container (script mode). Checks live in checks.ts; the scenarios in approaches.ts.
import { defineLab } from '../../lib/model';
import { STUDIO_APP_INSTANCE_TYPE } from '../xgboost-builtin/lab';
import { SCENARIOS } from './approaches';
import { TICKET_ROWS, TICKETS_FILE } from './generate-data';

export const LAB_ID = 'training-approach';

/** Where the learner states the approach chosen per scenario, in the lab bucket (stack output LabBucketName). */
export const DECISION_KEY = 'decisions/training-approach.json';

/** Every training job of the lab is named `tickets-sklearn-<anything>`; teardown finds them by this prefix. */
export const TRAINING_JOB_PREFIX = 'tickets-sklearn-';

/** Key prefixes in the lab bucket: the shipped data, the learner's source archive, the model artefacts. */
export const TRAIN_PREFIX = 'tickets/train/';
export const CODE_PREFIX = 'tickets/code/';
export const OUTPUT_PREFIX = 'tickets/output/';

/**
 * SageMaker's scikit-learn framework image: its ECR repository, and the framework versions AWS
 * publishes in it (image tags `<version>-cpu-py3`). The registry account differs by region
 * (683313688378 in us-east-1, 246618743249 in us-west-2, ...), so a check compares the repository
 * and the tag, never a full URI. The images are CPU-only.
 * https://docs.aws.amazon.com/sagemaker/latest/dg-ecr-paths/sagemaker-algo-docker-registry-paths.html
 * https://docs.aws.amazon.com/sagemaker/latest/dg-ecr-paths/ecr-us-east-1.html#sklearn-us-east-1.title
 * https://docs.aws.amazon.com/sagemaker/latest/dg/sklearn.html
 */
export const SKLEARN_REPOSITORY = 'sagemaker-scikit-learn';
export const SKLEARN_VERSIONS = ['0.20.0', '0.23-1', '1.0-1', '1.2-1', '1.4-2'] as const;

/**
 * The hyperparameters through which a framework container finds the learner's script: the entry
 * point's file name, and the S3 URI of the .tar.gz of the source directory. The SageMaker Python SDK
 * uploads the source and sets both (JSON-quoted: `"\"train.py\""`).
 * https://docs.aws.amazon.com/sagemaker/latest/dg/docker-containers-prebuilt.html
 * https://github.com/aws/sagemaker-training-toolkit/blob/master/ENVIRONMENT_VARIABLES.md (SM_USER_ENTRY_POINT, SM_MODULE_DIR)
 * https://sagemaker.readthedocs.io/en/stable/frameworks/sklearn/using_sklearn.html
 */
export const PROGRAM_HYPERPARAMETER = 'sagemaker_program';
export const SUBMIT_DIRECTORY_HYPERPARAMETER = 'sagemaker_submit_directory';

/**
 * Training instance types the lab allows: the scikit-learn images run on CPU only and one instance
 * (scikit-learn does not train across machines, and the SDK's SKLearn estimator refuses GPU
 * instance types); 800 rows fit the smallest general-purpose type many times over.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/sklearn.html
 * https://aws.amazon.com/sagemaker/pricing/
 */
export const TRAINING_INSTANCE_TYPES = ['ml.m5.large'] as const;

export const lab = defineLab({
  id: LAB_ID,
  title: 'Choose the training approach for five teams, and run a scikit-learn script in script mode',
  summary:
    'Match five teams to a built-in algorithm, a framework container in script mode, a custom container, SageMaker Autopilot or SageMaker Canvas by their skills, time, data and constraints; then run your own scikit-learn training script on the shipped ticket data in SageMaker\'s scikit-learn container on one spot ml.m5.large.',
  domains: { 'MLA-C01': ['MLA-C01/D2'], 'MLS-C01': ['MLS-C01/D3'] },
  environments: ['studio'],
  estimatedMinutes: 75,
  estimatedCostUsd: 0.09,
  instanceTypes: [...TRAINING_INSTANCE_TYPES, STUDIO_APP_INSTANCE_TYPE],
  datasets: [{ dir: 'data/train', keyPrefix: TRAIN_PREFIX, description: `support tickets: ${TICKET_ROWS} rows with a header, the label escalated first, then six numeric features (${TICKETS_FILE})` }],
  usage: [
    { item: 'sagemaker:training-spot-hour:ml.m5.large', quantity: 0.25, note: 'about five scikit-learn training jobs of 3 billable minutes each on one spot ml.m5.large' },
    { item: `sagemaker:studio-app-hour:${STUDIO_APP_INSTANCE_TYPE}`, quantity: 1.5, note: 'a JupyterLab space to write the script and drive the SageMaker SDK' },
    { item: 's3:storage-gb-month', quantity: 0.01, note: 'the shipped data, source archives and model artefacts (well under 10 MB)' },
  ],
  learnerResources: [
    { kind: 'sagemaker:training-job', name: TRAINING_JOB_PREFIX, match: 'prefix' },
    { kind: 's3:prefix', name: CODE_PREFIX, match: 'prefix' },
    { kind: 's3:prefix', name: OUTPUT_PREFIX, match: 'prefix' },
  ],
  requirements: [
    {
      id: 'R1',
      title: `The decision record ${DECISION_KEY} in the lab bucket names the training approach that fits each of the ${SCENARIOS.length} teams.`,
      hint: 'Compare what each team can write and maintain, how much time it has, its data and its constraints with what each approach asks of the team and what it does for them.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/algos.html',
      reads: ['CloudFormation:DescribeStacks', 'S3:GetObject'],
      tasks: ['MLA-C01/2.1', 'MLA-C01/2.2'],
      concepts: ['training-approach', 'sagemaker-autopilot', 'sagemaker-canvas', 'bring-your-own-container'],
    },
    {
      id: 'R2',
      title: `A training job whose name starts with '${TRAINING_JOB_PREFIX}' has completed.`,
      hint: 'A framework estimator of the SageMaker Python SDK creates a training job; its base job name is yours to choose. The checker judges your newest Completed job.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/how-it-works-training.html',
      reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
      tasks: ['MLA-C01/2.2'],
      concepts: ['sagemaker-training-job', 'training-job-naming'],
    },
    {
      id: 'R3',
      title: `The job runs SageMaker's scikit-learn framework image (repository ${SKLEARN_REPOSITORY}) at a version AWS publishes (${SKLEARN_VERSIONS.join(', ')}).`,
      hint: 'Framework images live in AWS-owned ECR registries; the registry account differs by region, the repository name and version tag do not.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg-ecr-paths/sagemaker-algo-docker-registry-paths.html',
      dependsOn: ['R2'],
      reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
      tasks: ['MLA-C01/2.1'],
      concepts: ['framework-containers', 'algorithm-container-images', 'script-mode'],
    },
    {
      id: 'R4',
      title: `The job runs your own script in script mode: ${PROGRAM_HYPERPARAMETER} names a Python file, and ${SUBMIT_DIRECTORY_HYPERPARAMETER} is a .tar.gz under ${CODE_PREFIX} in the lab bucket that exists.`,
      hint: 'Read how a framework container finds the training script: which hyperparameters carry its name and its source archive, and where the SDK puts that archive.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/sklearn.html',
      dependsOn: ['R2'],
      reads: ['CloudFormation:DescribeStacks', 'SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob', 'S3:HeadObject'],
      tasks: ['MLA-C01/2.2'],
      concepts: ['script-mode', 'source-archive', 'framework-containers'],
    },
    {
      id: 'R5',
      title: `The job ran on one ${TRAINING_INSTANCE_TYPES.join(' or ')} with managed spot training, and its 'train' channel reads the shipped data under ${TRAIN_PREFIX} in the lab bucket.`,
      hint: 'Read which instance types the scikit-learn container can use, and how a training channel reaches the script.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/model-managed-spot-training.html',
      dependsOn: ['R2'],
      reads: ['CloudFormation:DescribeStacks', 'SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
      tasks: ['MLA-C01/2.2', 'MLA-C01/4.2'],
      concepts: ['managed-spot-training', 'instance-types', 'training-channels'],
    },
    {
      id: 'R6',
      title: `The job's model artefact exists in the lab bucket under ${OUTPUT_PREFIX}.`,
      hint: 'A script saves its model under the directory SageMaker names in SM_MODEL_DIR; the output data configuration decides where SageMaker uploads model.tar.gz.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_OutputDataConfig.html',
      dependsOn: ['R2'],
      reads: ['CloudFormation:DescribeStacks', 'SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob', 'S3:HeadObject'],
      tasks: ['MLA-C01/2.2'],
      concepts: ['model-artefact', 'output-data-config'],
    },
  ],
});
