import { GetDataQualityResultCommand, GlueClient } from '@aws-sdk/client-glue';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ListProcessingJobsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { checks } from '../../../labs/data-bias-quality/checks';
import { dqdlRules, missingRules } from '../../../labs/data-bias-quality/dqdl';
import { lab as manifest, ORIGINAL_PREFIX, ORIGINAL_REPORT_PREFIX, REBALANCED_PREFIX, REBALANCED_TABLE } from '../../../labs/data-bias-quality/lab';
import { analysisConfig, RULESET } from '../../../labs/data-bias-quality/solution';
import { awsError, checkRequirement, CloudFormationClient } from '../../support/check-harness';
import {
  analysisReport,
  BUCKET,
  clarifyJobDescription,
  DATABASE,
  dqResult,
  GROUP_ONLY,
  mockWorld,
  ORIGINAL,
  ORIGINAL_JOB,
  originalJob,
  REBALANCED_JOB,
  rebalancedJob,
  REFERENCE_RULES,
  referenceWorld,
  ruleResult,
  type World,
} from './fixtures';

const sagemaker = mockClient(SageMakerClient);
const s3 = mockClient(S3Client);
const glue = mockClient(GlueClient);
const cfn = mockClient(CloudFormationClient);
const lab = { lab: manifest, checks };

beforeEach(() => {
  for (const m of [sagemaker, s3, glue, cfn]) m.reset();
});

async function run(world: World, id: string) {
  mockWorld({ sagemaker, s3, glue, cfn }, world);
  const result = await checkRequirement(lab, id);
  return { status: result.status, text: result.findings.join(' ') };
}

const withConfig = (config: unknown) => referenceWorld({ jobs: [rebalancedJob(), originalJob({ config })] });
const withOriginal = (over: Parameters<typeof originalJob>[0], job?: Parameters<typeof originalJob>[1]) => referenceWorld({ jobs: [rebalancedJob(), originalJob(over, job)] });
const withRebalancedReport = (ci: number, dpl: number) => referenceWorld({ jobs: [rebalancedJob({ report: analysisReport(ci, dpl) }), originalJob()] });

