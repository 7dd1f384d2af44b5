// The checks of algorithm-choice, one per requirement of its manifest (lab.ts).
import type { DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { describeTrainingJob, listTrainingJobsWithPrefix, parseS3Uri, repositoryOf, unreportedArtefact } from '../../lib/check/sagemaker';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided } from '../../lib/check/verdicts';
import { STACK_OUTPUTS } from '../../lib/model';
import { lab, MAX_RUNTIME_SECONDS, OUTPUT_PREFIX, TRAINING_INSTANCE_TYPES } from './lab';
import { dataProblems, DEMAND_PROBLEM, PROBLEMS, RENT_PROBLEM, TICKETS_PROBLEM, wrongAlgorithmFinding, type Problem } from './problems';
import { completionProblem, describeImage, JOBS_DESCRIBED } from './training-jobs';

/** What the check decided about one problem: the job that fits, or the findings on the newest one. */
type Evaluation =
  | { readonly fits: true; readonly job: DescribeTrainingJobResponse }
  | { readonly fits: false; readonly findings: readonly string[] };

/** Problems of one job: a wrong algorithm alone (its other settings mean nothing), else everything. */
function judgeJob(problem: Problem, job: DescribeTrainingJobResponse, bucket: string): string[] {
  const repository = repositoryOf(job.AlgorithmSpecification?.TrainingImage);
  if (repository !== problem.repository) return [wrongAlgorithmFinding(problem, job, repository)];
  const completion = completionProblem(job);
  return [
    ...problem.judgeHyperparameters(job).map((p) => `${job.TrainingJobName}: ${p}`),
    ...dataProblems(problem, job, bucket),
    ...(completion ? [completion] : []),
  ];
}

/**
 * The learner's recent jobs for a problem (newest first, at most JOBS_DESCRIBED): the problem is
 * solved when one of them fits; otherwise the newest attempt's problems are reported. Every
 * requirement that evaluates a problem sends the same reads, which the session memoises.
 */
async function evaluate(ctx: CheckContext, problem: Problem): Promise<Evaluation> {
  const bucket = await ctx.stackOutput(STACK_OUTPUTS.labBucketName);
  const summaries = await listTrainingJobsWithPrefix(ctx, problem.jobPrefix);
  if (summaries.length === 0) {
    return {
      fits: false,
      findings: [
        `No training job named ${problem.jobPrefix}... exists in ${ctx.region}. Launch one for ${problem.task} with the built-in algorithm and mode that fit it, on the shipped data under s3://${bucket}/${problem.dataPrefix}, and name it ${problem.jobPrefix}<anything>.`,
      ],
    };
  }
  const recent = summaries.slice(0, JOBS_DESCRIBED);
  const jobs = await Promise.all(recent.map((s) => describeTrainingJob(ctx, s.TrainingJobName!)));
  const judged = jobs.map((job) => ({ job, problems: judgeJob(problem, job, bucket) }));
  const fitting = judged.find((j) => j.problems.length === 0);
  if (fitting) return { fits: true, job: fitting.job };
  const newest = judged[0]!;
  const older = recent.length - 1;
  return {
    fits: false,
    findings: [
      ...newest.problems,
      ...(older > 0 ? [`${older} older job(s) named ${problem.jobPrefix}... were checked as well; none fits either.`] : []),
    ],
  };
}

async function checkProblem(ctx: CheckContext, problem: Problem): Promise<CheckVerdict> {
  const result = await evaluate(ctx, problem);
  if (!result.fits) return fail(...result.findings);
  const job = result.job;
  const repository = repositoryOf(job.AlgorithmSpecification?.TrainingImage);
  return pass(`${job.TrainingJobName} trained ${describeImage(repository)} with ${problem.settingsSummary(job)} on the shipped data, and completed.`);
}

