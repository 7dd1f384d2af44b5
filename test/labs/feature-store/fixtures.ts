// The feature-store lab's reference state (what the account looks like after the reference
// solution and a quarter of an hour), as the SDK returns it, plus what the tests derive wrong states
// from. Shapes follow the SDK output types; the offline store's keys follow the layout documented in
// https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-offline.html.
import { AthenaClient, BatchGetQueryExecutionCommand, ListQueryExecutionsCommand, type QueryExecution } from '@aws-sdk/client-athena';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DescribeFeatureGroupCommand, SageMakerClient, type DescribeFeatureGroupCommandOutput } from '@aws-sdk/client-sagemaker';
import { GetRecordCommand, ListRecordsCommand, SageMakerFeatureStoreRuntimeClient, type FeatureValue } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { generateCustomerFeatures, snapshotsOf, type CustomerRow } from '../../../labs/feature-store/generate-data';
import { FEATURE_GROUP_NAME, LAB_ID } from '../../../labs/feature-store/lab';
import { OFFLINE_TABLE, pointInTimeSql, recordOf, referenceFeatureGroup } from '../../../labs/feature-store/solution';
import { awsError, mockStackOutputs } from '../../support/check-harness';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
export const BUCKET = 'mllab-feature-store-labbucketa1b2c3d4-5e6f7g8h9i0j';
export const DATABASE = 'mllab_feature_store';
export const WORKGROUP = 'MlLab-feature-store';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/MlLab-feature-store-StudioExecutionRoleA1B2C3D4-E5F6G7H8I9J0`;
export const OUTPUTS = {
  LabBucketName: BUCKET,
  DataLakeBucketName: BUCKET,
  GlueDatabaseName: DATABASE,
  WorkGroupName: WORKGROUP,
  AthenaResultsLocation: `s3://${BUCKET}/athena-results/`,
  ExecutionRoleArn: ROLE_ARN,
};
export const CREATED = new Date('2026-12-01T09:00:00Z');
/** Where Feature Store writes: `<S3Uri>/<account>/sagemaker/<region>/offline-store/<group>-<creation epoch>/data`. */
export const RESOLVED_PREFIX = `feature-store/${ACCOUNT}/sagemaker/${REGION}/offline-store/${FEATURE_GROUP_NAME}-${CREATED.getTime() / 1000}/data`;
export const RESOLVED_URI = `s3://${BUCKET}/${RESOLVED_PREFIX}`;
export const QUERY_ID = '5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

export const ROWS: readonly CustomerRow[] = generateCustomerFeatures();

