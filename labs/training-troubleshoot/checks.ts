// The checks of training-troubleshoot, one per requirement of its manifest (lab.ts). Each judges
// the cause the learner fixed (the data, the role's policy, the stopping condition), not only that
// some job completed.
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  IAMClient,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
} from '@aws-sdk/client-iam';
import { GetObjectCommand, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import type { DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { isServiceError } from '../../lib/aws/errors';
import { describeTrainingJob, listTrainingJobsWithPrefix, parseImageUri, parseS3Uri } from '../../lib/check/sagemaker';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided, verdictFrom } from '../../lib/check/verdicts';
import { STACK_OUTPUTS } from '../../lib/model';
import {
  CLEAN_PREFIX,
  COLUMN_COUNT,
  FIXED_JOB_PREFIX,
  FIXED_PREFIX,
  lab,
  MAX_RERUN_RUNTIME_SECONDS,
  MIN_RERUN_RUNTIME_SECONDS,
  PLANTED_MAX_RUNTIME_SECONDS,
  RAW_PREFIX,
  TRAINING_ROLE_NAME,
  XGBOOST_REPOSITORY,
  XGBOOST_VERSION,
} from './lab';

/** Bytes read from the start of each corrected file: a data row of the shipped data is under 40. */
const FIRST_LINE_BYTES = 4096;
/** The file R2 judges access to: the one the lab ships under clean/. */
const CLEAN_KEY = `${CLEAN_PREFIX}churn.csv`;

// ---------------------------------------------------------------------------------------------
// R1: the corrected data

/** Why a first line is not a data row of the shipped shape, or undefined when it is. */
export function firstLineProblem(key: string, line: string): string | undefined {
  const fields = line.replace(/\r$/, '').split(',').map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
  if (fields.length === 1 && fields[0] === '') return `${key} starts with an empty line; XGBoost reads every line as a row, so remove it.`;
  const words = fields.filter((f) => f === '' || !Number.isFinite(Number(f)));
  if (words.length > 0) {
    return (
      `${key} starts with '${line.slice(0, 80)}', a header row: built-in XGBoost reads CSV training data with the label in the first column and no header record, ` +
      `so it tries to read '${words[0]}' as a number and the job fails (broken-1's FailureReason and log stream say so). Remove the first line of ${RAW_PREFIX}churn.csv and write the rest under ${FIXED_PREFIX}.`
    );
  }
  if (fields.length !== COLUMN_COUNT) {
    return `${key}'s first row has ${fields.length} columns; the shipped data has ${COLUMN_COUNT} (the label, then 5 features). Keep every column: dropping one changes what the model learns, and adding an index column makes XGBoost treat it as a feature.`;
  }
  return undefined;
}

async function firstLine(ctx: CheckContext, bucket: string, key: string): Promise<{ line: string } | { unseen: string }> {
  const object = await ctx.client(S3Client).send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${FIRST_LINE_BYTES - 1}` }));
  const text = (await object.Body?.transformToString('utf8')) ?? '';
  const end = text.indexOf('\n');
  if (end >= 0) return { line: text.slice(0, end) };
  const total = Number(object.ContentRange?.split('/')[1]);
  // The whole object was read and has a single line, or the first line is longer than the range.
  if (Number.isFinite(total) && total <= FIRST_LINE_BYTES) return { line: text };
  return { unseen: `s3://${bucket}/${key} has no line break in its first ${FIRST_LINE_BYTES} bytes, so its first line could not be read whole; a data row of this data set is under 40 bytes, so check that the file is the CSV export.` };
}

// ---------------------------------------------------------------------------------------------
// R2: the role's policies, read with IAM's read APIs and evaluated for one action on one object

interface Statement {
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: unknown;
}

/** IAM's wildcard match: `*` any run of characters, `?` one; actions case-insensitively. */
function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : [v].flat());

/** Whether a statement covers the action on the resource (Condition is judged by the caller). */
function covers(s: Statement, action: string, resource: string): boolean {
  const actionMatches = s.Action !== undefined ? list(s.Action).some((a) => wildcard(a, action, true)) : !list(s.NotAction).some((a) => wildcard(a, action, true));
  const resourceMatches = s.Resource !== undefined ? list(s.Resource).some((r) => wildcard(r, resource, false)) : !list(s.NotResource).some((r) => wildcard(r, resource, false));
  return actionMatches && resourceMatches;
}

