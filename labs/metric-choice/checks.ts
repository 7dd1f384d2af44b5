// The checks of metric-choice, one per requirement of its manifest (lab.ts).
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { isNotFound } from '../../lib/aws';
import { describeTrainingJob, listTrainingJobsWithPrefix, parseS3Uri, unreportedArtefact } from '../../lib/check/sagemaker';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided, verdictFrom } from '../../lib/check/verdicts';
import { STACK_OUTPUTS } from '../../lib/model';
import { DECISION_KEY, lab, MAX_RUNTIME_SECONDS, OUTPUT_PREFIX, TRAINING_INSTANCE_TYPE } from './lab';
import { metricOf, SCENARIOS, wrongMetricFinding } from './scenarios';
import { FRAUD_PROBLEM, HOUSES_PROBLEM, judgeJob, TRAINED_PROBLEMS, type TrainedProblem } from './trained-problems';

/** The learner's recent attempts per problem: at most this many of the newest jobs are described. */
const RECENT_JOBS = 5;

const bucketOf = (ctx: CheckContext) => ctx.stackOutput(STACK_OUTPUTS.labBucketName);

// --- R1 the decision record ---------------------------------------------------------------

/** `"recall"` or `{ "metric": "recall", "why": "..." }`: both state the same choice. */
function statedMetric(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  const metric = entry && typeof entry === 'object' ? (entry as { metric?: unknown }).metric : undefined;
  return typeof metric === 'string' ? metric : undefined;
}

async function readRecord(ctx: CheckContext, bucket: string): Promise<{ record?: Record<string, unknown>; problem?: string }> {
  const where = `s3://${bucket}/${DECISION_KEY}`;
  let body: string;
  try {
    const object = await ctx.client(S3Client).send(new GetObjectCommand({ Bucket: bucket, Key: DECISION_KEY }));
    body = (await object.Body?.transformToString('utf8')) ?? '';
  } catch (err) {
    if (!isNotFound(err)) throw err;
    return { problem: `No decision record at ${where}: write one JSON object there with a key per scenario (${SCENARIOS.map((s) => s.id).join(', ')}) whose value names the metric you chose.` };
  }
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { record: parsed as Record<string, unknown> };
    return { problem: `${where} holds ${Array.isArray(parsed) ? 'a JSON array' : `a JSON ${typeof parsed}`}; it must be one object with a key per scenario.` };
  } catch (err) {
    return { problem: `${where} is not valid JSON (${(err as Error).message}).` };
  }
}

