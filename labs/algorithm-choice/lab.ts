import type { DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { defineLab } from '../../lib/model';
import { fail, pass, undecided, verdictFrom } from '../../lib/check/verdicts';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import type { ReadDeclaration } from '../../lib/model';
import { STACK_OUTPUTS } from '../../lib/model';
import { dataProblems, DEMAND_PROBLEM, PROBLEMS, RENT_PROBLEM, TICKETS_PROBLEM, wrongAlgorithmFinding, type Problem } from './problems';
import { describeTrainingJob, listTrainingJobsWithPrefix, repositoryOf } from '../../lib/check/sagemaker';
import { completionProblem, describeImage, JOBS_DESCRIBED } from './training-jobs';

const LAB_ID = 'algorithm-choice';

/**
 * One instance type per algorithm's documented CPU recommendation, the cheapest that fits:
 * DeepAR "start with a single CPU instance" (https://docs.aws.amazon.com/sagemaker/latest/dg/deepar.html#deepar-instances),
 * Linear Learner on CPU (https://docs.aws.amazon.com/sagemaker/latest/dg/linear-learner.html#ll-instances),
 * BlazingText supervised mode "a C5 instance if the training data set is under 2 GB"
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/blazingtext.html#blazingtext-instances).
 */
export const TRAINING_INSTANCE_TYPES = ['ml.m5.large', 'ml.c5.xlarge'] as const;
/** The Studio JupyterLab space the learner drives the SDK from (the cheapest Studio app type). */
export const STUDIO_APP_INSTANCE_TYPE = 'ml.t3.medium';
/** The scenario's ceiling per job: the jobs take minutes, a runaway job must not take hours. */
export const MAX_RUNTIME_SECONDS = 1800;
/** Learner job artefacts go here in the lab bucket, which teardown empties with the stack. */
export const OUTPUT_PREFIX = 'output/';

const SAGEMAKER_READS: readonly ReadDeclaration[] = ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'];

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
  const output = job.OutputDataConfig?.S3OutputPath;
  const expected = `s3://${bucket}/${OUTPUT_PREFIX}`;
  if (!output?.startsWith(expected)) {
    problems.push(`${name} wrote its model to ${output ?? 'nowhere'}; the scenario wants artefacts under ${expected}, which teardown removes with the lab.`);
  }
  return problems;
}

