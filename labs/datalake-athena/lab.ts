// The data lake lab: catalog raw CSV with the crawler, query it in the lab workgroup, rewrite it
// as a columnar, partitioned table with CTAS, and prove with Athena's own statistics that the
// rewrite scans fewer bytes.
import { defineLab } from '../../lib/model';

export const LAB_ID = 'datalake-athena';

/** Where the environment keeps the raw sample data (one `dt=YYYY-MM-DD/` folder per day). */
export const RAW_PREFIX = 'raw/';
/** The partition key of the raw data and of the curated table. */
export const PARTITION_KEY = 'dt';

/**
 * The columns of the sample ride data the Data lake environment uploads under
 * `raw/rides/dt=YYYY-MM-DD/` (data/datalake-sample, CSV with a header row). The crawler names the
 * columns after the header.
 */
export const RAW_COLUMNS = ['ride_id', 'pickup_time', 'pickup_zone', 'dropoff_zone', 'distance_km', 'duration_min', 'fare_usd', 'tip_usd', 'payment_type', 'passengers'] as const;
/** The classification the crawler's built-in CSV classifier writes into the table's parameters. */
export const RAW_CLASSIFICATION = 'csv';
/** The table the learner creates with CTAS. */
export const CURATED_TABLE = 'rides_curated';

/**
 * The SerDes Athena writes for the columnar CTAS formats
 * (https://docs.aws.amazon.com/athena/latest/ug/parquet-serde.html,
 * https://docs.aws.amazon.com/athena/latest/ug/orc-serde.html).
 */
export const COLUMNAR_SERDES: Readonly<Record<string, string>> = {
  'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe': 'Parquet',
  'org.apache.hadoop.hive.ql.io.orc.OrcSerde': 'ORC',
};