describe('R1 the Clarify job over the shipped data', () => {
  test('passes on the reference job and teaches what CI and DPL say, with the shipped numbers', async () => {
    const { status, text } = await run(referenceWorld(), 'R1');
    expect(status).toBe('pass');
    expect(text).toMatch(/CI 0\.600 for group B: CI = \(n_a - n_d\)\/\(n_a \+ n_d\), so B is 20\.0% of the applications/);
    expect(text).toMatch(new RegExp(`DPL ${ORIGINAL.dpl.toFixed(3)}: q_a - q_d, A's approval rate exceeds B's by 28\\.3 percentage points`));
    expect(text).toMatch(/learn "group B" .* as a reason to decline/);
  });

  test.each([
    ['methods "all"', { methods: { pre_training_bias: { methods: 'all' } } }],
    ['label and facet by CSV column index (7 and 1)', { label: 7, facet: [{ name_or_index: 1, value_or_threshold: ['B'] }] }],
    ['the favourable label quoted, ["1"]', { label_values_or_threshold: ['1'] }],
    ['no facet value (every group against the rest)', { facet: [{ name_or_index: 'group' }] }],
  ])('a valid alternative passes: %s', async (_name, change) => {
    const world = withConfig({ ...analysisConfig(), ...change });
    expect((await run(world, 'R1')).status).toBe('pass');
  });

  test('a valid alternative passes: a job in us-west-2\'s Clarify image, outputs without a trailing slash, the configuration given as a prefix', async () => {
    const described = clarifyJobDescription({ name: ORIGINAL_JOB, data: ORIGINAL_PREFIX, report: ORIGINAL_REPORT_PREFIX, image: '306415355426.dkr.ecr.us-west-2.amazonaws.com/sagemaker-clarify-processing:1.0' });
    const job = {
      ...described,
      ProcessingInputs: described.ProcessingInputs!.map((i) => (i.InputName === 'analysis_config' ? { ...i, S3Input: { ...i.S3Input!, S3Uri: `s3://${BUCKET}/${ORIGINAL_REPORT_PREFIX}` } } : i)),
      ProcessingOutputConfig: { Outputs: [{ OutputName: 'analysis_result', S3Output: { S3Uri: `s3://${BUCKET}/clarify/original`, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'EndOfJob' as const } }] },
    };
    expect((await run(referenceWorld({ jobs: [rebalancedJob(), { ...originalJob(), job }] }), 'R1')).status).toBe('pass');
  });

  test('a valid alternative passes: the data set named by dataset_uri in the configuration instead of a dataset input', async () => {
    const described = clarifyJobDescription({ name: ORIGINAL_JOB, data: ORIGINAL_PREFIX, report: ORIGINAL_REPORT_PREFIX });
    const job = { ...described, ProcessingInputs: described.ProcessingInputs!.filter((i) => i.InputName !== 'dataset') };
    const world = referenceWorld({ jobs: [rebalancedJob(), { ...originalJob(), job, config: { ...analysisConfig(), dataset_uri: `s3://${BUCKET}/${ORIGINAL_PREFIX}loans.csv` } }] });
    expect((await run(world, 'R1')).status).toBe('pass');
  });

  test('a valid alternative passes: the report lists both groups (no facet value configured)', async () => {
    const report = analysisReport(ORIGINAL.ci, ORIGINAL.dpl) as any;
    report.pre_training_bias_metrics.facets.group.unshift({ value_or_threshold: 'A', metrics: [{ name: 'CI', value: -ORIGINAL.ci }, { name: 'DPL', value: -ORIGINAL.dpl }] });
    expect((await run(withOriginal({ report, config: { ...analysisConfig(), facet: [{ name_or_index: 'group' }] } }), 'R1')).status).toBe('pass');
  });

  test('fails when no loans-bias- job exists', async () => {
    const { status, text } = await run(referenceWorld({ jobs: [] }), 'R1');
    expect(status).toBe('fail');
    expect(text).toMatch(/No processing job named 'loans-bias-\.\.\.'/);
  });

  test('fails when the job computed the metrics in a script of its own (not the Clarify container)', async () => {
    const job = clarifyJobDescription({ name: ORIGINAL_JOB, data: ORIGINAL_PREFIX, report: ORIGINAL_REPORT_PREFIX, image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3' });
    const { status, text } = await run(referenceWorld({ jobs: [rebalancedJob(), { ...originalJob(), job }] }), 'R1');
    expect(status).toBe('fail');
    expect(text).toMatch(/runs sagemaker-scikit-learn, not AWS's prebuilt Clarify container/);
  });

  test('fails when the facet names A as the sensitive group, saying the metrics change sign', async () => {
    const { status, text } = await run(withConfig({ ...analysisConfig(), facet: [{ name_or_index: 'group', value_or_threshold: ['A'] }] }), 'R1');
    expect(status).toBe('fail');
    expect(text).toMatch(/names \["A"\] as the sensitive group; .* the metrics change sign/);
  });

  test('fails when the favourable label is 0 (declines), and when CI or DPL is not asked for', async () => {
    const { text } = await run(withConfig({ ...analysisConfig(), label_values_or_threshold: [0], methods: { pre_training_bias: { methods: ['KL', 'JS'] } } }), 'R1');
    expect(text).toMatch(/With \[0\] Clarify measures who is declined, and DPL changes sign/);
    expect(text).toMatch(/methods is \["KL","JS"\]; the scenario needs CI and DPL/);
  });

  test('fails when the job Failed, with its reason and where the log is', async () => {
    const world = withOriginal({}, { name: ORIGINAL_JOB, data: ORIGINAL_PREFIX, report: ORIGINAL_REPORT_PREFIX, status: 'Failed' });
    (world.jobs[1]!.job as any).FailureReason = 'AlgorithmError: label column approved not found in headers';
    const { status, text } = await run(world, 'R1');
    expect(status).toBe('fail');
    expect(text).toMatch(/Failed: AlgorithmError: label column approved not found/);
  });

  test('fails while the only job is still InProgress, saying to check again', async () => {
    const { status, text } = await run(withOriginal({}, { name: ORIGINAL_JOB, data: ORIGINAL_PREFIX, report: ORIGINAL_REPORT_PREFIX, status: 'InProgress' }), 'R1');
    expect(status).toBe('fail');
    expect(text).toMatch(/is InProgress; no Clarify job over the original data has Completed yet/);
  });

  test('fails when the report went elsewhere than clarify/original/', async () => {
    const { status, text } = await run(withOriginal({}, { name: ORIGINAL_JOB, data: ORIGINAL_PREFIX, report: 'reports/' }), 'R1');
    expect(status).toBe('fail');
    expect(text).toMatch(/writes its report to s3:\/\/.*\/reports\/; the scenario keeps the original data's report under .*clarify\/original\//);
  });

  test('fails when the report shows far less imbalance than the shipped data (another data set analysed)', async () => {
    const { status, text } = await run(withOriginal({ report: analysisReport(0.1, 0.02) }), 'R1');
    expect(status).toBe('fail');
    expect(text).toMatch(/shows CI 0\.100 and DPL 0\.020 .* analysed other rows or another outcome/);
  });

  test('fails when the report has group A only', async () => {
    const { status, text } = await run(withOriginal({ report: analysisReport(-0.6, -0.28, 'A') }), 'R1');
    expect(status).toBe('fail');
    expect(text).toMatch(/reports facet 'group' only for value\(s\) "A", not for group B/);
  });

  test('error when the configuration the job read is gone: what it said cannot be seen', async () => {
    const { status, text } = await run(withOriginal({ config: undefined }), 'R1');
    expect(status).toBe('error');
    expect(text).toMatch(/analysis configuration of .* cannot be read: s3:\/\/.*analysis_config\.json does not exist/);
  });

  test('error when the report is not JSON', async () => {
    mockWorld({ sagemaker, s3, glue, cfn }, referenceWorld());
    s3.on(GetObjectCommand, { Bucket: BUCKET, Key: `${ORIGINAL_REPORT_PREFIX}analysis.json` }).resolves({ Body: { transformToString: async () => '<html>' } as any });
    const result = await checkRequirement(lab, 'R1');
    expect(result.status).toBe('error');
    expect(result.findings.join(' ')).toMatch(/is not valid JSON/);
  });

  test('error on an API error (access denied listing jobs)', async () => {
    mockWorld({ sagemaker, s3, glue, cfn }, referenceWorld());
    sagemaker.on(ListProcessingJobsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: sagemaker:ListProcessingJobs', 403));
    expect((await checkRequirement(lab, 'R1')).status).toBe('error');
  });

  test('error when five pages of look-alike names hide the lab\'s jobs', async () => {
    mockWorld({ sagemaker, s3, glue, cfn }, referenceWorld());
    sagemaker.on(ListProcessingJobsCommand).resolves({ ProcessingJobSummaries: [{ ProcessingJobName: 'prod-loans-bias-1', ProcessingJobArn: 'arn:x', CreationTime: new Date(), ProcessingJobStatus: 'Completed' }], NextToken: 'more' });
    const result = await checkRequirement(lab, 'R1');
    expect(result.status).toBe('error');
    expect(result.findings.join(' ')).toMatch(/the jobs that would decide were not read/);
  });
});

describe('R2 the rebalanced data and its report', () => {
  test('passes on the reference rebalancing', async () => {
    const { status, text } = await run(referenceWorld(), 'R2');
    expect(status).toBe('pass');
    expect(text).toMatch(/shows CI 0\.000 and DPL 0\.000 for group B/);
  });

  test('a valid alternative passes: small negative values (B slightly over-represented and more often approved)', async () => {
    expect((await run(withRebalancedReport(-0.08, -0.04), 'R2')).status).toBe('pass');
  });

  test('fails when only the group sizes were equalised: DPL stays at the original gap, and the finding says why', async () => {
    const { status, text } = await run(withRebalancedReport(GROUP_ONLY.ci, GROUP_ONLY.dpl), 'R2');
    expect(status).toBe('fail');
    expect(text).toMatch(/DPL is 0\.277; the bound is \|DPL\| <= 0\.05\. Equal group sizes do not equalise approval rates: copying B rows at random copies their approval rate too/);
  });

  test('fails when only the labels were rebalanced: B is still a fifth of the rows', async () => {
    const { status, text } = await run(withRebalancedReport(0.6, 0.01), 'R2');
    expect(status).toBe('fail');
    expect(text).toMatch(/CI 0\.600 .*B is still 20\.0% of the rows/);
  });

  test('fails when no Clarify job read the rebalanced prefix, naming what the jobs read', async () => {
    const { status, text } = await run(referenceWorld({ jobs: [originalJob()] }), 'R2');
    expect(status).toBe('fail');
    expect(text).toMatch(new RegExp(`${ORIGINAL_JOB} reads s3://${BUCKET}/${ORIGINAL_PREFIX}, not s3://${BUCKET}/${REBALANCED_PREFIX}`));
  });

  test('fails when the rebalanced data is gone', async () => {
    const { status, text } = await run(referenceWorld({ rebalancedObjects: 0 }), 'R2');
    expect(status).toBe('fail');
    expect(text).toMatch(/holds no object any more/);
  });

  test('error on an API error (S3 refuses the listing)', async () => {
    mockWorld({ sagemaker, s3, glue, cfn }, referenceWorld());
    s3.on(ListObjectsV2Command).rejects(awsError('AccessDenied', 'Access Denied', 403));
    expect((await checkRequirement(lab, 'R2')).status).toBe('error');
  });

  test('error when the report of the rebalanced job is unreadable JSON', async () => {
    mockWorld({ sagemaker, s3, glue, cfn }, referenceWorld());
    s3.on(GetObjectCommand, { Bucket: BUCKET, Key: 'clarify/rebalanced/analysis.json' }).resolves({ Body: { transformToString: async () => '{' } as any });
    expect((await checkRequirement(lab, 'R2')).status).toBe('error');
    expect(REBALANCED_JOB).toMatch(/^loans-bias-/);
  });
});

describe('R3 the Data Quality ruleset and its evaluation', () => {
  const withRuleset = (Ruleset: string) => referenceWorld({ ruleset: { Ruleset, LastModifiedOn: new Date('2026-12-01T10:01:00Z') } });

  test('passes on the reference ruleset and evaluation', async () => {
    const { status, text } = await run(referenceWorld(), 'R3');
    expect(status).toBe('pass');
    expect(text).toMatch(/passed all 4 rule\(s\), score 1/);
  });

  test.each([
    ['other rule order, one line, no spaces in the list', 'Rules = [Completeness "income_k" > 0.97, ColumnValues "group" in [ "B" , "A" ], IsComplete "approved"]'],
    ['IsComplete on income (stricter than the threshold)', 'Rules = [\n  IsComplete "approved",\n  IsComplete "income_k",\n  ColumnValues "group" in ["A", "B"]\n]'],
    ['unquoted column names', 'Rules = [ IsComplete approved, ColumnValues group in ["A","B"], Completeness income_k >= 0.95 ]'],
  ])('a valid alternative passes: %s', async (_name, ruleset) => {
    expect((await run(withRuleset(ruleset), 'R3')).status).toBe('pass');
  });

  test('a valid alternative passes: the table location without a trailing slash, the result on a DataQualityGlueTable source', async () => {
    const world = referenceWorld({ tableLocation: `s3://${BUCKET}/raw/loans-rebalanced`, results: [dqResult({ DataSource: { DataQualityGlueTable: { DatabaseName: DATABASE, TableName: REBALANCED_TABLE } } })] });
    expect((await run(world, 'R3')).status).toBe('pass');
  });

  test('fails when no ruleset of that name exists', async () => {
    const { status, text } = await run(referenceWorld({ ruleset: undefined }), 'R3');
    expect(status).toBe('fail');
    expect(text).toMatch(/No Glue Data Quality ruleset named 'loans-quality'/);
  });

  test('fails when rules are missing or too lax, saying what each protects', async () => {
    const { status, text } = await run(withRuleset('Rules = [ IsComplete "approved", ColumnValues "group" in ["A", "B", "C"], Completeness "income_k" > 0.9 ]'), 'R3');
    expect(status).toBe('fail');
    expect(text).toMatch(/no rule ColumnValues "group" in \["A", "B"\]: any other value .* would be a third facet value/);
    expect(text).toMatch(/no rule Completeness "income_k" >= 0\.95: incomes may be missing/);
  });

  test('fails when the table is missing, or points at the original data', async () => {
    expect((await run(referenceWorld({ tableLocation: undefined }), 'R3')).text).toMatch(/has no table loans_rebalanced: a Data Quality ruleset is evaluated against a Data Catalog table/);
    expect((await run(referenceWorld({ tableLocation: `s3://${BUCKET}/${ORIGINAL_PREFIX}` }), 'R3')).text).toMatch(/not at the rebalanced data/);
  });

  test('fails when the ruleset was never evaluated on the table (only another ruleset was)', async () => {
    const { status, text } = await run(referenceWorld({ results: [dqResult({ RulesetName: 'loans-recommended' })] }), 'R3');
    expect(status).toBe('fail');
    expect(text).toMatch(/No evaluation of 'loans-quality' on .*loans_rebalanced is recorded \(only of loans-recommended\)/);
  });

  test('fails when the ruleset changed after its latest evaluation', async () => {
    const world = referenceWorld({ ruleset: { Ruleset: RULESET, LastModifiedOn: new Date('2026-12-01T11:00:00Z') } });
    expect((await run(world, 'R3')).text).toMatch(/changed .* after its latest evaluation started/);
  });

  test('fails on a failing rule, with its message and the header-row hint', async () => {
    const results = [dqResult({ RuleResults: REFERENCE_RULES.map((r, i) => (i === 1 ? ruleResult(2, r, 'FAIL', 'Value: group does not meet the constraint requirement!') : ruleResult(i + 1, r))) })];
    const { status, text } = await run(referenceWorld({ results }), 'R3');
    expect(status).toBe('fail');
    expect(text).toMatch(/skip\.header\.line\.count=1/);
  });

  test('judges the newest evaluation of the ruleset, not an older passing one', async () => {
    const older = dqResult({ ResultId: 'dqresult-old', StartedOn: new Date('2026-12-01T10:02:00Z') });
    const newer = dqResult({ ResultId: 'dqresult-new', StartedOn: new Date('2026-12-01T10:30:00Z'), RuleResults: [ruleResult(1, 'IsComplete "approved"', 'FAIL', 'Completeness: 0.98')] });
    expect((await run(referenceWorld({ results: [older, newer] }), 'R3')).status).toBe('fail');
  });

  test('error when the evaluation reports no rule results', async () => {
    expect((await run(referenceWorld({ results: [dqResult({ RuleResults: [] })] }), 'R3')).status).toBe('error');
  });

  test('error on an API error (throttled reading the result)', async () => {
    mockWorld({ sagemaker, s3, glue, cfn }, referenceWorld());
    glue.on(GetDataQualityResultCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    expect((await checkRequirement(lab, 'R3')).status).toBe('error');
  });
});

describe('DQDL reading', () => {
  test('the reference ruleset holds every required rule', () => {
    expect(missingRules(dqdlRules(RULESET)!)).toEqual([]);
  });

  test('commas inside lists and quotes do not split rules; a text without Rules is undefined', () => {
    expect(dqdlRules('Rules = [ ColumnValues "group" in ["A","B"], ColumnValues "note" = "a, b" ]')).toEqual(['ColumnValues "group" in ["A","B"]', 'ColumnValues "note" = "a, b"']);
    expect(dqdlRules('IsComplete "approved"')).toBeUndefined();
  });
});
