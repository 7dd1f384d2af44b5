// The checks give the expected verdicts on responses shaped as the AWS API reference documents them
// (every field of each Response Syntax that the state carries), served over the wire from 127.0.0.1
// and parsed by the SDK as it would parse AWS's own answers:
//   ListProcessingJobs        https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListProcessingJobs.html
//   DescribeProcessingJob     https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeProcessingJob.html
//   GetDataQualityRuleset     https://docs.aws.amazon.com/glue/latest/webapi/API_GetDataQualityRuleset.html
//   GetTable                  https://docs.aws.amazon.com/glue/latest/webapi/API_GetTable.html
//   ListDataQualityResults    https://docs.aws.amazon.com/glue/latest/webapi/API_ListDataQualityResults.html
//   GetDataQualityResult      https://docs.aws.amazon.com/glue/latest/webapi/API_GetDataQualityResult.html
// S3 (the configuration and report objects) and the stack outputs are mocked in-process; wire.test.ts
// reads the objects from s3rver.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { checks } from '../../../labs/data-bias-quality/checks';
import { lab, REBALANCED_PREFIX, REBALANCED_TABLE, RULESET_NAME } from '../../../labs/data-bias-quality/lab';
import { analysisConfig, RULESET } from '../../../labs/data-bias-quality/solution';
import { mockStackOutputs } from '../../support/check-harness';
import { findingsOf, runLabWith, statusesOf } from '../../support/replay';
import { useAwsReferenceDouble, type JsonAnswer } from '../xgboost-builtin/aws-reference';
import * as f from './fixtures';

const s3 = mockClient(S3Client);
const cfn = mockClient(CloudFormationClient);

/** DescribeProcessingJob with the Response Syntax's fields a Completed Clarify job has. */
const describe = (job: ReturnType<typeof f.clarifyJobDescription>) => ({
  ...job,
  ProcessingOutputConfig: { Outputs: job.ProcessingOutputConfig!.Outputs!.map((o) => ({ ...o, AppManaged: false })), KmsKeyId: '' },
  Environment: {},
  NetworkConfig: { EnableInterContainerTrafficEncryption: false, EnableNetworkIsolation: false },
  ExitMessage: 'Completed: Job completed successfully with no errors',
});
const jobs = [f.rebalancedJob().job, f.originalJob().job].map(describe);

/** GetDataQualityResult with the Response Syntax's fields an evaluation run on a Catalog table has. */
const result = (over: Record<string, unknown> = {}) => ({
  ...f.dqResult(),
  ProfileId: 'dqprofile-7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b',
  DataSource: { GlueTable: { DatabaseName: f.DATABASE, TableName: REBALANCED_TABLE, CatalogId: '111122223333', AdditionalOptions: {} } },
  EvaluationContext: '',
  AnalyzerResults: [],
  Observations: [],
  RuleResults: f.REFERENCE_RULES.map((r, i) => ({ ...f.ruleResult(i + 1, r), RuleMetrics: {}, Labels: {} })),
  ...over,
});

let evaluation: () => JsonAnswer;

