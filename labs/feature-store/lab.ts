// The feature store lab: one feature group whose online store serves the latest features of a
// customer at inference and whose offline store keeps every snapshot for training, catalogued in
// the lab's Glue database and queried in the lab's Athena workgroup.
import { defineLab } from '../../lib/model';

export const LAB_ID = 'feature-store';

/** Names the learner must use; teardown deletes the feature group by this name. */
export const FEATURE_GROUP_NAME = 'churn-customer-features';
export const RECORD_IDENTIFIER = 'customer_id';
export const EVENT_TIME_FEATURE = 'event_time';

/** Where in the lab bucket the offline store must write (OfflineStoreConfig.S3StorageConfig.S3Uri). */
export const OFFLINE_PREFIX = 'feature-store/';

/** The customer whose online record R4 reads. */
export const PROBE_CUSTOMER = 'C0042';

/** Customers in the shipped file, each with one row per snapshot. */
export const CUSTOMER_COUNT = 200;

/**
 * The two monthly snapshots, as event times in the ISO-8601 form Feature Store accepts for a String
 * event time (`yyyy-MM-dd'T'HH:mm:ssZ`), or as Unix seconds for a Fractional one.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateFeatureGroup.html (EventTimeFeatureName)
 */
export const SNAPSHOT_TIMES = ['2026-10-31T23:00:00Z', '2026-11-30T23:00:00Z'] as const;

export const CONTRACT_TYPES = ['month-to-month', 'one-year', 'two-year'] as const;
export const REGIONS = ['north', 'south', 'east', 'west'] as const;

/** The feature types Feature Store knows (FeatureDefinition.FeatureType). */
export type FeatureType = 'Integral' | 'Fractional' | 'String';

/**
 * The columns of data/customer-features.csv, in file order, with the feature type each must have.
 * Integral is a 64-bit signed integer, Fractional an IEEE 64-bit float, String text
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-create-feature-group.html). The event
 * time may be String (ISO-8601) or Fractional (Unix seconds): both are documented, both are right.
 */
export const COLUMN_TYPES = {
  customer_id: ['String'],
  event_time: ['String', 'Fractional'],
  tenure_months: ['Integral'],
  monthly_charges: ['Fractional'],
  support_calls_90d: ['Integral'],
  data_usage_gb: ['Fractional'],
  contract_type: ['String'],
  region: ['String'],
} as const satisfies Record<string, readonly FeatureType[]>;

export type Column = keyof typeof COLUMN_TYPES;
export const COLUMNS = Object.keys(COLUMN_TYPES) as Column[];