/** A policy document as IAM returns it: URL-encoded JSON (GetRolePolicy, GetPolicyVersion). */
function statementsOf(document: string | undefined): Statement[] {
  if (!document) return [];
  const parsed = JSON.parse(decodeURIComponent(document)) as { Statement?: Statement | Statement[] };
  return parsed.Statement === undefined ? [] : [parsed.Statement].flat();
}

interface NamedStatements {
  readonly policy: string;
  readonly statements: Statement[];
}

async function rolePolicies(ctx: CheckContext): Promise<NamedStatements[]> {
  const iam = ctx.client(IAMClient);
  const found: NamedStatements[] = [];
  for await (const page of paginateListRolePolicies({ client: iam }, { RoleName: TRAINING_ROLE_NAME })) {
    for (const name of page.PolicyNames ?? []) {
      const policy = await iam.send(new GetRolePolicyCommand({ RoleName: TRAINING_ROLE_NAME, PolicyName: name }));
      found.push({ policy: `inline policy ${name}`, statements: statementsOf(policy.PolicyDocument) });
    }
  }
  for await (const page of paginateListAttachedRolePolicies({ client: iam }, { RoleName: TRAINING_ROLE_NAME })) {
    for (const attached of page.AttachedPolicies ?? []) {
      const policy = await iam.send(new GetPolicyCommand({ PolicyArn: attached.PolicyArn }));
      const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: attached.PolicyArn, VersionId: policy.Policy?.DefaultVersionId }));
      found.push({ policy: `managed policy ${attached.PolicyName}`, statements: statementsOf(version.PolicyVersion?.Document) });
    }
  }
  return found;
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  return region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

// ---------------------------------------------------------------------------------------------
// R3, R4: the learner's rerun

type Judged = { readonly job: DescribeTrainingJobResponse } | { readonly problem: string } | { readonly unseen: string };

/** The newest Completed `fixed-` job, or why there is none (with the newest job's own failure, which teaches). */
async function judgedJob(ctx: CheckContext): Promise<Judged> {
  const jobs = await listTrainingJobsWithPrefix(ctx, FIXED_JOB_PREFIX);
  const completed = jobs.find((j) => j.TrainingJobStatus === 'Completed');
  if (completed?.TrainingJobName) return { job: await describeTrainingJob(ctx, completed.TrainingJobName) };
  if (jobs.length === 0) return { problem: `No training job's name starts with '${FIXED_JOB_PREFIX}'. Rerun the job once its causes are fixed, named ${FIXED_JOB_PREFIX}<anything>.` };
  const newest = jobs[0]!;
  if (newest.TrainingJobStatus === 'InProgress' || newest.TrainingJobStatus === 'Stopping') {
    return { unseen: `${newest.TrainingJobName} is still ${newest.TrainingJobStatus} and no '${FIXED_JOB_PREFIX}' job has completed yet; its outcome decides, so run the check again when it ends.` };
  }
  const described = await describeTrainingJob(ctx, newest.TrainingJobName!);
  const why = described.FailureReason ? ` Its FailureReason: ${described.FailureReason}` : '';
  return {
    problem: `None of the ${jobs.length} '${FIXED_JOB_PREFIX}' jobs has completed; the newest, ${newest.TrainingJobName}, is ${described.TrainingJobStatus} (${described.SecondaryStatus ?? 'no secondary status'}).${why} Read it the way you read the broken jobs: the FailureReason names the phase and the cause, the job's log stream in /aws/sagemaker/TrainingJobs shows the algorithm's own error.`,
  };
}

function onJudgedJob(check: (job: DescribeTrainingJobResponse, ctx: CheckContext) => Promise<CheckVerdict> | CheckVerdict): (ctx: CheckContext) => Promise<CheckVerdict> {
  return async (ctx) => {
    const judged = await judgedJob(ctx);
    if ('unseen' in judged) return undecided(judged.unseen);
    return 'problem' in judged ? fail(judged.problem) : check(judged.job, ctx);
  };
}

