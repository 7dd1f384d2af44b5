// The checks of data-bias-quality, one per requirement of its manifest (lab.ts). R1 and R2 judge the
// newest Completed Clarify job over each data set from what SageMaker and S3 hold: the job's image,
// its analysis configuration (read from the job's own input), and the report it wrote. R3 reads the
// ruleset, the table it was evaluated on, and the evaluation's rule results.
import { GetDataQualityResultCommand, GetDataQualityRulesetCommand, GetTableCommand, GlueClient, paginateListDataQualityResults, type DataQualityResultDescription, type DataSource, type GetDataQualityResultResponse } from '@aws-sdk/client-glue';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DescribeProcessingJobCommand, paginateListProcessingJobs, SageMakerClient, type DescribeProcessingJobResponse, type ProcessingJobSummary } from '@aws-sdk/client-sagemaker';
import { isNotFound, isServiceError, KnownError } from '../../lib/aws/errors';
import { parseS3Uri, repositoryOf } from '../../lib/check/sagemaker';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided } from '../../lib/check/verdicts';
import { STACK_OUTPUTS } from '../../lib/model';
import { dqdlRules, missingRules } from './dqdl';
import {
  CLARIFY_REPOSITORY,
  COLUMNS,
  CONFIG_INPUT,
  DATASET_INPUT,
  DISADVANTAGED,
  FACET,
  JOB_PREFIX,
  LABEL,
  lab,
  MAX_REBALANCED_CI,
  MAX_REBALANCED_DPL,
  METRICS,
  MIN_ORIGINAL_CI,
  MIN_ORIGINAL_DPL,
  ORIGINAL_PREFIX,
  ORIGINAL_REPORT_PREFIX,
  POSITIVE_LABEL,
  REBALANCED_PREFIX,
  REBALANCED_REPORT_PREFIX,
  REBALANCED_TABLE,
  REPORT_FILE,
  RESULT_OUTPUT,
  RULESET_NAME,
} from './lab';

// --- the lab's Clarify jobs ----------------------------------------------------------------------

/** ListProcessingJobs pages (100 jobs each, API_ListProcessingJobs MaxResults) a check reads at most. */
const MAX_JOB_PAGES = 5;
/** How many of the newest matching jobs are described: enough for a lab's retries. */
const MAX_DESCRIBED = 10;

/**
 * The `loans-bias-*` jobs, newest first. NameContains matches anywhere in a name; past the page
 * bound with none matching while SageMaker offers more, the deciding jobs were not read: an error
 * for the runner, never "no jobs".
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListProcessingJobs.html
 */
async function listLabJobs(ctx: CheckContext): Promise<ProcessingJobSummary[]> {
  const jobs: ProcessingJobSummary[] = [];
  let pages = 0;
  for await (const page of paginateListProcessingJobs({ client: ctx.client(SageMakerClient), pageSize: 100 }, { NameContains: JOB_PREFIX, SortBy: 'CreationTime', SortOrder: 'Descending' })) {
    jobs.push(...(page.ProcessingJobSummaries ?? []).filter((j) => j.ProcessingJobName?.startsWith(JOB_PREFIX)));
    if (++pages < MAX_JOB_PAGES) continue;
    if (jobs.length === 0 && page.NextToken) {
      throw new KnownError('other', `SageMaker lists more than ${MAX_JOB_PAGES} pages of processing jobs whose names contain '${JOB_PREFIX}' and none starts with it; the jobs that would decide were not read. Name the lab's jobs '${JOB_PREFIX}...' and run the check again.`);
    }
    break;
  }
  return jobs.sort((a, b) => (b.CreationTime?.getTime() ?? 0) - (a.CreationTime?.getTime() ?? 0));
}

type Target = 'original' | 'rebalanced';
const DATA_PREFIX: Record<Target, string> = { original: ORIGINAL_PREFIX, rebalanced: REBALANCED_PREFIX };
const REPORT_PREFIX: Record<Target, string> = { original: ORIGINAL_REPORT_PREFIX, rebalanced: REBALANCED_REPORT_PREFIX };

/** True when `key` is `prefix` itself (with or without its slash) or lies under it. */
const under = (key: string, prefix: string) => key === prefix.replace(/\/$/, '') || key.startsWith(prefix);

/** An S3 location in the lab bucket under `prefix` (trailing slash or not). */
function inLabBucket(uri: string | undefined, bucket: string, prefix: string): boolean {
  const s3 = parseS3Uri(uri);
  return !!s3 && s3.bucket === bucket && under(s3.key, prefix);
}

