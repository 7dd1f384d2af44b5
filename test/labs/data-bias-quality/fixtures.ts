// One description of an account for the lab ("a world"): the Clarify jobs with their configurations
// and reports, the rebalanced objects, the ruleset, the table and the data quality results. The
// same world becomes aws-sdk-client-mock answers (mockWorld) and a cassette (cassetteOf), so the
// unit tests and the committed cassettes describe states the same way. Shapes follow the SDK types
// and the API reference pages cited beside each builder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetDataQualityResultCommand, GetDataQualityRulesetCommand, GetTableCommand, GlueClient, ListDataQualityResultsCommand, type DataQualityRuleResult, type GetDataQualityResultResponse } from '@aws-sdk/client-glue';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DescribeProcessingJobCommand, ListProcessingJobsCommand, SageMakerClient, type DescribeProcessingJobResponse } from '@aws-sdk/client-sagemaker';
import type { AwsStub } from 'aws-sdk-client-mock';
import type { Cassette, CassetteCall } from '../../../lib/cassette';
import { labStackName, STACK_OUTPUTS } from '../../../lib/model';
import { groupOversample, parseLoans, preTrainingMetrics, stratifiedOversample } from '../../../labs/data-bias-quality/bias';
import { DATA_FILE, JOB_PREFIX, LAB_ID, ORIGINAL_PREFIX, ORIGINAL_REPORT_PREFIX, REBALANCED_PREFIX, REBALANCED_REPORT_PREFIX, REBALANCED_TABLE, RULESET_NAME } from '../../../labs/data-bias-quality/lab';
import { analysisConfig, clarifyImageUri, clarifyJob, RULESET } from '../../../labs/data-bias-quality/solution';
import { awsError, mockStackOutputs } from '../../support/check-harness';

export const REGION = 'us-east-1';
export const BUCKET = 'mllab-data-bias-quality-labbucket1a2b3c-4d5e6f7g8h9i';
export const DATABASE = 'mllab_data_bias_quality';
export const ROLE_ARN = 'arn:aws:iam::111122223333:role/MlLab-data-bias-quality-StudioExecutionRole-1A2B3C';
export const ORIGINAL_JOB = `${JOB_PREFIX}original-20261201-0912`;
export const REBALANCED_JOB = `${JOB_PREFIX}rebalanced-20261201-0940`;
export const OUTPUTS = { [STACK_OUTPUTS.labBucketName]: BUCKET, [STACK_OUTPUTS.glueDatabaseName]: DATABASE };

/** The shipped rows and the metrics Clarify computes from them, by the documented formulas. */
export const SHIPPED = parseLoans(readFileSync(join(__dirname, '..', '..', '..', 'labs', 'data-bias-quality', 'data', DATA_FILE), 'utf8'));
export const ORIGINAL = preTrainingMetrics(SHIPPED);
export const REBALANCED = preTrainingMetrics(stratifiedOversample(SHIPPED, 7));
export const GROUP_ONLY = preTrainingMetrics(groupOversample(SHIPPED, 7));

export interface JobState {
  readonly job: DescribeProcessingJobResponse;
  /** The object the job's analysis_config input names; undefined: it is gone (NoSuchKey). */
  readonly config?: unknown;
  /** analysis.json in its output; undefined: none. */
  readonly report?: unknown;
}

export interface World {
  readonly jobs: readonly JobState[];
  readonly rebalancedObjects: number;
  /** GetDataQualityRuleset's answer; undefined: EntityNotFoundException. */
  readonly ruleset?: { readonly Ruleset: string; readonly LastModifiedOn: Date };
  /** The table's location; undefined: no table. */
  readonly tableLocation?: string;
  readonly results: readonly GetDataQualityResultResponse[];
}

/**
 * DescribeProcessingJob of a Clarify job built from the reference solution's request.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeProcessingJob.html
 */
