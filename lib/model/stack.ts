// What the lab stack promises to everything that reads it: its name and its outputs' logical ids.

/**
 * Stack outputs of `MlLab-<lab-id>`: `LabStack` emits each with exactly this logical id for what it
 * composed; checkers and teardown read them by this key.
 */
export const STACK_OUTPUTS = {
  // every lab stack
  labBucketName: 'LabBucketName',
  budgetName: 'BudgetName',
  alertsTopicArn: 'AlertsTopicArn',
  learnerRoleArn: 'LearnerRoleArn',
  // streaming
  streamName: 'StreamName',
  streamArn: 'StreamArn',
  deliveryStreamName: 'DeliveryStreamName',
  deliveryBucketName: 'DeliveryBucketName',
  // data lake
  dataLakeBucketName: 'DataLakeBucketName',
  glueDatabaseName: 'GlueDatabaseName',
  crawlerName: 'CrawlerName',
  workGroupName: 'WorkGroupName',
  athenaResultsLocation: 'AthenaResultsLocation',
  analystRoleArn: 'AnalystRoleArn',
  // studio
  domainId: 'DomainId',
  userProfileName: 'UserProfileName',
  executionRoleArn: 'ExecutionRoleArn',
  vpcId: 'VpcId',
  // isolated network
  isolatedVpcId: 'IsolatedVpcId',
  isolatedSubnetIds: 'IsolatedSubnetIds',
  s3GatewayEndpointId: 'S3GatewayEndpointId',
} as const;
export type StackOutputKey = (typeof STACK_OUTPUTS)[keyof typeof STACK_OUTPUTS];

/** The CloudFormation stack name of a lab (or of an environment-only stack, `MlLab-env-<env>`). */
export function labStackName(labId: string): string {
  return `MlLab-${labId}`;
}

/** The implicit read every lab's checks may make: the lab stack's outputs. */
export const STACK_OUTPUT_READ = 'CloudFormation:DescribeStacks' as const;

/**
 * The monthly AWS Budgets limit a lab stack accepts, in US dollars (`-c budgetUsd`, `mllab deploy
 * --budget-usd`): the CLI refuses a value outside it before anything synthesises.
 */
export const MIN_BUDGET_USD = 1;
export const MAX_BUDGET_USD = 1000;

/**
 * The Glue database the data lake environment creates in a stack, unless told otherwise: the stack's
 * name in the lower case, digits and underscores Glue database names are written in
 * (`MlLab-datalake-athena` -> `mllab_datalake_athena`). The checker policy scopes its catalog reads to it.
 */
export function glueDatabaseNameOf(stackName: string): string {
  return stackName.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}
