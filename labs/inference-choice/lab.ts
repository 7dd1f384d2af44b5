// The manifest of inference-choice (lib/model only, no SDK): four workloads, the inference option
// each one needs, and the two the learner serves for real (an asynchronous endpoint that scales to
// zero, a batch transform job). Checks live in checks.ts; the limits behind every finding in limits.ts.
import { defineLab, withThousands } from '../../lib/model';
import { LAB_ID as XGBOOST_LAB_ID, OUTPUT_PREFIX as XGBOOST_OUTPUT_PREFIX, STUDIO_APP_INSTANCE_TYPE } from '../xgboost-builtin/lab';
import { NIGHTLY_FILE, NIGHTLY_ROWS } from './nightly-data';
import { WORKLOADS } from './workloads';

export const LAB_ID = 'inference-choice';

/** Where the learner states the option chosen per workload, in the lab bucket (stack output LabBucketName). */
export const DECISION_KEY = 'decisions/inference-choice.json';

/** Names the learner must use; teardown deletes exactly these. */
export const MODEL_NAME = 'churn-choice-model';
export const ASYNC_ENDPOINT_NAME = 'churn-async';
export const ASYNC_CONFIG_NAME = 'churn-async-config';
export const TRANSFORM_JOB_PREFIX = 'churn-nightly-';
/**
 * The notification topics' name prefix. AmazonSageMakerFullAccess, the learner role's policy, lets
 * it create topics only when their name contains "sagemaker" (sns:CreateTopic on arn:aws:sns:*:*:*sagemaker*).
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSageMakerFullAccess.html
 */
export const TOPIC_PREFIX = 'sagemaker-churn-async';
/** Alarms the learner creates (a step scaling policy's alarm that wakes the endpoint from zero). */
export const ALARM_PREFIX = 'churn-async-';

/** Key prefixes in the lab bucket. */
export const NIGHTLY_INPUT_PREFIX = 'nightly/input/';
export const NIGHTLY_OUTPUT_PREFIX = 'nightly/output/';
export const ASYNC_INPUT_PREFIX = 'async/input/';
export const ASYNC_OUTPUT_PREFIX = 'async/output/';
export const ASYNC_FAILURE_PREFIX = 'async/failures/';

/**
 * One instance type for both the asynchronous endpoint and the transform job: the cheapest general
 * purpose type of the SageMaker price list that both hosting and batch transform offer, and the
 * family AWS recommends for CPU inference with XGBoost. The 50 KB churn model needs no more.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost.html (EC2 instance recommendation)
 * https://aws.amazon.com/sagemaker/pricing/
 */
export const INFERENCE_INSTANCE_TYPE = 'ml.m5.large';
/** The asynchronous endpoint may grow to this many instances; scale-to-zero is the point, not capacity. */
export const MAX_ASYNC_INSTANCES = 2;