/** DescribeFeatureGroup of the group the reference solution creates, once Created. */
export function referenceGroup(): DescribeFeatureGroupCommandOutput {
  const input = referenceFeatureGroup({ bucket: BUCKET, database: DATABASE, roleArn: ROLE_ARN });
  return {
    $metadata: {},
    FeatureGroupArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:feature-group/${FEATURE_GROUP_NAME}`,
    FeatureGroupName: FEATURE_GROUP_NAME,
    RecordIdentifierFeatureName: input.RecordIdentifierFeatureName,
    EventTimeFeatureName: input.EventTimeFeatureName,
    FeatureDefinitions: input.FeatureDefinitions,
    CreationTime: CREATED,
    OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard' },
    OfflineStoreConfig: {
      S3StorageConfig: { S3Uri: input.OfflineStoreConfig!.S3StorageConfig!.S3Uri, ResolvedOutputS3Uri: RESOLVED_URI },
      DisableGlueTableCreation: false,
      DataCatalogConfig: input.OfflineStoreConfig!.DataCatalogConfig,
      TableFormat: 'Glue',
    },
    ThroughputConfig: { ThroughputMode: 'OnDemand' },
    RoleArn: ROLE_ARN,
    FeatureGroupStatus: 'Created',
    OfflineStoreStatus: { Status: 'Active' },
    NextToken: undefined,
    OnlineStoreTotalSizeBytes: 61_440,
  };
}

/** Each customer's latest snapshot, as the online store keeps it. */
export function latestRecords(rows: readonly CustomerRow[] = ROWS): Map<string, FeatureValue[]> {
  const ids = [...new Set(rows.map((r) => r.customer_id))];
  return new Map(ids.map((id) => [id, recordOf(snapshotsOf(rows, id)[0]!)]));
}

/** One Parquet file per snapshot hour, as the Glue table format lays them out. */
export function offlineObjects(days: readonly string[] = ['2026-10-31', '2026-11-30']): { Key: string; Size: number }[] {
  return days.map((day, i) => {
    const [y, m, d] = day.split('-');
    return { Key: `${RESOLVED_PREFIX}/year=${y}/month=${m}/day=${d}/hour=23/${y}${m}${d}T231500Z_k3Jd8sLq0pWm2xZ${i}.parquet`, Size: 14_336 };
  });
}

export function query(overrides: Partial<QueryExecution> & { Query: string }): QueryExecution {
  return {
    QueryExecutionId: QUERY_ID,
    StatementType: 'DML',
    WorkGroup: WORKGROUP,
    QueryExecutionContext: { Database: DATABASE, Catalog: 'AwsDataCatalog' },
    Status: { State: 'SUCCEEDED', SubmissionDateTime: new Date('2026-12-01T09:40:00Z'), CompletionDateTime: new Date('2026-12-01T09:40:03Z') },
    Statistics: { DataScannedInBytes: 28_672, EngineExecutionTimeInMillis: 1420, TotalExecutionTimeInMillis: 1730 },
    ...overrides,
  };
}

export interface FeatureStoreState {
  group?: DescribeFeatureGroupCommandOutput;
  /** Record identifier -> the record the online store serves. */
  online: Map<string, FeatureValue[]>;
  /** Tables Glue has in the lab database. */
  tables: string[];
  objects: { Key: string; Size: number }[];
  queries: QueryExecution[];
}

export function referenceState(): FeatureStoreState {
  return {
    group: referenceGroup(),
    online: latestRecords(),
    tables: [OFFLINE_TABLE],
    objects: offlineObjects(),
    queries: [query({ Query: pointInTimeSql(DATABASE, '2026-10-31T23:59:59Z') })],
  };
}

export interface Stubs {
  readonly cfn: AwsStub<any, any, any>;
  readonly sagemaker: AwsStub<any, any, any>;
  readonly runtime: AwsStub<any, any, any>;
  readonly glue: AwsStub<any, any, any>;
  readonly athena: AwsStub<any, any, any>;
  readonly s3?: AwsStub<any, any, any>;
}

export function stubs(withS3 = true): Stubs {
  return {
    cfn: mockClient(CloudFormationClient),
    sagemaker: mockClient(SageMakerClient),
    runtime: mockClient(SageMakerFeatureStoreRuntimeClient),
    glue: mockClient(GlueClient),
    athena: mockClient(AthenaClient),
    ...(withS3 ? { s3: mockClient(S3Client) } : {}),
  };
}

/** ListRecords pages of this size, as the online store answers with MaxResults 100. */
const PAGE = 100;

export function mockState(s: Stubs, state: FeatureStoreState): void {
  for (const stub of Object.values(s)) stub?.reset();
  mockStackOutputs(s.cfn, LAB_ID, OUTPUTS);
  s.sagemaker.on(DescribeFeatureGroupCommand, { FeatureGroupName: FEATURE_GROUP_NAME }).callsFake(() => {
    if (!state.group) throw awsError('ResourceNotFound', `Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name ${FEATURE_GROUP_NAME}`);
    return state.group;
  });
  const missing = () => awsError('ResourceNotFound', `Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name ${FEATURE_GROUP_NAME}`);
  s.runtime.on(ListRecordsCommand).callsFake((input: { NextToken?: string }) => {
    if (!state.group) throw missing();
    const ids = [...state.online.keys()];
    const start = input.NextToken ? Number(input.NextToken) : 0;
    const next = start + PAGE < ids.length ? String(start + PAGE) : undefined;
    return { RecordIdentifiers: ids.slice(start, start + PAGE), ...(next ? { NextToken: next } : {}) };
  });
  s.runtime.on(GetRecordCommand).callsFake((input: { RecordIdentifierValueAsString: string }) => {
    if (!state.group) throw missing();
    const record = state.online.get(input.RecordIdentifierValueAsString);
    return record ? { Record: record } : {};
  });
  s.glue.on(GetTableCommand).callsFake((input: { DatabaseName: string; Name: string }) => {
    // Glue keeps names in lower case and matches them case-insensitively.
    if (input.DatabaseName.toLowerCase() !== DATABASE || !state.tables.includes(input.Name.toLowerCase())) throw awsError('EntityNotFoundException', `Table ${input.Name} not found.`);
    return { Table: { Name: input.Name, DatabaseName: DATABASE, StorageDescriptor: { Location: RESOLVED_URI }, TableType: 'EXTERNAL_TABLE' } };
  });
  s.athena.on(ListQueryExecutionsCommand).callsFake(() => ({ QueryExecutionIds: state.queries.map((q) => q.QueryExecutionId!) }));
  s.athena.on(BatchGetQueryExecutionCommand).callsFake((input: { QueryExecutionIds: string[] }) => ({
    QueryExecutions: state.queries.filter((q) => input.QueryExecutionIds.includes(q.QueryExecutionId!)),
    UnprocessedQueryExecutionIds: [],
  }));
  s.s3?.on(ListObjectsV2Command).callsFake((input: { Bucket: string; Prefix?: string }) => {
    if (input.Bucket !== BUCKET) throw awsError('NoSuchBucket', 'The specified bucket does not exist', 404);
    const contents = state.objects.filter((o) => o.Key.startsWith(input.Prefix ?? ''));
    return { Contents: contents.map((o) => ({ ...o, LastModified: new Date('2026-12-01T09:20:00Z') })), KeyCount: contents.length, IsTruncated: false };
  });
}
