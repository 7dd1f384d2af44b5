import { defineLab } from '../../lib/model';
import {
  LAB_ID as XGBOOST_LAB_ID,
  OUTPUT_PREFIX as XGBOOST_OUTPUT_PREFIX,
  STUDIO_APP_INSTANCE_TYPE,
  TRAINING_JOB_PREFIX,
  XGBOOST_VERSION,
} from '../xgboost-builtin/lab';
import { CHEAPEST_HOSTING_INSTANCE_TYPE, SAGEMAKER_METRIC_NAMESPACE } from '../hosting';

export const LAB_ID = 'safe-rollout';

/**
 * The endpoint's name is fixed; models, endpoint configurations and alarms are the learner's to
 * name under one prefix (a blue/green update needs a second endpoint configuration, and its name
 * must differ from the first). Teardown deletes exactly these.
 */
export const ENDPOINT_NAME = 'churn-rollout';
export const NAME_PREFIX = 'churn-rollout-';

/**
 * The cheapest real-time inference instance type (SageMaker pricing, Real-Time Inference,
 * us-east-1: ml.t2.medium at USD 0.056 an hour, lib/cost/prices.ts) that the API accepts for a
 * production variant (ProductionVariantInstanceType in API_ProductionVariant). A 50 KB XGBoost model
 * on twelve features needs no more. The stack's guardrail allows only this type and the Studio space's.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html
 */
export const HOSTING_INSTANCE_TYPE = CHEAPEST_HOSTING_INSTANCE_TYPE;

/**
 * The share of requests the candidate model answers while it proves itself. Variant weights are
 * relative: "the traffic to a production variant is determined by the ratio of the VariantWeight to
 * the sum of all VariantWeight values" (InitialVariantWeight, default 1.0, so two variants without
 * weights split 50/50), so 9 and 1, 0.9 and 0.1, and 90 and 10 all give 10%.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html
 * https://docs.aws.amazon.com/sagemaker/latest/dg/model-ab-testing.html
 */
export const CANDIDATE_SHARE = 0.1;

/**
 * The largest first step of a guardrailed update, as a share of the new fleet's capacity. AWS caps
 * a canary at 50% of a variant's instance count and a linear step at 10 to 50%
 * (API_TrafficRoutingConfig); the scenario asks for the same 10% the candidate gets.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_TrafficRoutingConfig.html
 */
export const MAX_FIRST_STEP_PERCENT = 10;

/**
 * The metrics an automatic rollback alarm may watch to catch rising errors: the invocation errors
 * SageMaker publishes in AWS/SageMaker per EndpointName and VariantName (the deployment guardrails
 * page's own alarm example watches Invocation4XXErrors and names Invocation5XXErrors as the
 * server-side twin).
 * https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-configuration.html
 * https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html
 */
export const METRIC_NAMESPACE = SAGEMAKER_METRIC_NAMESPACE;
export const ERROR_METRICS = ['Invocation5XXErrors', 'Invocation4XXErrors'] as const;

/**
 * Traffic R4 looks for: each variant must have answered at least this many requests without a 4XX
 * or 5XX error in the window. At a 10% weight, 200 requests give the candidate 20 on average and
 * fewer than 5 with a probability under 0.01% (binomial, n = 200, p = 0.1).
 */
export const MIN_SERVED_PER_VARIANT = 5;
export const LOOKBACK_DAYS = 7;

/**
 * Auto scaling bounds of the production variant: one instance at rest, a second when load rises,
 * never more (each instance bills by the hour). Application Auto Scaling names a SageMaker variant
 * `endpoint/<endpoint>/variant/<variant>` with the dimension sagemaker:variant:DesiredInstanceCount.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-policy.html
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html
 */
export const SCALING_MIN_CAPACITY = 1;
export const SCALING_MAX_CAPACITY = 2;
export const SCALABLE_DIMENSION = 'sagemaker:variant:DesiredInstanceCount';