export const lab = defineLab({
  id: LAB_ID,
  title: 'Choose the inference option for four workloads, and serve two of them',
  summary:
    'Match four churn-scoring workloads to real-time, serverless, asynchronous or batch inference by their payload, latency, traffic and budget; then serve the partner files from an asynchronous endpoint that scales to zero and score the nightly file with a batch transform job that joins each prediction to its customer.',
  domains: { 'MLA-C01': ['MLA-C01/D3'], 'MLS-C01': ['MLS-C01/D4'] },
  environments: ['studio'],
  services: ['application-autoscaling', 'sns'],
  estimatedMinutes: 90,
  estimatedCostUsd: 0.28,
  instanceTypes: [INFERENCE_INSTANCE_TYPE, STUDIO_APP_INSTANCE_TYPE],
  datasets: [{ dir: 'data/nightly', keyPrefix: NIGHTLY_INPUT_PREFIX, description: `the nightly export: ${withThousands(NIGHTLY_ROWS)} customers, customer id first, then the twelve churn features, no header (${NIGHTLY_FILE})` }],
  // The model's artefact is written by the xgboost-builtin lab (as in serverless-endpoint).
  readsArtefactsOf: [{ lab: XGBOOST_LAB_ID, keyPrefix: XGBOOST_OUTPUT_PREFIX }],
  usage: [
    { item: `sagemaker:hosting-hour:${INFERENCE_INSTANCE_TYPE}`, quantity: 1.5, note: 'the asynchronous endpoint on one instance for about 90 minutes before it scales to zero (asynchronous inference bills the real-time instance rate)' },
    { item: `sagemaker:transform-hour:${INFERENCE_INSTANCE_TYPE}`, quantity: 0.25, note: 'two or three transform jobs of a few billable minutes each' },
    { item: `sagemaker:studio-app-hour:${STUDIO_APP_INSTANCE_TYPE}`, quantity: 1.5, note: 'a JupyterLab space to drive the SDK' },
    { item: 's3:storage-gb-month', quantity: 0.01, note: 'the nightly file, its scored copy and the asynchronous requests and answers (well under 10 MB)' },
  ],
  learnerResources: [
    { kind: 'sagemaker:endpoint', name: ASYNC_ENDPOINT_NAME, match: 'exact' },
    { kind: 'sagemaker:endpoint-config', name: ASYNC_CONFIG_NAME, match: 'exact' },
    { kind: 'sagemaker:model', name: MODEL_NAME, match: 'exact' },
    { kind: 'sagemaker:transform-job', name: TRANSFORM_JOB_PREFIX, match: 'prefix' },
    { kind: 'logs:log-group', name: `/aws/sagemaker/Endpoints/${ASYNC_ENDPOINT_NAME}`, match: 'exact' },
    // The scalable target and its policies of the endpoint's variant (named by the endpoint), the
    // learner's own wake-from-zero alarm, and the notification topics.
    { kind: 'application-autoscaling:scalable-target', name: ASYNC_ENDPOINT_NAME, match: 'exact' },
    { kind: 'cloudwatch:alarm', name: ALARM_PREFIX, match: 'prefix' },
    { kind: 'sns:topic', name: TOPIC_PREFIX, match: 'prefix' },
  ],
  requirements: [
    {
      id: 'R1',
      title: `The decision record ${DECISION_KEY} in the lab bucket names the inference option that fits each of the ${WORKLOADS.length} workloads.`,
      hint: 'Compare each workload\'s payload size, processing time, latency need and traffic with what each SageMaker inference option accepts and how it bills.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/how-it-works-deployment.html',
      reads: ['CloudFormation:DescribeStacks', 'S3:GetObject'],
      tasks: ['MLA-C01/3.1'],
      concepts: ['inference-options', 'serverless-inference', 'asynchronous-inference', 'batch-transform'],
    },
    {
      id: 'R2',
      title: `The endpoint ${ASYNC_ENDPOINT_NAME} is InService with ${ASYNC_CONFIG_NAME}: one ${INFERENCE_INSTANCE_TYPE} variant serving ${MODEL_NAME}, asynchronous, with its output and failure paths under ${ASYNC_OUTPUT_PREFIX} and ${ASYNC_FAILURE_PREFIX} of the lab bucket and success and error topics named ${TOPIC_PREFIX}*.`,
      hint: 'An asynchronous endpoint is an endpoint configuration with an asynchronous inference section: where results and failures go, and whom to notify.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_AsyncInferenceConfig.html',
      reads: ['CloudFormation:DescribeStacks', 'SageMaker:DescribeEndpoint', 'SageMaker:DescribeEndpointConfig', 'SNS:GetTopicAttributes'],
      tasks: ['MLA-C01/3.1', 'MLA-C01/3.2'],
      concepts: ['asynchronous-inference', 'endpoint-config', 'async-inference-notifications'],
    },
    {
      id: 'R3',
      title: `Application Auto Scaling scales ${ASYNC_ENDPOINT_NAME} between 0 and at most ${MAX_ASYNC_INSTANCES} instances on its request backlog.`,
      hint: 'Asynchronous endpoints are the only SageMaker endpoints that may scale to zero instances; read which backlog metrics their scaling policies track.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-autoscale.html',
      dependsOn: ['R2'],
      reads: ['SageMaker:DescribeEndpoint', 'ApplicationAutoScaling:DescribeScalableTargets', 'ApplicationAutoScaling:DescribeScalingPolicies', 'CloudWatch:DescribeAlarms'],
      tasks: ['MLA-C01/3.2', 'MLA-C01/4.2'],
      concepts: ['scale-to-zero', 'scalable-target', 'target-tracking-scaling', 'endpoint-auto-scaling'],
    },
    {
      id: 'R4',
      title: `At least one asynchronous inference of ${ASYNC_ENDPOINT_NAME} has completed: its answer is in the endpoint's output path.`,
      hint: 'An asynchronous request points at its payload in S3; SageMaker writes the answer to the output path, or the error to the failure path.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-check-predictions.html',
      dependsOn: ['R2'],
      reads: ['SageMaker:DescribeEndpoint', 'SageMaker:DescribeEndpointConfig', 'S3:ListObjectsV2'],
      tasks: ['MLA-C01/3.1'],
      concepts: ['asynchronous-inference', 'invoke-endpoint-async'],
    },
    {
      id: 'R5',
      title: `A transform job named ${TRANSFORM_JOB_PREFIX}* has Completed over ${NIGHTLY_INPUT_PREFIX} with ${MODEL_NAME} on one ${INFERENCE_INSTANCE_TYPE}, splitting and assembling by line, passing the model only the features and joining each prediction to its input row.`,
      hint: 'Batch transform reads a whole data set from S3; its data processing settings decide what the model sees and what the output keeps.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/batch-transform-data-processing.html',
      reads: ['CloudFormation:DescribeStacks', 'SageMaker:ListTransformJobs', 'SageMaker:DescribeTransformJob'],
      tasks: ['MLA-C01/3.1', 'MLA-C01/3.2'],
      concepts: ['batch-transform', 'batch-transform-data-processing', 'instance-types'],
    },
    {
      id: 'R6',
      title: `The job's output ${NIGHTLY_OUTPUT_PREFIX}${NIGHTLY_FILE}.out holds one row per customer of the nightly file (${withThousands(NIGHTLY_ROWS)}), in order, each starting with the customer id and ending with a churn probability.`,
      hint: 'Batch transform writes one output object per input object, named after it; how rows are split and assembled decides whether each output line matches an input line.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/batch-transform.html',
      dependsOn: ['R5'],
      reads: ['SageMaker:ListTransformJobs', 'SageMaker:DescribeTransformJob', 'S3:GetObject'],
      tasks: ['MLA-C01/3.1'],
      concepts: ['batch-transform', 'batch-transform-data-processing'],
    },
  ],
});