/**
 * Which data set a job reads, if one of the lab's: its `dataset` input, or, without one, the
 * configuration's dataset_uri (the input is optional then, per the configure-parameters page).
 */
async function datasetOf(ctx: CheckContext, job: DescribeProcessingJobResponse): Promise<string | undefined> {
  const uri = inputUri(job, DATASET_INPUT);
  if (uri) return uri;
  const configUri = inputUri(job, CONFIG_INPUT);
  const config = configUri ? await readJson(ctx, configKeyUri(configUri)) : undefined;
  return config && 'json' in config && typeof config.json?.dataset_uri === 'string' ? config.json.dataset_uri : undefined;
}

const targetOf = (uri: string | undefined, bucket: string): Target | undefined => (Object.keys(DATA_PREFIX) as Target[]).find((t) => inLabBucket(uri, bucket, DATA_PREFIX[t]));

const inputUri = (job: DescribeProcessingJobResponse, name: string) => job.ProcessingInputs?.find((i) => i.InputName === name)?.S3Input?.S3Uri;
const outputUri = (job: DescribeProcessingJobResponse) => job.ProcessingOutputConfig?.Outputs?.find((o) => o.OutputName === RESULT_OUTPUT)?.S3Output?.S3Uri;

/** A JSON object of the lab bucket, or what kept the check from reading it. */
async function readJson(ctx: CheckContext, uri: string): Promise<{ readonly json: any } | { readonly missing: string } | { readonly unseen: string }> {
  const s3 = parseS3Uri(uri);
  if (!s3?.key) return { unseen: `${uri} is not an S3 object URI` };
  try {
    const object = await ctx.client(S3Client).send(new GetObjectCommand({ Bucket: s3.bucket, Key: s3.key }));
    return { json: JSON.parse((await object.Body?.transformToString('utf8')) ?? '') };
  } catch (err) {
    if (isNotFound(err)) return { missing: `${uri} does not exist` };
    if (err instanceof SyntaxError) return { unseen: `${uri} is not valid JSON` };
    throw err;
  }
}

/** Where the analysis configuration is: the input's object, or analysis_config.json under its prefix. */
function configKeyUri(uri: string): string {
  return uri.endsWith('.json') ? uri : `${uri.replace(/\/?$/, '/')}analysis_config.json`;
}

// --- the analysis configuration ------------------------------------------------------------------

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const sameValue = (v: unknown, expected: string | number) => String(v).trim() === String(expected);

/**
 * What the configuration states wrongly for the scenario: the label (name or CSV column index), its
 * favourable value, the facet and its sensitive value, the pre-training methods.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-processing-job-configure-analysis.html
 */
export function configProblems(config: any): string[] {
  const problems: string[] = [];
  if (!sameValue(config?.label, LABEL) && !sameValue(config?.label, COLUMNS.indexOf(LABEL))) {
    problems.push(`The analysis configuration names label ${JSON.stringify(config?.label)}; the outcome the scenario judges is '${LABEL}' (column ${COLUMNS.indexOf(LABEL)}).`);
  }
  const favourable = asList(config?.label_values_or_threshold);
  if (favourable.length !== 1 || Number(favourable[0]) !== POSITIVE_LABEL) {
    problems.push(`label_values_or_threshold is ${JSON.stringify(config?.label_values_or_threshold)}; the favourable outcome is an approval, [${POSITIVE_LABEL}]. With [0] Clarify measures who is declined, and DPL changes sign.`);
  }
  const facet = asList(config?.facet).find((f: any) => sameValue(f?.name_or_index, FACET) || sameValue(f?.name_or_index, COLUMNS.indexOf(FACET))) as any;
  if (!facet) {
    problems.push(`The analysis configuration has no facet '${FACET}' (it lists ${JSON.stringify(asList(config?.facet).map((f: any) => f?.name_or_index))}): the bias is measured between the applicant groups.`);
  } else if (facet.value_or_threshold !== undefined) {
    const values = asList(facet.value_or_threshold).map((v) => String(v).trim());
    if (values.length !== 1 || values[0] !== DISADVANTAGED) {
      problems.push(`Facet '${FACET}' names ${JSON.stringify(facet.value_or_threshold)} as the sensitive group; the scenario's disadvantaged group is ${DISADVANTAGED} (["${DISADVANTAGED}"], or leave value_or_threshold out so Clarify reports every value against the rest). Naming A measures the advantaged group, and the metrics change sign.`);
    }
  }
  const methods = config?.methods?.pre_training_bias?.methods;
  const named = asList(methods).map((m) => String(m));
  if (methods !== 'all' && !METRICS.every((m) => named.includes(m))) {
    problems.push(`methods.pre_training_bias.methods is ${JSON.stringify(methods)}; the scenario needs ${METRICS.join(' and ')} (or "all"). Without a pre_training_bias section Clarify computes no pre-training metric at all.`);
  }
  return problems;
}

