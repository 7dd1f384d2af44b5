import { Arn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResources, nagRef } from './nag';

export interface AnalystRoleProps {
  /** The Glue database the analyst may query (the data lake environment's). */
  readonly databaseName: string;
  /** The Athena workgroup the analyst runs queries in. */
  readonly workGroupName: string;
  /** The bucket of the workgroup's query results location. */
  readonly resultsBucket: s3.IBucket;
  /**
   * Key prefix of the query results location, ending in '/'.
   * @default 'athena-results/' (the data lake environment's)
   */
  readonly resultsPrefix?: string;
}

/**
 * A role for the analysts of a Lake Formation lab, assumed by principals of the account. Its IAM
 * policy allows what querying with Athena needs around the data, and never the data itself: Athena
 * in the one workgroup, the Glue catalog reads of one database, its own query results, and
 * `lakeformation:GetDataAccess`, with which Athena obtains the credentials Lake Formation vends for
 * what the role was granted. So which tables, columns and rows it reads is Lake Formation's decision
 * (https://docs.aws.amazon.com/athena/latest/ug/lf-athena-user-permissions.html); without a grant
 * on a registered location it reads nothing, since it holds no S3 read on the lake.
 */
export class AnalystRole extends Construct {
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: AnalystRoleProps) {
    super(scope, id);
    const prefix = props.resultsPrefix ?? 'athena-results/';
    if (!prefix.endsWith('/') || prefix.startsWith('/') || prefix.includes('*')) {
      throw new Error(`resultsPrefix must end with '/', not start with one and hold no '*', got '${prefix}'`);
    }
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Resource', {
      assumedBy: new iam.AccountRootPrincipal(),
      description: 'The analysts of the lab: Athena in the lab workgroup; the data only as Lake Formation grants it',
    });
    const glueArn = (resource: string) => Arn.format({ service: 'glue', resource }, stack);
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'QueryInTheLabWorkgroup',
        actions: ['athena:StartQueryExecution', 'athena:StopQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:ListQueryExecutions', 'athena:BatchGetQueryExecution', 'athena:GetWorkGroup'],
        resources: [Arn.format({ service: 'athena', resource: 'workgroup', resourceName: props.workGroupName }, stack)],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadTheLabCatalog',
        actions: ['glue:GetDatabase', 'glue:GetDatabases', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
        resources: [glueArn('catalog'), glueArn(`database/${props.databaseName}`), glueArn(`table/${props.databaseName}/*`)],
      }),
    );
    // GetDataAccess takes no resource ARN: the Service Authorization Reference lists it with '*' only
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslakeformation.html).
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'LakeFormationCredentials', actions: ['lakeformation:GetDataAccess'], resources: ['*'] }));
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'OwnQueryResults',
        actions: ['s3:GetBucketLocation', 's3:ListBucket'],
        resources: [props.resultsBucket.bucketArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteQueryResults',
        actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
        resources: [props.resultsBucket.arnForObjects(`${prefix}*`)],
      }),
    );
    const reason = 'The analyst role reaches only its workgroup, its database\'s tables and its query results; Lake Formation decides the data.';
    acknowledgeWildcardResources(this.role, ['*', `arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:table/${props.databaseName}/*`, `${nagRef(props.resultsBucket.node.defaultChild ?? props.resultsBucket, 'Arn')}/${prefix}*`], reason);
  }
}