export const lab = defineLab({
  id: LAB_ID,
  title: 'Choose the built-in algorithm: a forecast, a text router and an explainable price',
  summary:
    'Three short business problems, three small training jobs: pick the SageMaker built-in algorithm and the mode that fit each (DeepAR, BlazingText supervised, Linear Learner regressor), on shipped data, on spot, within minutes.',
  domains: { 'MLA-C01': ['MLA-C01/D2'], 'MLS-C01': ['MLS-C01/D3'] },
  environments: ['studio'],
  estimatedMinutes: 60,
  estimatedCostUsd: 0.08,
  instanceTypes: [...TRAINING_INSTANCE_TYPES, STUDIO_APP_INSTANCE_TYPE],
  datasets: [
    {
      dir: 'data/demand',
      keyPrefix: DEMAND_PROBLEM.dataPrefix,
      description: 'Weekly unit sales of 24 stores, DeepAR JSON Lines: train/ (156 weeks per store) and test/ (the same series plus the next 8 weeks).',
    },
    {
      dir: 'data/tickets',
      keyPrefix: TICKETS_PROBLEM.dataPrefix,
      description: 'Support tickets in BlazingText supervised format (__label__<team> tokens): train/ 2,400 lines, validation/ 600 lines, four teams.',
    },
    {
      dir: 'data/prices',
      keyPrefix: RENT_PROBLEM.dataPrefix,
      description: 'Apartment rents, CSV with the rent first and no header, six numeric features: train/ 2,000 rows, validation/ 500 rows.',
    },
  ],
  usage: [
    {
      item: 'sagemaker:training-spot-hour:ml.m5.large',
      quantity: 0.4,
      note: 'The DeepAR and Linear Learner jobs, about 6 billable minutes each, each run twice while you iterate.',
    },
    {
      item: 'sagemaker:training-spot-hour:ml.c5.xlarge',
      quantity: 0.2,
      note: 'The BlazingText job, about 6 billable minutes, run twice while you iterate.',
    },
    { item: `sagemaker:studio-app-hour:${STUDIO_APP_INSTANCE_TYPE}`, quantity: 1, note: 'A JupyterLab space to drive the SageMaker SDK for about an hour.' },
    { item: 's3:storage-gb-month', quantity: 0.01, note: 'Shipped data (under 0.5 MB) and three small model artefacts for a month.' },
  ],
  learnerResources: [
    ...PROBLEMS.map((p) => ({ kind: 'sagemaker:training-job' as const, name: p.jobPrefix, match: 'prefix' as const })),
    { kind: 's3:prefix', name: OUTPUT_PREFIX, match: 'prefix' },
  ],
  requirements: [
    {
      id: 'R1',
      title: `A completed training job named ${DEMAND_PROBLEM.jobPrefix}* forecasts each store's demand for the next 8 weeks with the built-in algorithm and settings that fit weekly multi-store series, trained on the shipped demand data.`,
      hint: 'Compare what the built-in algorithms for time-series data take as input and predict; each algorithm\'s hyperparameter page says which settings are required and what they mean.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/algorithms-time-series.html',
      reads: SAGEMAKER_READS,
      check: (ctx) => checkProblem(ctx, DEMAND_PROBLEM),
    },
    {
      id: 'R2',
      title: `A completed training job named ${TICKETS_PROBLEM.jobPrefix}* learns to route a ticket to one of four teams from its text, with the built-in algorithm and the mode that fit, trained on the shipped tickets.`,
      hint: 'Among the built-in algorithms for text, look for one that learns from labelled lines; check which of its modes learns from the labels.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/algorithms-text.html',
      reads: SAGEMAKER_READS,
      check: (ctx) => checkProblem(ctx, TICKETS_PROBLEM),
    },
    {
      id: 'R3',
      title: `A completed training job named ${RENT_PROBLEM.jobPrefix}* estimates an apartment's monthly rent as an amount that can be explained feature by feature, with the built-in algorithm and predictor type that fit, trained on the shipped CSV.`,
      hint: 'Among the built-in algorithms for tabular data, which one produces one weight per feature, and which of its settings makes it predict an amount rather than a class?',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/algorithms-tabular.html',
      reads: SAGEMAKER_READS,
      check: (ctx) => checkProblem(ctx, RENT_PROBLEM),
    },
    {
      id: 'R4',
      title: `The three jobs that satisfy R1 to R3 each ran on one instance of an allowed type, with managed spot training, at most ${MAX_RUNTIME_SECONDS} s of runtime, and their artefacts under ${OUTPUT_PREFIX} in the lab bucket.`,
      hint: 'Managed spot training and stopping conditions are settings of the training job itself.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/model-managed-spot-training.html',
      dependsOn: ['R1', 'R2', 'R3'],
      reads: SAGEMAKER_READS,
      async check(ctx) {
        const bucket = await ctx.stackOutput(STACK_OUTPUTS.labBucketName);
        const evaluations = await Promise.all(PROBLEMS.map((p) => evaluate(ctx, p)));
        const problems: string[] = [];
        const names: string[] = [];
        for (const [i, evaluation] of evaluations.entries()) {
          // R1 to R3 passed in this run, so this only happens if a job changed between reads.
          if (!evaluation.fits) return undecided(`The job that satisfied ${PROBLEMS[i]!.task} could not be found again; run the check once more.`);
          names.push(evaluation.job.TrainingJobName!);
          problems.push(...costProblems(evaluation.job, bucket));
        }
        return verdictFrom(problems, [`${names.join(', ')}: one instance each, managed spot training, at most ${MAX_RUNTIME_SECONDS} s, artefacts under ${OUTPUT_PREFIX}.`]);
      },
    },
  ],
});
