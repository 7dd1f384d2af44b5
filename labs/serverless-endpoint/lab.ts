import { defineLab } from '../../lib/model';
import {
  LAB_ID as XGBOOST_LAB_ID,
  OUTPUT_PREFIX as XGBOOST_OUTPUT_PREFIX,
  STUDIO_APP_INSTANCE_TYPE,
  TRAINING_JOB_PREFIX,
  XGBOOST_VERSION,
} from '../xgboost-builtin/lab';
import { SAGEMAKER_METRIC_NAMESPACE } from '../hosting';

export const LAB_ID = 'serverless-endpoint';

/** Names the learner must use; teardown deletes exactly these. */
export const MODEL_NAME = 'churn-serverless-model';
export const ENDPOINT_CONFIG_NAME = 'churn-serverless-config';
export const ENDPOINT_NAME = 'churn-serverless';

/**
 * Serverless limits of the lab. The API accepts 1024 to 6144 MB in 1 GB steps and a maximum
 * concurrency of 1 to 200 (API_ProductionVariantServerlessConfig); compute is billed per
 * GB-second, so memory is cost. A 50 KB XGBoost model on twelve features runs in the smallest
 * sizes; 2 GB leaves room for the container. Two concurrent invocations serve the lab's
 * traffic and keep a class sharing one account under the account's total serverless concurrency
 * quota. Both equal the lab stack's guardrail (lib/stack/guardrails.ts denies CreateEndpointConfig
 * above them), which test/labs/serverless-endpoint/guardrail.test.ts holds together.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantServerlessConfig.html
 */
export const VALID_MEMORY_SIZES_MB = [1024, 2048, 3072, 4096, 5120, 6144] as const;
export const MAX_MEMORY_SIZE_MB = 2048;
export const MAX_CONCURRENCY = 2;

/**
 * Traffic the endpoint must show. Invocation metrics of a serverless endpoint are the real-time
 * ones, in namespace AWS/SageMaker with dimensions EndpointName and VariantName; `Invocations`
 * counts every InvokeEndpoint request sent, so the 4XX and 5XX errors are subtracted to count
 * the requests the model answered.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-monitoring.html
 * https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html
 */
export const METRIC_NAMESPACE = SAGEMAKER_METRIC_NAMESPACE;
export const MIN_SUCCESSFUL_INVOCATIONS = 10;
export const LOOKBACK_DAYS = 7;

export const lab = defineLab({
  id: LAB_ID,
  title: 'Serve the churn model from a serverless endpoint',
  summary:
    'Deploy the XGBoost churn model trained in xgboost-builtin to a SageMaker serverless endpoint within memory and concurrency limits, call it, and prove from CloudWatch that it served the traffic.',
  domains: { 'MLA-C01': ['MLA-C01/D3'], 'MLS-C01': ['MLS-C01/D4'] },
  environments: ['studio'],
  estimatedMinutes: 45,
  estimatedCostUsd: 0.05,
  // A serverless endpoint starts no instance type; the only one needed is the Studio space.
  instanceTypes: [STUDIO_APP_INSTANCE_TYPE],
  // The model's artefact is written by the xgboost-builtin lab; SageMaker reads it with the model's
  // execution role, which is this lab's, so the stack lets that role read the artefacts and no more.
  readsArtefactsOf: [{ lab: XGBOOST_LAB_ID, keyPrefix: XGBOOST_OUTPUT_PREFIX }],
  usage: [
    { item: 'sagemaker:serverless-inference-gb-second', quantity: 60, note: 'about 100 invocations of a fraction of a second each, cold starts included, on 2 GB of memory' },
    { item: 'sagemaker:serverless-requests-million', quantity: 0.0001, note: 'about 100 requests' },
    { item: 'sagemaker:serverless-data-gb', quantity: 0.001, note: 'CSV rows in, probabilities out' },
    { item: `sagemaker:studio-app-hour:${STUDIO_APP_INSTANCE_TYPE}`, quantity: 1, note: 'a JupyterLab space to drive the SDK for an hour' },
  ],
  learnerResources: [
    { kind: 'sagemaker:endpoint', name: ENDPOINT_NAME, match: 'exact' },
    { kind: 'sagemaker:endpoint-config', name: ENDPOINT_CONFIG_NAME, match: 'exact' },
    { kind: 'sagemaker:model', name: MODEL_NAME, match: 'exact' },
    { kind: 'logs:log-group', name: `/aws/sagemaker/Endpoints/${ENDPOINT_NAME}`, match: 'exact' },
  ],
  requirements: [
    {
      id: 'R1',
      title: `The model ${MODEL_NAME} serves the artefact of a Completed '${TRAINING_JOB_PREFIX}*' training job with the built-in XGBoost ${XGBOOST_VERSION} image.`,
      hint: 'A SageMaker model pairs an inference image with model data in S3; the training job that produced the artefact tells you both.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModel.html',
      reads: ['SageMaker:DescribeModel', 'SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob', 'S3:HeadObject'],
      tasks: ['MLA-C01/3.1', 'MLA-C01/3.2'],
      concepts: ['sagemaker-model', 'model-artefact', 'algorithm-container-images'],
    },
    {
      id: 'R2',
      title: `The endpoint configuration ${ENDPOINT_CONFIG_NAME} has one serverless variant serving ${MODEL_NAME}, with at most ${MAX_MEMORY_SIZE_MB} MB of memory, a maximum concurrency of 1 to ${MAX_CONCURRENCY}, and no provisioned concurrency.`,
      hint: 'Read how a serverless variant is declared in an endpoint configuration and which memory sizes and concurrency values it accepts.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantServerlessConfig.html',
      reads: ['SageMaker:DescribeEndpointConfig'],
      tasks: ['MLA-C01/3.1'],
      concepts: ['serverless-inference', 'endpoint-config', 'serverless-concurrency'],
    },
    {
      id: 'R3',
      title: `The endpoint ${ENDPOINT_NAME} is InService with ${ENDPOINT_CONFIG_NAME}.`,
      hint: 'An endpoint is created from an endpoint configuration and takes a few minutes to come into service.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html',
      reads: ['SageMaker:DescribeEndpoint'],
      tasks: ['MLA-C01/3.1', 'MLA-C01/3.2'],
      concepts: ['sagemaker-endpoint', 'endpoint-config'],
    },
    {
      id: 'R4',
      title: `CloudWatch shows at least ${MIN_SUCCESSFUL_INVOCATIONS} invocations of ${ENDPOINT_NAME} answered without error in the last ${LOOKBACK_DAYS} days.`,
      hint: 'Invoke the endpoint through the SageMaker runtime with the input format built-in XGBoost accepts for inference, then look for the invocation metrics of serverless endpoints.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-monitoring.html',
      dependsOn: ['R3'],
      reads: ['SageMaker:DescribeEndpoint', 'CloudWatch:GetMetricData'],
      tasks: ['MLA-C01/4.1'],
      concepts: ['endpoint-invocation-metrics', 'cloudwatch-metrics', 'serverless-inference'],
    },
  ],
});
