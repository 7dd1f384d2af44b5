import { join } from 'node:path';
import { RemovalPolicies, Size, Stack, Token, Validations } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { glueDatabaseNameOf } from '../model';
import { LabBucket } from './lab-bucket';
import { packageRoot } from '../package-root';
import { acknowledgeBucketWildcards } from './studio-environment';

/**
 * Athena's smallest per-query data-usage control ("10 MB"). The API reference gives 10,000,000
 * bytes and other references 10 MiB; the stricter 10 MiB is accepted either way.
 * https://docs.aws.amazon.com/athena/latest/APIReference/API_WorkGroupConfiguration.html
 * https://docs.aws.amazon.com/athena/latest/ug/workgroups-setting-control-limits-cloudwatch.html
 */
export const MIN_BYTES_SCANNED_CUTOFF = Size.mebibytes(10);

export const RAW_PREFIX = 'raw/';
export const CURATED_PREFIX = 'curated/';
export const ATHENA_RESULTS_PREFIX = 'athena-results/';

/** The sample data set shipped with the project (small CSV, partitioned by `dt=`). */
export function sampleDataDir(): string {
  return join(packageRoot(), 'data', 'datalake-sample');
}

export interface DataLakeEnvironmentProps {
  /**
   * @default - the stack's shared lab bucket, with `raw/` and `curated/` areas
   */
  readonly bucket?: s3.IBucket;
  /**
   * Glue database name (lowercase letters, digits, underscores).
   * @default - the stack name in Glue's alphabet, e.g. `mllab_datalake_athena`
   */
  readonly databaseName?: string;
  /**
   * Athena stops (and bills no further for) a query that scans more than this.
   * @default Size.gibibytes(1)
   */
  readonly bytesScannedCutoffPerQuery?: Size;
  /**
   * Upload the shipped sample data set under `raw/` at deploy time.
   * @default true
   */
  readonly sampleData?: boolean;
}

/**
 * A data lake for the lab: a bucket with `raw/` and `curated/` areas and a small sample data
 * set, a Glue database, an on-demand Glue crawler over `raw/`, and an Athena workgroup whose
 * settings are enforced (results location, encryption, a per-query scan cutoff). It emits no stack
 * outputs: the stack that composes it does (lib/stack/outputs.ts).
 */
export class DataLakeEnvironment extends Construct {
  public readonly bucket: s3.IBucket;
  public readonly database: glue.CfnDatabase;
  public readonly crawler: glue.CfnCrawler;
  public readonly workGroup: athena.CfnWorkGroup;
  public readonly crawlerRole: iam.Role;
  public readonly databaseName: string;
  public readonly resultsLocation: string;

  constructor(scope: Construct, id: string, props: DataLakeEnvironmentProps = {}) {
    super(scope, id);
    const cutoff = props.bytesScannedCutoffPerQuery ?? Size.gibibytes(1);
    if (!Token.isUnresolved(cutoff.toBytes()) && cutoff.toBytes() < MIN_BYTES_SCANNED_CUTOFF.toBytes()) {
      throw new Error(
        `bytesScannedCutoffPerQuery must be at least ${MIN_BYTES_SCANNED_CUTOFF.toBytes()} bytes (10 MB), got ${cutoff.toBytes()}`,
      );
    }
    const stack = Stack.of(this);
    const stackName = Token.isUnresolved(stack.stackName) ? 'mllab' : stack.stackName;
    this.databaseName = props.databaseName ?? glueDatabaseNameOf(stackName);
    if (!Token.isUnresolved(this.databaseName) && !/^[a-z0-9_]{1,255}$/.test(this.databaseName)) {
      throw new Error(`databaseName must use lowercase letters, digits and underscores only, got '${this.databaseName}'`);
    }

    this.bucket = props.bucket ?? LabBucket.of(this).bucket;
    this.resultsLocation = `s3://${this.bucket.bucketName}/${ATHENA_RESULTS_PREFIX}`;

    if (props.sampleData ?? true) {
      new s3deploy.BucketDeployment(this, 'SampleData', {
        sources: [
          s3deploy.Source.asset(sampleDataDir()),
          s3deploy.Source.data(`${CURATED_PREFIX}README.txt`, 'Write the curated (cleaned, columnar) data of the lab here.\n'),
        ],
        destinationBucket: this.bucket,
        // The learner's own objects elsewhere in the bucket are not the deployment's to remove.
        prune: false,
      });
    }

    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: { name: this.databaseName, description: 'Lab data lake catalog' },
    });

    this.crawlerRole = new iam.Role(this, 'CrawlerRole', {
      // Named so a learner may pass it to Glue for their own jobs and Data Quality evaluations:
      // AWSGlueConsoleFullAccess allows iam:PassRole on roles named `AWSGlueServiceRole*`
      // (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSGlueConsoleFullAccess.html).
      // IAM role names are at most 64 characters (API_CreateRole).
      roleName: `AWSGlueServiceRole-${stack.stackName}`.slice(0, 64),
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSGlueServiceRole')],
    });
    this.bucket.grantRead(this.crawlerRole, `${RAW_PREFIX}*`);
    Validations.of(this.crawlerRole).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSGlueServiceRole]',
      reason: 'AWSGlueServiceRole is the role policy AWS documents for crawlers (catalog writes and logs).',
    });
    acknowledgeBucketWildcards(this.crawlerRole, this.bucket, `${RAW_PREFIX}*`);

    this.crawler = new glue.CfnCrawler(this, 'Crawler', {
      role: this.crawlerRole.roleArn,
      databaseName: this.databaseName,
      targets: { s3Targets: [{ path: `s3://${this.bucket.bucketName}/${RAW_PREFIX}` }] },
      description: 'Crawls raw/ on demand (no schedule, so it never runs, and bills, by itself)',
    });
    this.crawler.addResourceDependency(this.database);
    Validations.of(this.crawler).acknowledge({
      id: 'AwsSolutions-GL1',
      reason: 'Crawler logs hold only crawl progress, and a KMS key for them would bill a month for a one-hour lab.',
    });

    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: stackName,
      description: 'Lab workgroup: enforced results location, encryption and scan cutoff',
      // Lets the stack delete the workgroup even after the learner saved queries in it.
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: cutoff.toBytes(),
        resultConfiguration: {
          outputLocation: this.resultsLocation,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });

    // Lab-safe on its own too: what the CDK would retain (streams, log streams) goes with the lab.
    RemovalPolicies.of(this).destroy();
  }
}
