// Reference solution of the data-bias-quality lab: a Clarify pre-training bias job over the shipped
// data, a stratified oversampling of group B (bias.ts) written under raw/loans-rebalanced/, a second
// Clarify job over it, a Glue table over the copy, the ruleset and its evaluation. Kept out of the
// README on purpose; never run by the tests (they build their fixtures from its inputs).
import { CreateDataQualityRulesetCommand, CreateTableCommand, StartDataQualityRulesetEvaluationRunCommand, type CreateTableCommandInput, type GlueClient } from '@aws-sdk/client-glue';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateProcessingJobCommand, waitUntilProcessingJobCompletedOrStopped, type CreateProcessingJobCommandInput, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import { parseLoans, stratifiedOversample, toCsv } from './bias';
import {
  CLARIFY_REPOSITORY,
  COLUMNS,
  CONFIG_INPUT,
  DATA_FILE,
  DATASET_INPUT,
  DISADVANTAGED,
  FACET,
  INCOME_COLUMN,
  JOB_PREFIX,
  LABEL,
  lab,
  MIN_INCOME_COMPLETENESS,
  ORIGINAL_PREFIX,
  ORIGINAL_REPORT_PREFIX,
  POSITIVE_LABEL,
  PROCESSING_INSTANCE_TYPE,
  REBALANCED_PREFIX,
  REBALANCED_REPORT_PREFIX,
  REBALANCED_TABLE,
  RESULT_OUTPUT,
  RULESET_NAME,
} from './lab';

/**
 * The Clarify image's registry account per region (two of the table's rows).
 * https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-processing-job-configure-container.html
 */
const CLARIFY_ACCOUNTS: Readonly<Record<string, string>> = { 'us-east-1': '205585389593', 'us-west-2': '306415355426' };

export function clarifyImageUri(region: string): string {
  const account = CLARIFY_ACCOUNTS[region];
  if (!account) throw new Error(`no Clarify registry account recorded for ${region}; see the prebuilt Clarify containers page`);
  return `${account}.dkr.ecr.${region}.amazonaws.com/${CLARIFY_REPOSITORY}:1.0`;
}

/** The analysis configuration both jobs use: the shipped file has no header row, so headers are given. */
export function analysisConfig(): Record<string, unknown> {
  return {
    dataset_type: 'text/csv',
    headers: [...COLUMNS],
    label: LABEL,
    label_values_or_threshold: [POSITIVE_LABEL],
    facet: [{ name_or_index: FACET, value_or_threshold: [DISADVANTAGED] }],
    methods: { pre_training_bias: { methods: ['CI', 'DPL', 'KL', 'JS'] } },
  };
}

/** The DQDL ruleset: the scenario's three rules and a row count. */
export const RULESET = `Rules = [
  IsComplete "${LABEL}",
  ColumnValues "${FACET}" in ["A", "B"],
  Completeness "${INCOME_COLUMN}" >= ${MIN_INCOME_COMPLETENESS},
  RowCount > 1000
]`;

export function clarifyJob(o: { readonly region: string; readonly bucket: string; readonly roleArn: string; readonly name: string; readonly dataPrefix: string; readonly reportPrefix: string }): CreateProcessingJobCommandInput {
  const input = (name: string, uri: string, local: string) => ({ InputName: name, S3Input: { S3Uri: uri, LocalPath: local, S3DataType: 'S3Prefix' as const, S3InputMode: 'File' as const } });
  return {
    ProcessingJobName: o.name,
    RoleArn: o.roleArn,
    AppSpecification: { ImageUri: clarifyImageUri(o.region) },
    ProcessingInputs: [
      input(CONFIG_INPUT, `s3://${o.bucket}/${o.reportPrefix}analysis_config.json`, '/opt/ml/processing/input/config'),
      input(DATASET_INPUT, `s3://${o.bucket}/${o.dataPrefix}`, '/opt/ml/processing/input/data'),
    ],
    ProcessingOutputConfig: { Outputs: [{ OutputName: RESULT_OUTPUT, S3Output: { S3Uri: `s3://${o.bucket}/${o.reportPrefix}`, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'EndOfJob' } }] },
    ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: PROCESSING_INSTANCE_TYPE, VolumeSizeInGB: 10 } },
    StoppingCondition: { MaxRuntimeInSeconds: 1800 },
    Tags: [{ Key: 'mllab:lab', Value: lab.id }],
  };
}

/** The table over the rebalanced copy: CSV without a header row, columns as the shipped file. */
export function rebalancedTable(database: string, bucket: string): CreateTableCommandInput {
  const types: Record<string, string> = { applicant_id: 'string', group: 'string', approved: 'int', credit_score: 'int', employment_years: 'int' };
  return {
    DatabaseName: database,
    TableInput: {
      Name: REBALANCED_TABLE,
      TableType: 'EXTERNAL_TABLE',
      Parameters: { classification: 'csv' },
      StorageDescriptor: {
        Columns: COLUMNS.map((c) => ({ Name: c, Type: types[c] ?? 'double' })),
        Location: `s3://${bucket}/${REBALANCED_PREFIX}`,
        InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
        OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
        SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe', Parameters: { 'field.delim': ',' } },
      },
    },
  };
}

export interface SolutionClients {
  readonly sagemaker: SageMakerClient;
  readonly s3: S3Client;
  readonly glue: GlueClient;
}

/** The whole reference state. `glueRoleArn`: a role Glue may assume that reads raw/ of the lab bucket. */
export async function solve(c: SolutionClients, o: { readonly region: string; readonly bucket: string; readonly database: string; readonly roleArn: string; readonly glueRoleArn: string }): Promise<void> {
  const put = (key: string, body: string) => c.s3.send(new PutObjectCommand({ Bucket: o.bucket, Key: key, Body: body }));
  const runJob = async (suffix: string, dataPrefix: string, reportPrefix: string) => {
    await put(`${reportPrefix}analysis_config.json`, JSON.stringify(analysisConfig()));
    const name = `${JOB_PREFIX}${suffix}`;
    await c.sagemaker.send(new CreateProcessingJobCommand(clarifyJob({ ...o, name, dataPrefix, reportPrefix })));
    await waitUntilProcessingJobCompletedOrStopped({ client: c.sagemaker, maxWaitTime: 1800 }, { ProcessingJobName: name });
  };
  await runJob('original', ORIGINAL_PREFIX, ORIGINAL_REPORT_PREFIX);
  const shipped = await c.s3.send(new GetObjectCommand({ Bucket: o.bucket, Key: `${ORIGINAL_PREFIX}${DATA_FILE}` }));
  const rebalanced = stratifiedOversample(parseLoans((await shipped.Body?.transformToString()) ?? ''), 7);
  await put(`${REBALANCED_PREFIX}${DATA_FILE}`, toCsv(rebalanced));
  await runJob('rebalanced', REBALANCED_PREFIX, REBALANCED_REPORT_PREFIX);
  await c.glue.send(new CreateTableCommand(rebalancedTable(o.database, o.bucket)));
  await c.glue.send(new CreateDataQualityRulesetCommand({ Name: RULESET_NAME, Ruleset: RULESET, TargetTable: { DatabaseName: o.database, TableName: REBALANCED_TABLE } }));
  await c.glue.send(new StartDataQualityRulesetEvaluationRunCommand({
    DataSource: { GlueTable: { DatabaseName: o.database, TableName: REBALANCED_TABLE } },
    Role: o.glueRoleArn,
    NumberOfWorkers: 2,
    RulesetNames: [RULESET_NAME],
  }));
}