async function checkDecisionRecord(ctx: CheckContext): Promise<CheckVerdict> {
  const bucket = await bucketOf(ctx);
  const { record, problem } = await readRecord(ctx, bucket);
  if (!record) return fail(problem!);
  // Keys are matched case-insensitively, as the values are.
  const byKey = new Map(Object.entries(record).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const findings: string[] = [];
  const chosen: string[] = [];
  for (const scenario of SCENARIOS) {
    const spelling = statedMetric(byKey.get(scenario.id));
    const metric = spelling === undefined ? undefined : metricOf(spelling);
    if (spelling === undefined) findings.push(`${scenario.id}: no metric stated (${scenario.title}).`);
    else if (!metric) findings.push(`${scenario.id}: '${spelling}' is not a metric this lab knows; name it as XGBoost or the SageMaker metrics page does (recall, precision, accuracy, f1, auc, aucpr, logloss, mae, rmse, mse, r2).`);
    else if (!scenario.fits.includes(metric)) findings.push(wrongMetricFinding(scenario, metric));
    else chosen.push(`${scenario.id}: ${metric}`);
  }
  return verdictFrom(findings, [`s3://${bucket}/${DECISION_KEY}: ${chosen.join('; ')}.`]);
}

// --- R2, R3 the trained problems ------------------------------------------------------------

type Outcome =
  | { readonly fits: true; readonly job: DescribeTrainingJobResponse; readonly summary: string }
  | { readonly fits: false; readonly verdict: CheckVerdict };

/** The newest job of the problem that fits, or the verdict on the newest attempt. */
async function outcomeOf(ctx: CheckContext, problem: TrainedProblem): Promise<Outcome> {
  const bucket = await bucketOf(ctx);
  const jobs = await listTrainingJobsWithPrefix(ctx, problem.jobPrefix);
  if (jobs.length === 0) {
    return {
      fits: false,
      verdict: fail(`No training job named ${problem.jobPrefix}... exists in ${ctx.region}. Train built-in XGBoost for ${problem.task} on s3://${bucket}/${problem.dataPrefix}train/ and validation/, reporting ${problem.metric}, and name the job ${problem.jobPrefix}<anything>.`),
    };
  }
  const described = await Promise.all(jobs.slice(0, RECENT_JOBS).map((j) => describeTrainingJob(ctx, j.TrainingJobName!)));
  const judged = described.map((job) => ({ job, judgement: judgeJob(problem, job, bucket) }));
  for (const { job, judgement } of judged) if (judgement.kind === 'fits') return { fits: true, job, summary: judgement.summary };
  const newest = judged[0]!.judgement;
  if (newest.kind === 'unseen') return { fits: false, verdict: undecided(newest.finding) };
  const older = judged.length - 1;
  const findings = newest.kind === 'problems' ? newest.findings : [];
  return { fits: false, verdict: fail(...findings, ...(older > 0 ? [`${older} older job(s) named ${problem.jobPrefix}... were judged too; none satisfies ${problem.requirement}.`] : [])) };
}

async function checkTrained(ctx: CheckContext, problem: TrainedProblem): Promise<CheckVerdict> {
  const outcome = await outcomeOf(ctx, problem);
  return outcome.fits ? pass(outcome.summary) : outcome.verdict;
}

// --- R4 cost and housekeeping ------------------------------------------------------------------

function costFindings(job: DescribeTrainingJobResponse, bucket: string): string[] {
  const name = job.TrainingJobName;
  const findings: string[] = [];
  const resources = job.ResourceConfig;
  if (resources?.InstanceType !== TRAINING_INSTANCE_TYPE || (resources.InstanceCount ?? 1) !== 1) {
    findings.push(`${name} ran on ${resources?.InstanceCount ?? '?'} x ${resources?.InstanceType ?? 'an instance group'}; a few hundred kilobytes of CSV train in about a minute on one ${TRAINING_INSTANCE_TYPE}, and every extra or larger instance is billed for nothing.`);
  }
  if (job.EnableManagedSpotTraining !== true) {
    findings.push(`${name} ran on demand; managed spot training costs up to 90% less, and a job of a minute or two loses little if spot capacity is reclaimed.`);
  }
  const runtime = job.StoppingCondition?.MaxRuntimeInSeconds;
  if (runtime === undefined || runtime > MAX_RUNTIME_SECONDS) {
    findings.push(`${name} may run for ${runtime ?? 'the default'} seconds; cap MaxRuntimeInSeconds at ${MAX_RUNTIME_SECONDS} so a runaway job costs at most half an hour of an instance.`);
  }
  // S3OutputPath is a prefix SageMaker appends <job name>/output/model.tar.gz to, with or without a final slash.
  // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_OutputDataConfig.html
  const artefacts = parseS3Uri(job.ModelArtifacts?.S3ModelArtifacts);
  if (artefacts && (artefacts.bucket !== bucket || !artefacts.key.startsWith(OUTPUT_PREFIX))) {
    findings.push(`${name} wrote its model to ${job.ModelArtifacts?.S3ModelArtifacts}; put artefacts under s3://${bucket}/${OUTPUT_PREFIX}, which teardown empties with the lab.`);
  }
  return findings;
}

async function checkCost(ctx: CheckContext): Promise<CheckVerdict> {
  const bucket = await bucketOf(ctx);
  const outcomes = await Promise.all(TRAINED_PROBLEMS.map(async (problem) => ({ problem, outcome: await outcomeOf(ctx, problem) })));
  // R2 and R3 passed in this run (dependsOn), so a missing fit means a job changed between reads.
  const lost = outcomes.find((o) => !o.outcome.fits);
  if (lost) return undecided(`The job that satisfied ${lost.problem.requirement} could not be found again; run the check once more.`);
  const jobs = outcomes.map((o) => (o.outcome as Extract<Outcome, { fits: true }>).job);
  const unreported = jobs.find((job) => !parseS3Uri(job.ModelArtifacts?.S3ModelArtifacts));
  if (unreported) return undecided(unreportedArtefact(unreported.TrainingJobName));
  const judged = `R4 judges the newest job satisfying R2 and R3: ${jobs.map((j) => j.TrainingJobName).join(' and ')}.`;
  const findings = jobs.flatMap((job) => costFindings(job, bucket));
  if (findings.length > 0) return fail(...findings, judged);
  return pass(`${jobs.map((j) => j.TrainingJobName).join(', ')}: one ${TRAINING_INSTANCE_TYPE} each, managed spot training, at most ${MAX_RUNTIME_SECONDS} s, artefacts under ${OUTPUT_PREFIX}.`, judged);
}

export const checks = defineChecks(lab, {
  R1: checkDecisionRecord,
  R2: (ctx) => checkTrained(ctx, FRAUD_PROBLEM),
  R3: (ctx) => checkTrained(ctx, HOUSES_PROBLEM),
  R4: checkCost,
});