export const lab = defineLab({
  id: LAB_ID,
  title: 'The same churn features at training and at inference: a SageMaker feature group',
  summary:
    'Define a feature group with online and offline stores for synthetic customer features, ingest two monthly snapshots with their event times, read the latest features of one customer from the online store, and query the full history from the offline store in Athena.',
  domains: { 'MLA-C01': ['MLA-C01/D1'], 'MLS-C01': ['MLS-C01/D1'] },
  environments: ['studio', 'datalake'],
  estimatedMinutes: 60,
  // Feature Store bills write and read request units and online storage
  // (https://aws.amazon.com/sagemaker/pricing/, Feature Store); Athena bills at least 10 MB a query
  // (https://aws.amazon.com/athena/pricing/); the rest is a JupyterLab space to run the SDK from.
  estimatedCostUsd: 0.06,
  instanceTypes: ['ml.t3.medium'],
  datasets: [
    {
      dir: 'data',
      keyPrefix: 'input/customer-features/',
      description: 'Two monthly snapshots of 200 customers\' features (generate-data.ts), November first, then the October backfill',
    },
  ],
  usage: [
    { item: 'sagemaker:feature-store-write-units-million', quantity: 0.001, note: 'the 400 shipped rows of a few hundred bytes each, ingested at most twice' },
    { item: 'sagemaker:feature-store-read-units-million', quantity: 0.001, note: 'GetRecord and ListRecords calls of the learner and of the checks' },
    { item: 'sagemaker:feature-store-storage-gb-month', quantity: 0.001, note: '200 online records of a few hundred bytes each, kept for the lab week' },
    { item: 's3:storage-gb-month', quantity: 0.001, note: 'the offline store\'s Parquet files and the query results' },
    { item: 'athena:scanned-tb', quantity: 0.0001, note: 'about ten queries of the offline table, each billed at least 10 MB' },
    { item: 'sagemaker:studio-app-hour:ml.t3.medium', quantity: 1, note: 'a JupyterLab space to drive the SDK for an hour' },
  ],
  learnerResources: [
    { kind: 'sagemaker:feature-group', name: FEATURE_GROUP_NAME, match: 'exact' },
    // The offline store's Parquet files live under this prefix of the lab bucket, which teardown
    // empties with the bucket; its Glue table lives in the lab database, deleted with the stack.
    { kind: 's3:prefix', name: OFFLINE_PREFIX, match: 'prefix' },
    { kind: 'glue:table', name: FEATURE_GROUP_NAME.replace(/-/g, '_'), match: 'prefix' },
  ],
  requirements: [
    {
      id: 'R1',
      title: `The feature group ${FEATURE_GROUP_NAME} is Created, with record identifier ${RECORD_IDENTIFIER}, event time ${EVENT_TIME_FEATURE}, an online store on a Standard tier, and a feature of the right type for every column of the shipped data.`,
      hint: 'Read what a feature definition is, which feature types Feature Store knows, and which types an event time may have.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-create-feature-group.html',
      reads: ['SageMaker:DescribeFeatureGroup'],
      tasks: ['MLA-C01/1.2'],
      concepts: ['feature-group-definition', 'feature-types', 'event-time', 'record-identifier'],
    },
    {
      id: 'R2',
      title: `The offline store of ${FEATURE_GROUP_NAME} is Active, writes under s3://<lab bucket>/${OFFLINE_PREFIX}, and is catalogued by Feature Store as a table of the lab's Glue database.`,
      hint: 'Read how an offline store is configured, where Feature Store catalogues it, and what can be changed after a feature group is created.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_OfflineStoreConfig.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:DescribeFeatureGroup', 'Glue:GetTable'],
      tasks: ['MLA-C01/1.1', 'MLA-C01/1.2'],
      concepts: ['feature-store-online-offline', 'feature-store-offline-store', 'glue-data-catalog'],
    },
    {
      id: 'R3',
      title: `The online store of ${FEATURE_GROUP_NAME} holds a record for every one of the ${CUSTOMER_COUNT} customers of the shipped data.`,
      hint: 'Read how ingestion writes records, and how many records the online store keeps per record identifier.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_feature_store_PutRecord.html',
      dependsOn: ['R1'],
      reads: ['SageMakerFeatureStoreRuntime:ListRecords'],
      tasks: ['MLA-C01/1.1', 'MLA-C01/1.2'],
      concepts: ['feature-store-ingestion', 'feature-store-online-offline'],
    },
    {
      id: 'R4',
      title: `GetRecord for ${PROBE_CUSTOMER} returns that customer's latest snapshot from the shipped data, value for value.`,
      hint: 'Read which record the online store keeps when records of one identifier arrive out of event-time order.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-concepts.html',
      dependsOn: ['R3'],
      reads: ['SageMakerFeatureStoreRuntime:GetRecord'],
      tasks: ['MLA-C01/1.2', 'MLA-C01/1.3'],
      concepts: ['event-time', 'feature-store-online-offline', 'training-serving-skew'],
    },
    {
      id: 'R5',
      title: `The offline store holds Parquet files in S3 for both snapshots of the shipped data, partitioned by their event times.`,
      hint: 'Read how the offline store lays out its files in S3, how it partitions them, and how long it takes to write them.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-offline.html',
      dependsOn: ['R2'],
      reads: ['SageMaker:DescribeFeatureGroup', 'S3:ListObjectsV2'],
      tasks: ['MLA-C01/1.1', 'MLA-C01/1.3'],
      concepts: ['feature-store-offline-store', 'event-time', 'point-in-time-correctness'],
    },
    {
      id: 'R6',
      title: 'A query that read data from the offline store\'s Glue table has succeeded in the lab workgroup.',
      hint: 'Read how to query the offline store with Athena, and what a query of it returns before the first files are written.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-athena-glue-integration.html',
      dependsOn: ['R2', 'R5'],
      reads: ['SageMaker:DescribeFeatureGroup', 'Athena:ListQueryExecutions', 'Athena:BatchGetQueryExecution'],
      tasks: ['MLA-C01/1.1', 'MLA-C01/1.2'],
      concepts: ['feature-store-offline-store', 'athena-query', 'athena-workgroup'],
    },
  ],
});
