// Reference solution of the feature-store lab: the feature group, the ingestion of the shipped rows
// and the Athena query that pass every requirement. Never run by the tests against AWS; kept out
// of the README on purpose.
import { StartQueryExecutionCommand, type AthenaClient } from '@aws-sdk/client-athena';
import { CreateFeatureGroupCommand, DescribeFeatureGroupCommand, type CreateFeatureGroupCommandInput, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import { setTimeout as sleep } from 'node:timers/promises';
import { PutRecordCommand, type FeatureValue, type SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { generateCustomerFeatures, type CustomerRow } from './generate-data';
import { COLUMN_TYPES, COLUMNS, EVENT_TIME_FEATURE, FEATURE_GROUP_NAME, lab, OFFLINE_PREFIX, RECORD_IDENTIFIER } from './lab';

/** The table the reference catalogues the offline store as (Glue names are lower case, underscores). */
export const OFFLINE_TABLE = FEATURE_GROUP_NAME.replace(/-/g, '_');

export interface StackOutputs {
  /** LabBucketName */
  readonly bucket: string;
  /** GlueDatabaseName */
  readonly database: string;
  /** ExecutionRoleArn: the role Feature Store assumes to write the offline store. */
  readonly roleArn: string;
  /** WorkGroupName */
  readonly workGroup: string;
}

export function referenceFeatureGroup(outputs: Pick<StackOutputs, 'bucket' | 'database' | 'roleArn'>): CreateFeatureGroupCommandInput {
  return {
    FeatureGroupName: FEATURE_GROUP_NAME,
    RecordIdentifierFeatureName: RECORD_IDENTIFIER,
    EventTimeFeatureName: EVENT_TIME_FEATURE,
    // The first documented type of each column: String for the ISO-8601 event time.
    FeatureDefinitions: COLUMNS.map((c) => ({ FeatureName: c, FeatureType: COLUMN_TYPES[c][0] })),
    OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard' },
    OfflineStoreConfig: {
      S3StorageConfig: { S3Uri: `s3://${outputs.bucket}/${OFFLINE_PREFIX}` },
      DataCatalogConfig: { Catalog: 'AwsDataCatalog', Database: outputs.database, TableName: OFFLINE_TABLE },
      TableFormat: 'Glue',
    },
    RoleArn: outputs.roleArn,
    Tags: [{ Key: 'mllab:lab', Value: lab.id }],
  };
}

/** One shipped row as PutRecord's Record: every value as a string, the event time the row's own. */
export function recordOf(row: CustomerRow): FeatureValue[] {
  return COLUMNS.map((c) => ({ FeatureName: c, ValueAsString: row[c] }));
}

/** A point-in-time training set: each customer's latest features as of `asOf` (ISO-8601). */
export function pointInTimeSql(database: string, asOf: string): string {
  return `SELECT * FROM (
  SELECT *, row_number() OVER (PARTITION BY ${RECORD_IDENTIFIER} ORDER BY ${EVENT_TIME_FEATURE} DESC, api_invocation_time DESC, write_time DESC) AS row_num
  FROM "${database}"."${OFFLINE_TABLE}"
  WHERE ${EVENT_TIME_FEATURE} <= '${asOf}'
) WHERE row_num = 1 AND NOT is_deleted`;
}

/** Creates the group, ingests every shipped row in file order, and starts the training-set query. */
export async function runReference(clients: { sagemaker: SageMakerClient; runtime: SageMakerFeatureStoreRuntimeClient; athena: AthenaClient }, outputs: StackOutputs): Promise<void> {
  await clients.sagemaker.send(new CreateFeatureGroupCommand(referenceFeatureGroup(outputs)));
  // The SDK has no waiter for feature groups: poll DescribeFeatureGroup, for at most ten minutes.
  for (let i = 0; i < 60; i++) {
    const status = (await clients.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: FEATURE_GROUP_NAME }))).FeatureGroupStatus;
    if (status === 'Created') break;
    if (status !== 'Creating') throw new Error(`${FEATURE_GROUP_NAME} is ${status}`);
    await sleep(10_000);
  }
  for (const row of generateCustomerFeatures()) {
    await clients.runtime.send(new PutRecordCommand({ FeatureGroupName: FEATURE_GROUP_NAME, Record: recordOf(row) }));
  }
  // The offline store is written within 15 minutes of ingestion; query it after that.
  await clients.athena.send(new StartQueryExecutionCommand({ QueryString: pointInTimeSql(outputs.database, '2026-10-31T23:59:59Z'), WorkGroup: outputs.workGroup }));
}