/** True when `uri` names `prefix` (with or without its final slash) or an object under it. */
function readsPrefix(uri: string | undefined, bucket: string, prefix: string): boolean {
  const s3 = parseS3Uri(uri);
  return s3 !== undefined && s3.bucket === bucket && (s3.key === prefix.replace(/\/$/, '') || s3.key.startsWith(prefix));
}

export const checks = defineChecks(lab, {
  R1: async (ctx) => {
    const bucket = await ctx.stackOutput(STACK_OUTPUTS.labBucketName);
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client: ctx.client(S3Client) }, { Bucket: bucket, Prefix: FIXED_PREFIX })) {
      // Zero-byte keys ending in '/' are console "folders", not data; SageMaker skips them too.
      keys.push(...(page.Contents ?? []).filter((o) => !(o.Key?.endsWith('/') && (o.Size ?? 0) === 0)).map((o) => o.Key!));
    }
    if (keys.length === 0) {
      return fail(`Nothing is under s3://${bucket}/${FIXED_PREFIX}. Write the corrected copy of ${RAW_PREFIX}churn.csv there: the data is the cause of broken-1's failure, so a rerun needs the fixed file, not a different setting.`);
    }
    const problems: string[] = [];
    for (const key of keys) {
      const read = await firstLine(ctx, bucket, key);
      if ('unseen' in read) return undecided(read.unseen);
      const problem = firstLineProblem(`s3://${bucket}/${key}`, read.line);
      if (problem) problems.push(problem);
    }
    return verdictFrom(problems, [`${keys.length} file(s) under ${FIXED_PREFIX}, each starting with a data row of ${COLUMN_COUNT} numeric columns, label first.`]);
  },
  R2: async (ctx) => {
    const bucket = await ctx.stackOutput(STACK_OUTPUTS.labBucketName);
    const resource = `arn:${partitionOf(ctx.region)}:s3:::${bucket}/${CLEAN_KEY}`;
    let policies: NamedStatements[];
    try {
      policies = await rolePolicies(ctx);
    } catch (err) {
      if (isServiceError(err, 'NoSuchEntity', 'NoSuchEntityException')) {
        return fail(`The role ${TRAINING_ROLE_NAME} does not exist: the lab stack creates it, and the planted and fixed jobs run as it. Fix its policy rather than replacing it; redeploy the lab (mllab deploy) if it was deleted.`);
      }
      throw err;
    }
    const matching = policies.flatMap((p) => p.statements.filter((s) => covers(s, 's3:GetObject', resource)).map((s) => ({ policy: p.policy, s })));
    const denies = matching.filter((m) => m.s.Effect === 'Deny');
    if (denies.length > 0) {
      return fail(`The ${denies[0]!.policy} of ${TRAINING_ROLE_NAME} denies s3:GetObject on ${resource}; an explicit deny wins over every allow, so SageMaker still cannot download the channel.`);
    }
    const allows = matching.filter((m) => m.s.Effect === 'Allow');
    if (allows.some((m) => m.s.Condition === undefined)) {
      return pass(`${allows.find((m) => m.s.Condition === undefined)!.policy} of ${TRAINING_ROLE_NAME} allows s3:GetObject on ${resource}.`);
    }
    if (allows.length > 0) {
      return undecided(`The ${allows[0]!.policy} of ${TRAINING_ROLE_NAME} allows s3:GetObject on ${resource} only under a Condition, which depends on the request and cannot be judged from the policy alone; an unconditional statement for the prefix is what a training channel needs.`);
    }
    return fail(
      `No policy of ${TRAINING_ROLE_NAME} allows s3:GetObject on ${resource}. SageMaker downloads a File-mode channel as the execution role, so broken-2 failed before training started (its FailureReason is about downloading the data, not about the algorithm). ` +
        `Allow s3:GetObject on arn:${partitionOf(ctx.region)}:s3:::${bucket}/${CLEAN_PREFIX}* (or a prefix that contains it) in the role's policy; s3:ListBucket on the bucket alone lists the keys but reads none.`,
    );
  },
  R3: onJudgedJob(async (job, ctx) => {
    const bucket = await ctx.stackOutput(STACK_OUTPUTS.labBucketName);
    const problems: string[] = [];
    const image = job.AlgorithmSpecification?.TrainingImage ? parseImageUri(job.AlgorithmSpecification.TrainingImage) : undefined;
    if (image?.repository !== XGBOOST_REPOSITORY || image.tag?.split('-cpu')[0] !== XGBOOST_VERSION) {
      problems.push(`${job.TrainingJobName} runs ${job.AlgorithmSpecification?.TrainingImage ?? 'no image'}; rerun the planted jobs' algorithm, built-in ${XGBOOST_REPOSITORY}:${XGBOOST_VERSION}, so the rerun proves the fix and not a different algorithm's tolerance.`);
    }
    const roleName = job.RoleArn?.split('/').pop();
    if (roleName !== TRAINING_ROLE_NAME) {
      problems.push(`${job.TrainingJobName} runs as ${job.RoleArn ?? 'no role'}; run it as ${TRAINING_ROLE_NAME}, the role whose policy you fixed: another role working proves nothing about that one.`);
    }
    const train = job.InputDataConfig?.find((c) => c.ChannelName === 'train');
    const uri = train?.DataSource?.S3DataSource?.S3Uri;
    if (!train) {
      problems.push(`${job.TrainingJobName} has no 'train' channel; built-in XGBoost reads its training data from the channel named 'train'.`);
    } else {
      if (readsPrefix(uri, bucket, RAW_PREFIX)) problems.push(`${job.TrainingJobName}'s 'train' channel reads ${uri}, the export with the header row; read the corrected copy under ${FIXED_PREFIX} (or ${CLEAN_PREFIX}).`);
      else if (!readsPrefix(uri, bucket, FIXED_PREFIX) && !readsPrefix(uri, bucket, CLEAN_PREFIX)) {
        problems.push(`${job.TrainingJobName}'s 'train' channel reads ${uri ?? 'no S3 URI'}; the fixed data is under s3://${bucket}/${FIXED_PREFIX} or s3://${bucket}/${CLEAN_PREFIX}.`);
      }
      if (train.ContentType?.split(';')[0]?.trim().toLowerCase() !== 'text/csv') {
        problems.push(`${job.TrainingJobName}'s 'train' channel has ContentType ${train.ContentType ?? '(not set: XGBoost then assumes libsvm)'}; the data is CSV, so set text/csv.`);
      }
    }
    return verdictFrom(problems, [`${job.TrainingJobName} completed with ${XGBOOST_REPOSITORY}:${XGBOOST_VERSION} as ${TRAINING_ROLE_NAME}, reading ${uri} as text/csv.`]);
  }),
  R4: onJudgedJob((job) => {
    const runtime = job.StoppingCondition?.MaxRuntimeInSeconds;
    if (runtime === undefined) return undecided(`DescribeTrainingJob reports no StoppingCondition.MaxRuntimeInSeconds for ${job.TrainingJobName} (SageMaker always reports one), so the limit cannot be judged; run the check again.`);
    if (runtime < MIN_RERUN_RUNTIME_SECONDS) {
      return fail(
        `${job.TrainingJobName} allows ${runtime} s (MaxRuntimeInSeconds); it completed, but a limit that close to the run leaves no margin. broken-3 ended at ${PLANTED_MAX_RUNTIME_SECONDS} s with SecondaryStatus MaxRuntimeExceeded: its SecondaryStatusTransitions show the start-up and download phases before Training, and the limit covers them too. Allow at least ${MIN_RERUN_RUNTIME_SECONDS} s.`,
      );
    }
    if (runtime > MAX_RERUN_RUNTIME_SECONDS) {
      return fail(`${job.TrainingJobName} allows ${runtime} s; the fix is a sufficient limit, not no limit: a stuck job bills until MaxRuntimeInSeconds (one day by default). Keep it at most ${MAX_RERUN_RUNTIME_SECONDS} s.`);
    }
    return pass(`${job.TrainingJobName}: MaxRuntimeInSeconds ${runtime}, between ${MIN_RERUN_RUNTIME_SECONDS} and ${MAX_RERUN_RUNTIME_SECONDS} (broken-3 had ${PLANTED_MAX_RUNTIME_SECONDS}).`);
  }),
});
