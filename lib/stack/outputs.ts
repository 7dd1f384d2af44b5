import { CfnOutput, type Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { StackOutputKey } from '../model';
import type { DataLakeEnvironment } from '../environments/datalake-environment';
import type { AnalystRole } from '../environments/analyst-role';
import type { IsolatedNetwork } from '../environments/isolated-network';
import type { StreamingEnvironment } from '../environments/streaming-environment';
import type { StudioEnvironment } from '../environments/studio-environment';
import type { LabBudget } from './lab-budget';

/** What a stack composed, as far as its outputs go; each part present yields its outputs. */
export interface ComposedParts {
  readonly studio?: StudioEnvironment;
  readonly streaming?: StreamingEnvironment;
  readonly dataLake?: DataLakeEnvironment;
  readonly isolatedNetwork?: IsolatedNetwork;
  readonly analystRole?: AnalystRole;
  readonly budget?: LabBudget;
  readonly labBucket?: s3.IBucket;
  readonly learnerRole?: iam.IRole;
}

type OutputSource = readonly [description: string, value: (parts: ComposedParts) => string | undefined];

/**
 * Every output of STACK_OUTPUTS (the mapped type makes a new contract key fail to compile until it
 * is here), in the order the template lists them. Environments and constructs emit nothing
 * themselves: two of them in one stack would claim the same logical ids.
 */
const OUTPUTS: { readonly [K in StackOutputKey]: OutputSource } = {
  DomainId: ['SageMaker Studio domain id', (p) => p.studio?.domain.attrDomainId],
  UserProfileName: ['Studio user profile to open', (p) => p.studio?.userProfile.userProfileName],
  ExecutionRoleArn: ['Studio execution role', (p) => p.studio?.executionRole.roleArn],
  VpcId: ['VPC of the Studio domain', (p) => p.studio?.vpc.vpcId],
  IsolatedVpcId: ['VPC with isolated subnets only (no internet or NAT gateway)', (p) => p.isolatedNetwork?.vpc.vpcId],
  IsolatedSubnetIds: ['Isolated subnets for training jobs, comma-separated', (p) => p.isolatedNetwork?.isolatedSubnetIdList],
  S3GatewayEndpointId: ['S3 gateway endpoint on the isolated subnets\' route tables', (p) => p.isolatedNetwork?.s3Endpoint.vpcEndpointId],
  StreamName: ['Kinesis data stream', (p) => p.streaming?.stream.streamName],
  StreamArn: ['Kinesis data stream ARN', (p) => p.streaming?.stream.streamArn],
  DeliveryStreamName: ['Firehose delivery stream', (p) => p.streaming?.deliveryStream.deliveryStreamName],
  DeliveryBucketName: ['Bucket Firehose delivers to', (p) => p.streaming?.bucket.bucketName],
  DataLakeBucketName: ['Data lake bucket (raw/, curated/)', (p) => p.dataLake?.bucket.bucketName],
  GlueDatabaseName: ['Glue database', (p) => p.dataLake?.databaseName],
  CrawlerName: ['Glue crawler over raw/', (p) => p.dataLake?.crawler.ref],
  WorkGroupName: ['Athena workgroup', (p) => p.dataLake?.workGroup.ref],
  AnalystRoleArn: ['Analyst role: reads the lake only through Lake Formation', (p) => p.analystRole?.role.roleArn],
  AthenaResultsLocation: ['Athena query results', (p) => p.dataLake?.resultsLocation],
  BudgetName: ['AWS Budgets budget of the lab', (p) => p.budget?.budgetName],
  AlertsTopicArn: ['SNS topic of the budget alerts', (p) => p.budget?.topic.topicArn],
  LabBucketName: ['Lab data bucket', (p) => p.labBucket?.bucketName],
  LearnerRoleArn: ['Role to assume for the lab', (p) => p.learnerRole?.roleArn],
};

/**
 * Emits the outputs of what `stack` composed, each a child of the stack so that its logical id is
 * exactly its STACK_OUTPUTS key (checkers and teardown read them by it).
 */
export function addLabOutputs(stack: Stack, parts: ComposedParts): CfnOutput[] {
  return Object.entries(OUTPUTS).flatMap(([id, [description, valueOf]]) => {
    const value = valueOf(parts);
    return value === undefined ? [] : [new CfnOutput(stack, id, { value, description })];
  });
}