/** Cost and housekeeping settings of a job that already fits its problem. */
function costProblems(job: DescribeTrainingJobResponse, bucket: string): string[] {
  const name = job.TrainingJobName;
  const problems: string[] = [];
  const resources = job.ResourceConfig;
  if ((resources?.InstanceCount ?? 1) !== 1) {
    problems.push(
      `${name} ran on ${resources?.InstanceCount} instances; a few hundred kilobytes of data gain nothing from a cluster (BlazingText's supervised mode cannot even use one), and every instance is billed.`,
    );
  }
  if (!resources?.InstanceType || !(TRAINING_INSTANCE_TYPES as readonly string[]).includes(resources.InstanceType)) {
    problems.push(`${name} ran on ${resources?.InstanceType ?? 'an instance group'}; the lab allows ${TRAINING_INSTANCE_TYPES.join(' and ')} for training, the documented CPU choices for these algorithms at this data size.`);
  }
  if (job.EnableManagedSpotTraining !== true) {
    problems.push(
      `${name} did not use managed spot training; spot capacity costs up to 90% less than on-demand, and a job of a few minutes loses little if it is interrupted.`,
    );
  }
  const maxRuntime = job.StoppingCondition?.MaxRuntimeInSeconds;
  if (maxRuntime === undefined || maxRuntime > MAX_RUNTIME_SECONDS) {
    problems.push(
      `${name} may run for ${maxRuntime ?? 'the default'} seconds; the scenario caps each job at ${MAX_RUNTIME_SECONDS} s (MaxRuntimeInSeconds), so a mistake costs at most half an hour of an instance.`,
    );
  }
  // Where the artefacts are, not how S3OutputPath is spelled: the path is a prefix to which
  // SageMaker appends <job name>/output/model.tar.gz, with or without its final slash.
  // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_OutputDataConfig.html
  // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ModelArtifacts.html
  const artefacts = job.ModelArtifacts?.S3ModelArtifacts;
  const location = parseS3Uri(artefacts);
  const expected = `s3://${bucket}/${OUTPUT_PREFIX}`;
  if (location && (location.bucket !== bucket || !location.key.startsWith(OUTPUT_PREFIX))) {
    problems.push(
      `${name} wrote its model to ${artefacts} (S3OutputPath ${job.OutputDataConfig?.S3OutputPath ?? 'not reported'}); the scenario wants artefacts under ${expected}, which teardown removes with the lab.`,
    );
  }
  return problems;
}

export const checks = defineChecks(lab, {
  R1: (ctx) => checkProblem(ctx, DEMAND_PROBLEM),
  R2: (ctx) => checkProblem(ctx, TICKETS_PROBLEM),
  R3: (ctx) => checkProblem(ctx, RENT_PROBLEM),
  R4: async (ctx) => {
    const bucket = await ctx.stackOutput(STACK_OUTPUTS.labBucketName);
    const evaluations = await Promise.all(PROBLEMS.map((p) => evaluate(ctx, p)));
    const problems: string[] = [];
    const names: string[] = [];
    for (const [i, evaluation] of evaluations.entries()) {
      // R1 to R3 passed in this run, so this only happens if a job changed between reads.
      if (!evaluation.fits) return undecided(`The job that satisfied ${PROBLEMS[i]!.task} could not be found again; run the check once more.`);
      if (!parseS3Uri(evaluation.job.ModelArtifacts?.S3ModelArtifacts)) return undecided(unreportedArtefact(evaluation.job.TrainingJobName));
      names.push(evaluation.job.TrainingJobName!);
      problems.push(...costProblems(evaluation.job, bucket));
    }
    // Say which jobs were judged: per problem the newest that satisfies R1, R2 or R3, which need not
    // be the newest launched.
    const judged = `R4 judges, per problem, your newest job that satisfies R1, R2 or R3: ${names.join(', ')}.`;
    if (problems.length > 0) return fail(...problems, `${judged} A newer job counts once it satisfies its requirement too.`);
    return pass(`${names.join(', ')}: one instance each, managed spot training, at most ${MAX_RUNTIME_SECONDS} s, artefacts under ${OUTPUT_PREFIX}.`, judged);
  },
});