export const lab = defineLab({
  id: LAB_ID,
  title: 'Roll out a new churn model safely: weights, a guardrailed update, auto scaling',
  summary:
    'Serve two versions of the XGBoost churn model from one real-time endpoint with 10% of requests on the candidate, ship the change through a blue/green canary update that rolls back on an errors alarm, prove from CloudWatch that both variants answered, and bound the production variant with auto scaling.',
  domains: { 'MLA-C01': ['MLA-C01/D3', 'MLA-C01/D4'], 'MLS-C01': ['MLS-C01/D4'] },
  environments: ['studio'],
  // Registering a scalable target and its scaling policy is Application Auto Scaling's API.
  services: ['application-autoscaling'],
  estimatedMinutes: 90,
  estimatedCostUsd: 0.34,
  instanceTypes: [HOSTING_INSTANCE_TYPE, STUDIO_APP_INSTANCE_TYPE],
  // Both models serve artefacts the xgboost-builtin lab trained; SageMaker reads them with this
  // lab's execution role, which may read those keys and nothing else of that lab's bucket.
  readsArtefactsOf: [{ lab: XGBOOST_LAB_ID, keyPrefix: XGBOOST_OUTPUT_PREFIX }],
  usage: [
    { item: `sagemaker:hosting-hour:${HOSTING_INSTANCE_TYPE}`, quantity: 3, note: 'two variants of one instance each for about 90 minutes' },
    { item: `sagemaker:hosting-hour:${HOSTING_INSTANCE_TYPE}`, quantity: 1, note: 'the blue/green update runs a second (green) fleet of two instances beside the first for about 30 minutes' },
    { item: `sagemaker:hosting-hour:${HOSTING_INSTANCE_TYPE}`, quantity: 0.5, note: 'auto scaling may add the production variant\'s second instance for half an hour' },
    { item: `sagemaker:studio-app-hour:${STUDIO_APP_INSTANCE_TYPE}`, quantity: 1.5, note: 'a JupyterLab space to drive the SDK for 90 minutes' },
    { item: 'cloudwatch:alarm-month', quantity: 0.05, note: 'one rollback alarm for a day and a half, billed by the hour, until teardown deletes it' },
  ],
  learnerResources: [
    { kind: 'sagemaker:endpoint', name: ENDPOINT_NAME, match: 'exact' },
    // The production variant's scalable target and its policies, named by the endpoint (removed before it).
    { kind: 'application-autoscaling:scalable-target', name: ENDPOINT_NAME, match: 'exact' },
    { kind: 'cloudwatch:alarm', name: NAME_PREFIX, match: 'prefix' },
    { kind: 'sagemaker:endpoint-config', name: NAME_PREFIX, match: 'prefix' },
    { kind: 'sagemaker:model', name: NAME_PREFIX, match: 'prefix' },
    { kind: 'logs:log-group', name: `/aws/sagemaker/Endpoints/${ENDPOINT_NAME}`, match: 'exact' },
  ],
  requirements: [
    {
      id: 'R1',
      title: `The endpoint ${ENDPOINT_NAME} is InService with two production variants on ${HOSTING_INSTANCE_TYPE} (one instance each; production may scale to a second), weighted so that one (the candidate) answers ${CANDIDATE_SHARE * 100}% of requests and the other (production) ${100 - CANDIDATE_SHARE * 100}%.`,
      hint: 'Read how production variants share an endpoint\'s traffic by weight, and how that differs from a shadow variant, whose answers never reach the caller.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/model-ab-testing.html',
      reads: ['SageMaker:DescribeEndpoint', 'SageMaker:DescribeEndpointConfig'],
      tasks: ['MLA-C01/3.2', 'MLA-C01/4.1'],
      concepts: ['production-variants', 'variant-weights', 'ab-testing', 'shadow-testing'],
    },
    {
      id: 'R2',
      title: `The two variants serve two models named '${NAME_PREFIX}*', each with the built-in XGBoost ${XGBOOST_VERSION} image and the artefact of a different Completed '${TRAINING_JOB_PREFIX}*' training job, and both artefacts still exist.`,
      hint: 'A model pairs an inference image with model data in S3; the training jobs of the xgboost-builtin lab tell you both. A new model version is a new artefact.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModel.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:DescribeEndpoint', 'SageMaker:DescribeEndpointConfig', 'SageMaker:DescribeModel', 'SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob', 'S3:HeadObject'],
      tasks: ['MLA-C01/3.2'],
      concepts: ['sagemaker-model', 'model-artefact', 'algorithm-container-images'],
    },
    {
      id: 'R3',
      title: `The endpoint's last deployment configuration is a blue/green update with canary (or linear) traffic shifting whose first step is at most ${MAX_FIRST_STEP_PERCENT}% of the new fleet, and automatic rollback on a '${NAME_PREFIX}*' CloudWatch alarm that watches the endpoint's invocation errors and can fire within the baking period.`,
      hint: 'Deployment guardrails describe the traffic shifting modes of a blue/green update, the baking period, and the alarms that roll it back; an alarm can only fire once it has seen enough breaching data points.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-blue-green-canary.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:DescribeEndpoint', 'CloudWatch:DescribeAlarms'],
      // Task 3.1 names rollback strategies among deployment best practices; the alarm monitors inference (4.1).
      tasks: ['MLA-C01/3.1', 'MLA-C01/4.1'],
      concepts: ['deployment-guardrails', 'blue-green-deployment', 'canary-traffic-shifting', 'auto-rollback-alarms'],
    },
    {
      id: 'R4',
      title: `CloudWatch shows each of the two variants answering at least ${MIN_SERVED_PER_VARIANT} requests without a 4XX or 5XX error in the last ${LOOKBACK_DAYS} days.`,
      hint: 'SageMaker publishes invocation metrics per endpoint and variant; send the endpoint enough requests that a 10% share is visible.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:DescribeEndpoint', 'CloudWatch:GetMetricData'],
      tasks: ['MLA-C01/4.1'],
      concepts: ['endpoint-invocation-metrics', 'cloudwatch-metrics', 'ab-testing'],
    },
    {
      id: 'R5',
      title: `The production variant is an Application Auto Scaling target with a minimum of ${SCALING_MIN_CAPACITY} and a maximum of ${SCALING_MAX_CAPACITY} instances, and a scaling policy.`,
      hint: 'A SageMaker variant is registered as a scalable target by its resource id and scalable dimension; a target without a policy has bounds but never scales.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:DescribeEndpoint', 'ApplicationAutoScaling:DescribeScalableTargets', 'ApplicationAutoScaling:DescribeScalingPolicies'],
      tasks: ['MLA-C01/3.2', 'MLA-C01/4.2'],
      concepts: ['endpoint-auto-scaling', 'scalable-target', 'target-tracking-scaling'],
    },
  ],
});