export function clarifyJobDescription(o: { name: string; data: string; report: string; status?: string; image?: string; created?: string }): DescribeProcessingJobResponse {
  const request = clarifyJob({ region: REGION, bucket: BUCKET, roleArn: ROLE_ARN, name: o.name, dataPrefix: o.data, reportPrefix: o.report });
  const created = new Date(o.created ?? '2026-12-01T09:12:00Z');
  return {
    ProcessingJobName: o.name,
    ProcessingJobArn: `arn:aws:sagemaker:${REGION}:111122223333:processing-job/${o.name}`,
    ProcessingInputs: request.ProcessingInputs!.map((i) => ({ ...i, S3Input: { ...i.S3Input!, S3DataDistributionType: 'FullyReplicated', S3CompressionType: 'None' } })),
    ProcessingOutputConfig: request.ProcessingOutputConfig,
    ProcessingResources: request.ProcessingResources,
    StoppingCondition: request.StoppingCondition,
    AppSpecification: { ImageUri: o.image ?? clarifyImageUri(REGION) },
    RoleArn: ROLE_ARN,
    ProcessingJobStatus: (o.status ?? 'Completed') as DescribeProcessingJobResponse['ProcessingJobStatus'],
    ExitMessage: '',
    CreationTime: created,
    ProcessingStartTime: new Date(created.getTime() + 120_000),
    ProcessingEndTime: new Date(created.getTime() + 420_000),
    LastModifiedTime: new Date(created.getTime() + 420_000),
  };
}

/**
 * analysis.json as Clarify writes it for a pre-training analysis with facet value B.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-processing-job-analysis-results.html
 */
export function analysisReport(ci: number, dpl: number, facetValue = 'B'): unknown {
  return {
    version: '1.0',
    pre_training_bias_metrics: {
      label: 'approved',
      facets: {
        group: [
          {
            value_or_threshold: facetValue,
            metrics: [
              { name: 'CI', description: 'Class Imbalance (CI)', value: ci },
              { name: 'DPL', description: 'Difference in Positive Proportions in Labels (DPL)', value: dpl },
              { name: 'JS', description: 'Jensen-Shannon Divergence (JS)', value: 0.0413 },
              { name: 'KL', description: 'Kullback-Liebler Divergence (KL)', value: 0.1672 },
            ],
          },
        ],
      },
      label_value_or_threshold: '1',
    },
  };
}

export const originalJob = (over: Partial<JobState> = {}, job: Parameters<typeof clarifyJobDescription>[0] = { name: ORIGINAL_JOB, data: ORIGINAL_PREFIX, report: ORIGINAL_REPORT_PREFIX }): JobState => ({
  job: clarifyJobDescription(job),
  config: analysisConfig(),
  report: analysisReport(ORIGINAL.ci, ORIGINAL.dpl),
  ...over,
});

export const rebalancedJob = (over: Partial<JobState> = {}): JobState => ({
  job: clarifyJobDescription({ name: REBALANCED_JOB, data: REBALANCED_PREFIX, report: REBALANCED_REPORT_PREFIX, created: '2026-12-01T09:40:00Z' }),
  config: analysisConfig(),
  report: analysisReport(REBALANCED.ci, REBALANCED.dpl),
  ...over,
});

/**
 * A rule result as GetDataQualityResult lists it.
 * https://docs.aws.amazon.com/glue/latest/webapi/API_DataQualityRuleResult.html
 */
export function ruleResult(i: number, rule: string, result: 'PASS' | 'FAIL' | 'ERROR' = 'PASS', message?: string): DataQualityRuleResult {
  return { Name: `Rule_${i}`, Description: rule, EvaluatedRule: rule, Result: result, ...(message ? { EvaluationMessage: message } : {}), EvaluatedMetrics: {} };
}

export const REFERENCE_RULES = ['IsComplete "approved"', 'ColumnValues "group" in ["A","B"]', 'Completeness "income_k" >= 0.95', 'RowCount > 1000'];

/** https://docs.aws.amazon.com/glue/latest/webapi/API_GetDataQualityResult.html */
export function dqResult(over: Partial<GetDataQualityResultResponse> = {}): GetDataQualityResultResponse {
  return {
    ResultId: 'dqresult-0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3',
    Score: 1,
    DataSource: { GlueTable: { DatabaseName: DATABASE, TableName: REBALANCED_TABLE } },
    RulesetName: RULESET_NAME,
    StartedOn: new Date('2026-12-01T10:05:00Z'),
    CompletedOn: new Date('2026-12-01T10:07:41Z'),
    RulesetEvaluationRunId: 'dqrun-5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e',
    RuleResults: REFERENCE_RULES.map((r, i) => ruleResult(i + 1, r)),
    ...over,
  };
}