useAwsReferenceDouble({
  json: (target, request) => {
    switch (target) {
      case 'SageMaker.ListProcessingJobs':
        return { body: { ProcessingJobSummaries: jobs.map((j) => ({ ProcessingJobName: j.ProcessingJobName, ProcessingJobArn: j.ProcessingJobArn, CreationTime: j.CreationTime, ProcessingEndTime: j.ProcessingEndTime, LastModifiedTime: j.LastModifiedTime, ProcessingJobStatus: j.ProcessingJobStatus, ExitMessage: j.ExitMessage })) } };
      case 'SageMaker.DescribeProcessingJob':
        return { body: jobs.find((j) => j.ProcessingJobName === request.ProcessingJobName) };
      case 'AWSGlue.GetDataQualityRuleset':
        return { body: { Name: RULESET_NAME, Description: 'Quality contract of the loan training data', Ruleset: RULESET, TargetTable: { TableName: REBALANCED_TABLE, DatabaseName: f.DATABASE, CatalogId: '111122223333' }, CreatedOn: new Date('2026-12-01T10:00:00Z'), LastModifiedOn: new Date('2026-12-01T10:01:00Z') } };
      case 'AWSGlue.GetTable':
        return { body: { Table: { Name: REBALANCED_TABLE, DatabaseName: f.DATABASE, CreateTime: new Date('2026-12-01T09:58:00Z'), TableType: 'EXTERNAL_TABLE', Parameters: { classification: 'csv' }, StorageDescriptor: { Location: `s3://${f.BUCKET}/${REBALANCED_PREFIX}`, Columns: [{ Name: 'group', Type: 'string' }, { Name: 'approved', Type: 'int' }], InputFormat: 'org.apache.hadoop.mapred.TextInputFormat', SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe', Parameters: { 'field.delim': ',' } } }, CatalogId: '111122223333', IsRegisteredWithLakeFormation: false } } };
      case 'AWSGlue.ListDataQualityResults':
        return { body: { Results: [{ ResultId: f.dqResult().ResultId, DataSource: { GlueTable: { DatabaseName: f.DATABASE, TableName: REBALANCED_TABLE } }, JobName: '', JobRunId: '', StartedOn: new Date('2026-12-01T10:05:00Z') }] } };
      case 'AWSGlue.GetDataQualityResult':
        return evaluation();
      default:
        return undefined;
    }
  },
  head: () => undefined,
});

beforeEach(() => {
  s3.reset();
  cfn.reset();
  mockStackOutputs(cfn, lab.id, f.OUTPUTS);
  const text = (v: unknown) => ({ Body: { transformToString: async () => JSON.stringify(v) } as any });
  s3.on(GetObjectCommand, { Key: 'clarify/original/analysis_config.json' }).resolves(text(analysisConfig()));
  s3.on(GetObjectCommand, { Key: 'clarify/rebalanced/analysis_config.json' }).resolves(text(analysisConfig()));
  s3.on(GetObjectCommand, { Key: 'clarify/original/analysis.json' }).resolves(text(f.analysisReport(f.ORIGINAL.ci, f.ORIGINAL.dpl)));
  s3.on(GetObjectCommand, { Key: 'clarify/rebalanced/analysis.json' }).resolves(text(f.analysisReport(f.REBALANCED.ci, f.REBALANCED.dpl)));
  s3.on(ListObjectsV2Command).resolves({ KeyCount: 1, Contents: [{ Key: `${REBALANCED_PREFIX}loans.csv` }] });
  evaluation = () => ({ body: result() });
});

test('the documented responses, for the reference state, pass every requirement', async () => {
  const run = await runLabWith({ lab, checks });
  expect(statusesOf(run)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass' });
  expect(findingsOf(run, 'R1')).toMatch(/loans-bias-original-20261201-0912: .*analysis\.json shows CI 0\.600/);
});

test('a GetDataQualityResult whose RuleResults carry a FAIL (parsed from the wire) fails R3 with the rule and its message', async () => {
  evaluation = () => ({ body: result({ Score: 0.75, RuleResults: f.REFERENCE_RULES.map((r, i) => ({ ...f.ruleResult(i + 1, r, i === 2 ? 'FAIL' : 'PASS', i === 2 ? 'Value: 0.912 does not meet the constraint requirement!' : undefined) })) }) });
  const run = await runLabWith({ lab, checks });
  expect(statusesOf(run)).toEqual({ R1: 'pass', R2: 'pass', R3: 'fail' });
  expect(findingsOf(run, 'R3')).toMatch(/Completeness "income_k" >= 0\.95: FAIL \(Value: 0\.912 does not meet/);
});

test('a Glue error answer (throttled) makes R3 an error, not a fail', async () => {
  evaluation = () => ({ error: 'ThrottlingException', message: 'Rate exceeded', status: 400 });
  expect(statusesOf(await runLabWith({ lab, checks }))).toEqual({ R1: 'pass', R2: 'pass', R3: 'error' });
});