// --- the report ----------------------------------------------------------------------------------

export interface FacetMetrics {
  readonly ci?: number;
  readonly dpl?: number;
  /** Errors Clarify reported instead of a value. */
  readonly errors: readonly string[];
}

/**
 * CI and DPL for facet value B in analysis.json's pre_training_bias_metrics, or why they are not
 * there. Clarify writes each facet value (or the configured list, comma-joined) with its metrics.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-processing-job-analysis-results.html
 */
export function reportMetrics(report: any): FacetMetrics | { readonly absent: string } {
  const section = report?.pre_training_bias_metrics;
  if (!section) return { absent: `it has no pre_training_bias_metrics section` };
  const entries = asList(section.facets?.[FACET] ?? section.facets?.[String(COLUMNS.indexOf(FACET))]);
  if (entries.length === 0) return { absent: `it reports no facet '${FACET}' (facets: ${Object.keys(section.facets ?? {}).join(', ') || 'none'})` };
  const entry = entries.find((e: any) => String(e?.value_or_threshold ?? '').split(',').map((v) => v.trim()).join(',') === DISADVANTAGED) as any;
  if (!entry) return { absent: `it reports facet '${FACET}' only for value(s) ${entries.map((e: any) => JSON.stringify(e?.value_or_threshold)).join(', ')}, not for group ${DISADVANTAGED}` };
  const metric = (name: string) => asList(entry.metrics).find((m: any) => m?.name === name) as any;
  const errors = METRICS.flatMap((name) => (metric(name)?.error ? [`${name}: ${metric(name).error}`] : []));
  const value = (name: string) => (typeof metric(name)?.value === 'number' ? (metric(name).value as number) : undefined);
  return { ci: value('CI'), dpl: value('DPL'), errors };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const fmt = (x: number) => x.toFixed(3);

// --- R1 and R2: a Clarify job per data set --------------------------------------------------------

type Judged = { readonly verdict: CheckVerdict } | { readonly job: DescribeProcessingJobResponse; readonly metrics: FacetMetrics; readonly report: string };

/** The newest Completed Clarify job over `target`, its configuration checked and its report read. */
async function judgeJob(ctx: CheckContext, target: Target): Promise<Judged> {
  const [jobs, bucket] = await Promise.all([listLabJobs(ctx), ctx.stackOutput(STACK_OUTPUTS.labBucketName)]);
  if (jobs.length === 0) return { verdict: fail(`No processing job named '${JOB_PREFIX}...' exists in this region. Run a SageMaker Clarify processing job with that name prefix (the ClarifyProcessor of the SageMaker Python SDK takes a job_name).`) };
  const skipped: string[] = [];
  const candidates: DescribeProcessingJobResponse[] = [];
  for (const summary of jobs.slice(0, MAX_DESCRIBED)) {
    const job = await ctx.client(SageMakerClient).send(new DescribeProcessingJobCommand({ ProcessingJobName: summary.ProcessingJobName! }));
    const repository = repositoryOf(job.AppSpecification?.ImageUri);
    if (repository !== CLARIFY_REPOSITORY) {
      skipped.push(`${job.ProcessingJobName} runs ${repository ?? 'an unreadable image'}, not AWS's prebuilt Clarify container (${CLARIFY_REPOSITORY}); metrics computed by a script of your own are not a Clarify report`);
      continue;
    }
    const dataset = await datasetOf(ctx, job);
    if (targetOf(dataset, bucket) === target) candidates.push(job);
    else skipped.push(`${job.ProcessingJobName} reads ${dataset ?? 'no input named dataset'}, not s3://${bucket}/${DATA_PREFIX[target]}`);
  }
  if (candidates.length === 0) {
    return { verdict: fail(`None of the ${Math.min(jobs.length, MAX_DESCRIBED)} newest '${JOB_PREFIX}' job(s) is a Clarify job over the ${target} data (its processing input '${DATASET_INPUT}' under s3://${bucket}/${DATA_PREFIX[target]}): ${skipped.join('; ')}.`) };
  }
  const job = candidates.find((j) => j.ProcessingJobStatus === 'Completed');
  if (!job) {
    const newest = candidates[0]!;
    return {
      verdict: fail(
        newest.ProcessingJobStatus === 'Failed'
          ? `${newest.ProcessingJobName} Failed: ${newest.FailureReason ?? 'no reason given'}. A Clarify job fails when its configuration does not match the data (a label or facet name the headers do not hold, a label value that never occurs); its CloudWatch log (/aws/sagemaker/ProcessingJobs) says which.`
          : `${newest.ProcessingJobName} is ${newest.ProcessingJobStatus}; no Clarify job over the ${target} data has Completed yet. Run the check again once it has.`,
      ),
    };
  }
  const configUri = inputUri(job, CONFIG_INPUT);
  if (!configUri) return { verdict: fail(`${job.ProcessingJobName} has no processing input named '${CONFIG_INPUT}': a Clarify job reads its analysis configuration from that input.`) };
  const config = await readJson(ctx, configKeyUri(configUri));
  if (!('json' in config)) return { verdict: undecided(`The analysis configuration of ${job.ProcessingJobName} cannot be read: ${'missing' in config ? config.missing : config.unseen}. Keep the configuration where the job read it, then run the check again.`) };
  const problems = configProblems(config.json);
  const output = outputUri(job);
  if (!output) return { verdict: undecided(`${job.ProcessingJobName} reports no processing output named '${RESULT_OUTPUT}', so where its report went cannot be told.`) };
  if (!inLabBucket(output, bucket, REPORT_PREFIX[target])) {
    problems.push(`${job.ProcessingJobName} writes its report to ${output}; the scenario keeps the ${target} data's report under s3://${bucket}/${REPORT_PREFIX[target]}.`);
  }
  if (problems.length > 0) return { verdict: fail(...problems) };
  const report = `${output.replace(/\/$/, '')}/${REPORT_FILE}`;
  const read = await readJson(ctx, report);
  if ('missing' in read) return { verdict: fail(`${read.missing}: ${job.ProcessingJobName} Completed, but its report is gone. Run the job again, or restore the report.`) };
  if ('unseen' in read) return { verdict: undecided(`The report of ${job.ProcessingJobName} cannot be read: ${read.unseen}.`) };
  const metrics = reportMetrics(read.json);
  if ('absent' in metrics) return { verdict: fail(`${report} holds no ${METRICS.join(' and ')} for group ${DISADVANTAGED}: ${metrics.absent}.`) };
  if (metrics.ci === undefined || metrics.dpl === undefined) {
    return { verdict: fail(`${report} has no value for ${metrics.ci === undefined ? 'CI' : 'DPL'} of group ${DISADVANTAGED}${metrics.errors.length ? `; Clarify reported ${metrics.errors.join('; ')}` : ''}.`) };
  }
  return { job, metrics, report };
}

async function checkOriginalBias(ctx: CheckContext): Promise<CheckVerdict> {
  const judged = await judgeJob(ctx, 'original');
  if ('verdict' in judged) return judged.verdict;
  const { ci, dpl } = judged.metrics as Required<FacetMetrics>;
  const shareD = (1 - ci) / 2;
  if (ci < MIN_ORIGINAL_CI || dpl < MIN_ORIGINAL_DPL) {
    return fail(
      `${judged.report} shows CI ${fmt(ci)} and DPL ${fmt(dpl)} for group ${DISADVANTAGED}; the shipped data's imbalance is CI of at least ${MIN_ORIGINAL_CI} and DPL of at least ${MIN_ORIGINAL_DPL}. A report this far from it analysed other rows or another outcome: check that the job read the whole of ${ORIGINAL_PREFIX}, that the headers match the file's column order (${COLUMNS.join(', ')}) and that the label is '${LABEL}'.`,
    );
  }
  return pass(
    `${judged.job.ProcessingJobName}: ${judged.report} shows CI ${fmt(ci)} for group ${DISADVANTAGED}: CI = (n_a - n_d)/(n_a + n_d), so B is ${pct(shareD)} of the applications, A ${pct(1 - shareD)}.`,
    `DPL ${fmt(dpl)}: q_a - q_d, A's approval rate exceeds B's by ${(dpl * 100).toFixed(1)} percentage points in the labels themselves, before any model.`,
    `A model trained on these rows sees few B applicants and mostly declined ones, so it can learn "group B" (or any feature that stands in for it, such as income) as a reason to decline, and its errors on B weigh little in the loss.`,
  );
}

async function checkRebalancedBias(ctx: CheckContext): Promise<CheckVerdict> {
  const judged = await judgeJob(ctx, 'rebalanced');
  if ('verdict' in judged) return judged.verdict;
  const { ci, dpl } = judged.metrics as Required<FacetMetrics>;
  const problems: string[] = [];
  if (Math.abs(ci) > MAX_REBALANCED_CI) {
    problems.push(`${judged.report} shows CI ${fmt(ci)} for group ${DISADVANTAGED}; the bound is |CI| <= ${MAX_REBALANCED_CI}. ${ci > 0 ? `B is still ${pct((1 - ci) / 2)} of the rows: add B rows (oversampling, synthetic rows) or remove A rows until the groups are about the same size.` : `B now outnumbers A: resample to about equal sizes.`}`);
  }
  if (Math.abs(dpl) > MAX_REBALANCED_DPL) {
    problems.push(
      `DPL is ${fmt(dpl)}; the bound is |DPL| <= ${MAX_REBALANCED_DPL}. ${Math.abs(ci) <= MAX_REBALANCED_CI ? 'Equal group sizes do not equalise approval rates: copying B rows at random copies their approval rate too. Resample approved and declined B rows apart (or A rows) so that both groups are approved about as often.' : 'Resample approved and declined rows of each group apart so that both groups are approved about as often.'}`,
    );
  }
  const bucket = await ctx.stackOutput(STACK_OUTPUTS.labBucketName);
  const listed = await ctx.client(S3Client).send(new ListObjectsV2Command({ Bucket: bucket, Prefix: REBALANCED_PREFIX, MaxKeys: 1 }));
  if ((listed.KeyCount ?? listed.Contents?.length ?? 0) === 0) {
    problems.push(`s3://${bucket}/${REBALANCED_PREFIX} holds no object any more: the rebalanced data set the report measured is gone, and R3 evaluates its table.`);
  }
  if (problems.length > 0) return fail(...problems);
  return pass(
    `${judged.job.ProcessingJobName}: ${judged.report} shows CI ${fmt(ci)} and DPL ${fmt(dpl)} for group ${DISADVANTAGED}: the groups are about equally represented and equally often approved in the rebalanced data.`,
    'Rebalancing the labels fixes what the model is shown, not the world the data came from: the post-training metrics of the trained model (Clarify post_training_bias) say whether its predictions stay fair.',
  );
}

// --- R3: the ruleset and its evaluation -----------------------------------------------------------

/** ListDataQualityResults pages read at most; results of the lab's table are few. */
const MAX_RESULT_PAGES = 10;
const MAX_RESULTS_READ = 10;

function isTable(source: DataSource | undefined, database: string): boolean {
  const table = source?.GlueTable ?? source?.DataQualityGlueTable;
  return table?.DatabaseName === database && table?.TableName === REBALANCED_TABLE;
}

/** The newest evaluation result of the ruleset on the lab table, or what kept it from being found. */
async function latestEvaluation(ctx: CheckContext, database: string): Promise<GetDataQualityResultResponse | { readonly none: string } | { readonly unseen: string }> {
  const glue = ctx.client(GlueClient);
  const onTable: DataQualityResultDescription[] = [];
  let pages = 0;
  let more = false;
  for await (const page of paginateListDataQualityResults({ client: glue }, {})) {
    onTable.push(...(page.Results ?? []).filter((r) => isTable(r.DataSource, database)));
    if (++pages >= MAX_RESULT_PAGES) {
      more = !!page.NextToken;
      break;
    }
  }
  onTable.sort((a, b) => (b.StartedOn?.getTime() ?? 0) - (a.StartedOn?.getTime() ?? 0));
  const others = new Set<string>();
  for (const description of onTable.slice(0, MAX_RESULTS_READ)) {
    const result = await glue.send(new GetDataQualityResultCommand({ ResultId: description.ResultId! }));
    if (result.RulesetName === RULESET_NAME) return result;
    if (result.RulesetName) others.add(result.RulesetName);
  }
  if (onTable.length === 0 && more) return { unseen: `Glue lists more than ${MAX_RESULT_PAGES} pages of data quality results and none of them is of ${database}.${REBALANCED_TABLE}; the results that would decide were not read` };
  return { none: `No evaluation of '${RULESET_NAME}' on ${database}.${REBALANCED_TABLE} is recorded${others.size ? ` (only of ${[...others].join(', ')})` : ''}` };
}

async function checkDataQuality(ctx: CheckContext): Promise<CheckVerdict> {
  const glue = ctx.client(GlueClient);
  let ruleset;
  try {
    ruleset = await glue.send(new GetDataQualityRulesetCommand({ Name: RULESET_NAME }));
  } catch (err) {
    if (!isServiceError(err, 'EntityNotFoundException')) throw err;
    return fail(`No Glue Data Quality ruleset named '${RULESET_NAME}' exists in this region.`);
  }
  const rules = dqdlRules(ruleset.Ruleset ?? '');
  if (!rules) return fail(`The ruleset '${RULESET_NAME}' holds no 'Rules = [ ... ]' list; DQDL states rules inside it.`);
  const missing = missingRules(rules);
  if (missing.length > 0) {
    return fail(...missing.map((m) => `The ruleset has no rule ${m.rule}: ${m.protects}.`));
  }
  const [database, bucket] = await Promise.all([ctx.stackOutput(STACK_OUTPUTS.glueDatabaseName), ctx.stackOutput(STACK_OUTPUTS.labBucketName)]);
  let location: string | undefined;
  try {
    location = (await glue.send(new GetTableCommand({ DatabaseName: database, Name: REBALANCED_TABLE }))).Table?.StorageDescriptor?.Location;
  } catch (err) {
    if (!isServiceError(err, 'EntityNotFoundException')) throw err;
    return fail(`The lab database ${database} has no table ${REBALANCED_TABLE}: a Data Quality ruleset is evaluated against a Data Catalog table, so define one over s3://${bucket}/${REBALANCED_PREFIX}.`);
  }
  if (!inLabBucket(location, bucket, REBALANCED_PREFIX)) {
    return fail(`Table ${database}.${REBALANCED_TABLE} points at ${location ?? 'no location'}, not at the rebalanced data (s3://${bucket}/${REBALANCED_PREFIX}): its evaluation would judge other rows.`);
  }
  const result = await latestEvaluation(ctx, database);
  if ('unseen' in result) return undecided(`${result.unseen}; run the check again.`);
  if ('none' in result) return fail(`${result.none}. Evaluate the ruleset on that table (an evaluation run), then check again.`);
  const outcomes = result.RuleResults ?? [];
  if (outcomes.length === 0) return undecided(`The evaluation ${result.ResultId} of '${RULESET_NAME}' reports no rule results, so whether the rules passed cannot be told; run the check again once Glue has them.`);
  if (ruleset.LastModifiedOn && result.StartedOn && ruleset.LastModifiedOn > result.StartedOn) {
    return fail(`The ruleset changed (${ruleset.LastModifiedOn.toISOString()}) after its latest evaluation started (${result.StartedOn.toISOString()}): that result judged other rules. Evaluate it again.`);
  }
  const failed = outcomes.filter((r) => r.Result !== 'PASS');
  if (failed.length > 0) {
    const facetRule = failed.some((r) => /ColumnValues/.test(r.Description ?? r.EvaluatedRule ?? '') && new RegExp(FACET).test(r.Description ?? ''));
    return fail(
      ...failed.map((r) => `${r.Description ?? r.Name}: ${r.Result}${r.EvaluationMessage ? ` (${r.EvaluationMessage})` : ''}.`),
      ...(facetRule ? [`A value other than A or B in '${FACET}' often is the CSV's header row read as data: a table over CSV written with a header needs the table property skip.header.line.count=1.`] : []),
    );
  }
  return pass(
    `The latest evaluation of '${RULESET_NAME}' on ${database}.${REBALANCED_TABLE} (result ${result.ResultId}, ${result.StartedOn?.toISOString() ?? 'start time not reported'}) passed all ${outcomes.length} rule(s), score ${result.Score ?? 'not reported'}.`,
    'Each rule is a contract the training data must keep every time it is rebuilt: a label on every row, only the known groups in the facet, and no more missing incomes than the team tolerates.',
  );
}

export const checks = defineChecks(lab, {
  R1: checkOriginalBias,
  R2: checkRebalancedBias,
  R3: checkDataQuality,
});