export const referenceWorld = (over: Partial<World> = {}): World => ({
  jobs: [rebalancedJob(), originalJob()],
  rebalancedObjects: 1,
  ruleset: { Ruleset: RULESET, LastModifiedOn: new Date('2026-12-01T10:01:00Z') },
  tableLocation: `s3://${BUCKET}/${REBALANCED_PREFIX}`,
  results: [dqResult()],
  ...over,
});

const keyOf = (uri: string) => uri.replace(`s3://${BUCKET}/`, '');
/** Where a job's configuration object is: its input's key, or analysis_config.json under a prefix input. */
const configKey = (j: DescribeProcessingJobResponse) => {
  const key = keyOf(j.ProcessingInputs!.find((i) => i.InputName === 'analysis_config')!.S3Input!.S3Uri!);
  return key.endsWith('.json') ? key : `${key.replace(/\/?$/, '/')}analysis_config.json`;
};
const reportKey = (j: DescribeProcessingJobResponse) => `${keyOf(j.ProcessingOutputConfig!.Outputs![0]!.S3Output!.S3Uri!).replace(/\/$/, '')}/analysis.json`;
const summaryOf = (j: DescribeProcessingJobResponse) => ({ ProcessingJobName: j.ProcessingJobName, ProcessingJobArn: j.ProcessingJobArn, CreationTime: j.CreationTime, LastModifiedTime: j.LastModifiedTime, ProcessingEndTime: j.ProcessingEndTime, ProcessingJobStatus: j.ProcessingJobStatus });
const descriptionOf = (r: GetDataQualityResultResponse) => ({ ResultId: r.ResultId, DataSource: r.DataSource, StartedOn: r.StartedOn });

/** The world's S3 objects, key -> JSON text. */
function objectsOf(world: World): Map<string, string> {
  const objects = new Map<string, string>();
  for (const { job, config, report } of world.jobs) {
    if (config !== undefined) objects.set(configKey(job), JSON.stringify(config));
    if (report !== undefined) objects.set(reportKey(job), JSON.stringify(report));
  }
  return objects;
}

export interface Mocks {
  readonly sagemaker: AwsStub<any, any, any>;
  readonly s3: AwsStub<any, any, any>;
  readonly glue: AwsStub<any, any, any>;
  readonly cfn: AwsStub<any, any, any>;
}

/** Answers every read of the lab's checks from `world`. */
export function mockWorld(m: Mocks, world: World): void {
  mockStackOutputs(m.cfn, LAB_ID, OUTPUTS);
  m.sagemaker.on(ListProcessingJobsCommand).resolves({ ProcessingJobSummaries: world.jobs.map((j) => summaryOf(j.job)) });
  for (const { job } of world.jobs) m.sagemaker.on(DescribeProcessingJobCommand, { ProcessingJobName: job.ProcessingJobName }).resolves(job);
  m.s3.on(GetObjectCommand).rejects(awsError('NoSuchKey', 'The specified key does not exist.', 404));
  for (const [Key, text] of objectsOf(world)) m.s3.on(GetObjectCommand, { Bucket: BUCKET, Key }).resolves({ Body: { transformToString: async () => text } as any });
  m.s3.on(ListObjectsV2Command).resolves({ KeyCount: world.rebalancedObjects, Contents: Array.from({ length: world.rebalancedObjects }, (_, i) => ({ Key: `${REBALANCED_PREFIX}part-${i}.csv` })) });
  if (world.ruleset) m.glue.on(GetDataQualityRulesetCommand, { Name: RULESET_NAME }).resolves({ Name: RULESET_NAME, ...world.ruleset, CreatedOn: new Date('2026-12-01T10:00:00Z') });
  else m.glue.on(GetDataQualityRulesetCommand).rejects(awsError('EntityNotFoundException', `Cannot find Data Quality Ruleset in account 111122223333 with name ${RULESET_NAME}`));
  if (world.tableLocation) m.glue.on(GetTableCommand, { DatabaseName: DATABASE, Name: REBALANCED_TABLE }).resolves({ Table: { Name: REBALANCED_TABLE, DatabaseName: DATABASE, StorageDescriptor: { Location: world.tableLocation } } });
  else m.glue.on(GetTableCommand).rejects(awsError('EntityNotFoundException', `Table ${REBALANCED_TABLE} not found.`));
  m.glue.on(ListDataQualityResultsCommand).resolves({ Results: world.results.map(descriptionOf) });
  for (const r of world.results) m.glue.on(GetDataQualityResultCommand, { ResultId: r.ResultId }).resolves(r);
}

