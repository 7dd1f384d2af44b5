import { defineLab } from '../../lib/model';

export const LAB_ID = 'secure-training';

/** Every training job of the lab is named `secure-xgb-<anything>`; teardown finds them by this prefix. */
export const TRAINING_JOB_PREFIX = 'secure-xgb-';

/**
 * The alias the learner gives their customer managed key; the checker resolves the job's keys
 * against it and teardown schedules the key behind it for deletion. An alias name starts with
 * `alias/` and the prefix `alias/aws/` is reserved for AWS managed keys.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
 */
export const KEY_ALIAS = 'alias/secure-training';

/**
 * Teardown's waiting period for the learner's key: the shortest ScheduleKeyDeletion accepts (7 to
 * 30 days, 30 when not given). https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
 */
export const KEY_DELETION_WINDOW_DAYS = 7;

/** Key prefixes in the lab bucket: where the stack uploads the shipped data, where the model goes. */
export const DATA_PREFIX = 'readmissions/train/';
export const OUTPUT_PREFIX = 'readmissions/output/';

/**
 * The cheapest general-purpose training instance, on which XGBoost 1.7 trains on CPU; it has an
 * EBS volume, so VolumeKmsKeyId applies (instances with only local NVMe storage refuse a volume key).
 * https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost.html (EC2 instance recommendation)
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ResourceConfig.html (VolumeKmsKeyId)
 */
export const TRAINING_INSTANCE_TYPES = ['ml.m5.large'] as const;

/**
 * One instance is enough for the shipped data; two are allowed so that a learner can see what
 * distributed training adds to the threat model. Inter-container traffic encryption "doesn't affect
 * training jobs with a single compute instance", so R2 asks for it only above one instance.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/train-encrypt.html
 */
export const MAX_INSTANCE_COUNT = 2;

/** The built-in XGBoost release the lab trains with (the image repository and tag, any region). */
export const XGBOOST_VERSION = '1.7-1';

export const lab = defineLab({
  id: LAB_ID,
  title: 'Train inside an isolated network with your own KMS key and a least-privilege role',
  summary:
    'Train the built-in XGBoost algorithm on shipped patient data with network isolation, in a VPC without internet access, encrypted with your own customer managed KMS key, under an execution role that reads only the data prefix and writes only the output prefix.',
  domains: { 'MLA-C01': ['MLA-C01/D4'], 'MLS-C01': ['MLS-C01/D4'] },
  environments: ['isolated-network'],
  estimatedMinutes: 75,
  estimatedCostUsd: 0.05,
  instanceTypes: [...TRAINING_INSTANCE_TYPES],
  datasets: [
    { dir: 'data/train', keyPrefix: DATA_PREFIX, description: 'readmission training channel: 1,500 synthetic discharges, label first, no header (text/csv)' },
  ],
  usage: [
    { item: 'sagemaker:training-spot-hour:ml.m5.large', quantity: 0.3, note: 'about four spot jobs of 3 billable minutes on up to two ml.m5.large instances' },
    { item: 'kms:key-month', quantity: 24 / 730, note: 'one customer managed key for a day; a key pending deletion is not billed, so the 7-day waiting period after teardown costs nothing; its few hundred requests fall in the free tier of 20,000 a month' },
    { item: 's3:storage-gb-month', quantity: 0.01, note: 'shipped data and model artefacts for a month (well under 10 MB)' },
  ],
  learnerResources: [
    { kind: 'sagemaker:training-job', name: TRAINING_JOB_PREFIX, match: 'prefix' },
    { kind: 's3:prefix', name: OUTPUT_PREFIX, match: 'prefix' },
    { kind: 'kms:alias', name: KEY_ALIAS },
  ],
  requirements: [
    {
      id: 'R1',
      title: `A training job whose name starts with '${TRAINING_JOB_PREFIX}' has completed: built-in XGBoost ${XGBOOST_VERSION} with managed spot training on ${TRAINING_INSTANCE_TYPES.join(' or ')} (at most ${MAX_INSTANCE_COUNT} instances), its 'train' channel reading ${DATA_PREFIX} and its output under ${OUTPUT_PREFIX} in the lab bucket.`,
      hint: 'The checker judges your newest Completed job; every later requirement is about that job and the resources it names.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateTrainingJob.html',
      reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
      tasks: ['MLA-C01/2.2', 'MLA-C01/4.2'],
      concepts: ['sagemaker-training-job', 'managed-spot-training', 'training-channels'],
    },
    {
      id: 'R2',
      title: 'The job runs with network isolation, in the lab VPC\'s isolated subnets, with security groups that allow no egress to 0.0.0.0/0 or ::/0; a job on more than one instance also encrypts inter-container traffic.',
      hint: 'Read what network isolation blocks and what SageMaker still does for the container, how a job joins a VPC, and how the VPC reaches S3 without a route to the internet.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/train-vpc.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob', 'EC2:DescribeSecurityGroups'],
      tasks: ['MLA-C01/4.3'],
      concepts: ['training-network-isolation', 'vpc-isolated-subnets', 'security-group-egress', 'inter-container-traffic-encryption'],
    },
    {
      id: 'R3',
      title: `The job's training volume and its model output are encrypted with the enabled customer managed KMS key whose alias is ${KEY_ALIAS}.`,
      hint: 'A training job names one key for its storage volume and one for its output; either may be given as a key id, key ARN, alias name or alias ARN.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob', 'KMS:DescribeKey'],
      tasks: ['MLA-C01/4.3'],
      concepts: ['kms-customer-managed-key', 'encryption-at-rest', 'kms-key-alias'],
    },
    {
      id: 'R4',
      title: `The job's execution role lets it read objects only under ${DATA_PREFIX} and write objects only under ${OUTPUT_PREFIX} of the lab bucket, and list no other bucket.`,
      hint: 'The checker reads every inline and attached policy of the role; AWS managed policies count too.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html',
      dependsOn: ['R1'],
      reads: [
        'SageMaker:ListTrainingJobs',
        'SageMaker:DescribeTrainingJob',
        'IAM:GetRole',
        'IAM:ListRolePolicies',
        'IAM:GetRolePolicy',
        'IAM:ListAttachedRolePolicies',
        'IAM:GetPolicy',
        'IAM:GetPolicyVersion',
      ],
      tasks: ['MLA-C01/4.3'],
      concepts: ['least-privilege', 'sagemaker-execution-role', 'iam-policy-evaluation'],
    },
  ],
});