export const lab = defineLab({
  id: LAB_ID,
  title: 'From raw CSV to a partitioned, columnar data lake table',
  summary:
    'Catalog raw CSV ride records with a Glue crawler, query them with Athena in a workgroup that enforces its settings, rewrite them as a partitioned Parquet or ORC table with CTAS, and prove from the query statistics that the rewrite scans less.',
  domains: { 'MLA-C01': ['MLA-C01/D1'], 'MLS-C01': ['MLS-C01/D1'] },
  environments: ['datalake'],
  estimatedMinutes: 60,
  datasets: [
    {
      dir: 'data',
      keyPrefix: 'raw/rides/',
      description: 'Three more days of rides, 4,000 a day (generate-rides.ts), next to the environment\'s two small sample days: enough rows for a columnar copy to scan less than the CSV',
    },
  ],
  // Two crawler runs (2 DPU x 10-minute minimum each, $0.44 per DPU-hour) and about twenty queries
  // at Athena's 10 MB minimum ($5 per TB): https://aws.amazon.com/glue/pricing/, https://aws.amazon.com/athena/pricing/
  estimatedCostUsd: 0.3,
  usage: [
    { item: 'glue:crawler-dpu-hour', quantity: 0.67, note: 'two crawls of raw/, each billed at least 10 minutes of 2 DPUs' },
    { item: 'athena:scanned-tb', quantity: 0.0002, note: 'about twenty queries, each billed at least 10 MB' },
    { item: 's3:storage-gb-month', quantity: 0.01, note: 'the curated copy and the query results, a few MB for the lab week' },
  ],
  learnerResources: [
    // The crawler's own table lives in the stack's database and its CTAS files in the stack's
    // bucket, both removed with the stack; the curated table is the one thing the learner names.
    { kind: 'glue:table', name: CURATED_TABLE },
  ],
  requirements: [
    {
      id: 'R1',
      title: 'The lab crawler has crawled raw/ successfully.',
      hint: 'Read how a crawler runs and how to see the result of its last crawl.',
      docs: 'https://docs.aws.amazon.com/glue/latest/dg/crawler-running.html',
      reads: ['Glue:GetCrawler'],
      tasks: ['MLA-C01/1.1'],
      concepts: ['glue-crawler', 'glue-data-catalog'],
    },
    {
      id: 'R2',
      title: `The lab database has one table over raw/, classified as CSV, with the sample's columns and ${PARTITION_KEY} as a partition key.`,
      hint: 'Read how a crawler decides table boundaries and partitions, and how the CSV classifier finds a header.',
      docs: 'https://docs.aws.amazon.com/glue/latest/dg/crawler-s3-folder-table-partition.html',
      dependsOn: ['R1'],
      reads: ['Glue:GetTables'],
      tasks: ['MLA-C01/1.1', 'MLA-C01/1.3'],
      concepts: ['glue-crawler', 'glue-classifier', 'hive-style-partitioning'],
    },
    {
      id: 'R3',
      title: `Every ${PARTITION_KEY}= folder under the raw table's location is a partition Athena can read.`,
      hint: 'Read how Athena finds the partitions of a table, and what happens to data in a folder the catalog does not list.',
      docs: 'https://docs.aws.amazon.com/athena/latest/ug/partitions.html',
      dependsOn: ['R2'],
      reads: ['Glue:GetTables', 'Glue:GetPartitions', 'S3:ListObjectsV2'],
      tasks: ['MLA-C01/1.3'],
      concepts: ['athena-partitioning', 'glue-data-catalog', 'partition-discovery'],
    },
    {
      id: 'R4',
      title: 'A query on the raw table has succeeded in the lab workgroup.',
      hint: 'Read what a workgroup enforces and how a query is run in a given workgroup.',
      docs: 'https://docs.aws.amazon.com/athena/latest/ug/workgroups-settings-override.html',
      dependsOn: ['R2'],
      reads: ['Glue:GetTables', 'Athena:ListQueryExecutions', 'Athena:BatchGetQueryExecution'],
      tasks: ['MLA-C01/1.1', 'MLA-C01/4.2'],
      concepts: ['athena-workgroup', 'athena-query'],
    },
    {
      id: 'R5',
      title: `The table ${CURATED_TABLE} was created from the raw table by a CTAS query in the lab workgroup, stored as Parquet or ORC and partitioned by ${PARTITION_KEY}.`,
      hint: 'Read the CTAS table properties for format and partitioning, and where an enforced workgroup puts CTAS output.',
      docs: 'https://docs.aws.amazon.com/athena/latest/ug/create-table-as.html',
      dependsOn: ['R2'],
      reads: ['Glue:GetTables', 'Glue:GetTable', 'Athena:ListQueryExecutions', 'Athena:BatchGetQueryExecution'],
      tasks: ['MLA-C01/1.2'],
      concepts: ['athena-ctas', 'columnar-formats', 'athena-partitioning'],
    },
    {
      id: 'R6',
      title: `The data of ${CURATED_TABLE} is in S3 where its table points, one ${PARTITION_KEY}= folder for every raw day.`,
      hint: 'Read where CTAS writes its files and how they are laid out by partition.',
      docs: 'https://docs.aws.amazon.com/athena/latest/ug/considerations-ctas.html',
      dependsOn: ['R3', 'R5'],
      reads: ['Glue:GetTables', 'Glue:GetTable', 'S3:ListObjectsV2'],
      tasks: ['MLA-C01/1.2'],
      concepts: ['athena-ctas', 's3-partition-layout'],
    },
    {
      id: 'R7',
      title: `The same query scanned fewer bytes on ${CURATED_TABLE} than on the raw table, by Athena's own statistics.`,
      hint: 'Read why columnar formats and partitions reduce the data a query scans, and how query result reuse affects the statistics.',
      docs: 'https://docs.aws.amazon.com/athena/latest/ug/columnar-storage.html',
      dependsOn: ['R4', 'R5'],
      reads: ['Glue:GetTables', 'Athena:ListQueryExecutions', 'Athena:BatchGetQueryExecution'],
      tasks: ['MLA-C01/1.2', 'MLA-C01/4.2'],
      concepts: ['columnar-formats', 'athena-partitioning', 'athena-bytes-scanned'],
    },
  ],
});