export const CLIENTS = { SageMakerClient, S3Client, GlueClient, CloudFormationClient };

/** The same world as a cassette (lib/cassette's format), calls in the order a run makes them. */
export function cassetteOf(world: World): Cassette {
  const json = (v: unknown) => JSON.parse(JSON.stringify(v));
  const calls: CassetteCall[] = [
    {
      service: 'CloudFormation', operation: 'DescribeStacks', input: { StackName: labStackName(LAB_ID) },
      output: json({ Stacks: [{ StackName: labStackName(LAB_ID), StackStatus: 'CREATE_COMPLETE', CreationTime: '2026-12-01T08:30:00.000Z', Outputs: Object.entries(OUTPUTS).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })) }] }),
    },
    { service: 'SageMaker', operation: 'ListProcessingJobs', input: { NameContains: JOB_PREFIX }, output: json({ ProcessingJobSummaries: world.jobs.map((j) => summaryOf(j.job)) }) },
    ...world.jobs.map((j): CassetteCall => ({ service: 'SageMaker', operation: 'DescribeProcessingJob', input: { ProcessingJobName: j.job.ProcessingJobName }, output: json(j.job) })),
    ...[...objectsOf(world)].map(([Key, text]): CassetteCall => ({ service: 'S3', operation: 'GetObject', input: { Bucket: BUCKET, Key }, output: { ContentType: 'application/json', Body: { $base64: Buffer.from(text).toString('base64') } } })),
    { service: 'S3', operation: 'GetObject', input: { Bucket: BUCKET }, error: { name: 'NoSuchKey', message: 'The specified key does not exist.', httpStatusCode: 404 } },
    { service: 'S3', operation: 'ListObjectsV2', input: { Bucket: BUCKET, Prefix: REBALANCED_PREFIX }, output: json({ KeyCount: world.rebalancedObjects, Contents: Array.from({ length: world.rebalancedObjects }, (_, i) => ({ Key: `${REBALANCED_PREFIX}part-${i}.csv`, Size: 214_118 })) }) },
    world.ruleset
      ? { service: 'Glue', operation: 'GetDataQualityRuleset', input: { Name: RULESET_NAME }, output: json({ Name: RULESET_NAME, ...world.ruleset, TargetTable: { DatabaseName: DATABASE, TableName: REBALANCED_TABLE }, CreatedOn: '2026-12-01T10:00:00.000Z' }) }
      : { service: 'Glue', operation: 'GetDataQualityRuleset', input: { Name: RULESET_NAME }, error: { name: 'EntityNotFoundException', message: `Cannot find Data Quality Ruleset with name ${RULESET_NAME}`, httpStatusCode: 400 } },
    world.tableLocation
      ? { service: 'Glue', operation: 'GetTable', input: { DatabaseName: DATABASE, Name: REBALANCED_TABLE }, output: json({ Table: { Name: REBALANCED_TABLE, DatabaseName: DATABASE, StorageDescriptor: { Location: world.tableLocation } } }) }
      : { service: 'Glue', operation: 'GetTable', input: { DatabaseName: DATABASE, Name: REBALANCED_TABLE }, error: { name: 'EntityNotFoundException', message: `Table ${REBALANCED_TABLE} not found.`, httpStatusCode: 400 } },
    { service: 'Glue', operation: 'ListDataQualityResults', input: {}, output: json({ Results: world.results.map(descriptionOf) }) },
    ...world.results.map((r): CassetteCall => ({ service: 'Glue', operation: 'GetDataQualityResult', input: { ResultId: r.ResultId }, output: json(r) })),
  ];
  return { formatVersion: 1, region: REGION, calls } as Cassette;
}
