// The diagram of algorithm-choice: for each of the three problems, the shipped data flowing into
// the newest training job named for it (the algorithm it runs, instance, spot) and the output it
// wrote. The listing and the describe are the checks' own (lib/check/sagemaker.ts), so the check
// run's memo answers them.
import { describeTrainingJob, listTrainingJobsWithPrefix, repositoryOf } from '../../lib/check/sagemaker';
import { defineDiagram } from '../../lib/diagram/define';
import { STACK_OUTPUTS } from '../../lib/model';
import { drawChannels, jobFacts } from '../xgboost-builtin/diagram';
import { lab } from './lab';
import { PROBLEMS } from './problems';
import { describeImage } from './training-jobs';

/** Node ids per problem, in PROBLEMS order: `demand-job`, `tickets-job`, `rent-job`. */
const PROBLEM_IDS = ['demand', 'tickets', 'rent'] as const;

export const diagram = defineDiagram(lab, {
  reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
  async discover(ctx, g) {
    const bucket = await ctx.stackOutput(STACK_OUTPUTS.labBucketName);
    await Promise.all(
      PROBLEMS.map(async (problem, i) => {
        const id = PROBLEM_IDS[i]!;
        const jobs = await listTrainingJobsWithPrefix(ctx, problem.jobPrefix);
        const newest = jobs[0];
        if (!newest) {
          g.node(`${id}-data`, 'prefix', `s3://${bucket}/${problem.dataPrefix}`, { details: ['shipped data'] });
          g.node(`${id}-job`, 'training-job', `${problem.jobPrefix}*`, { details: [problem.task, 'no job launched'], state: 'missing' });
          g.edge(`${id}-data`, `${id}-job`);
          return;
        }
        const job = await describeTrainingJob(ctx, newest.TrainingJobName!);
        const algorithm = describeImage(repositoryOf(job.AlgorithmSpecification?.TrainingImage)).replace(/ \(image repository .*\)$/, '');
        const facts = jobFacts(job);
        g.node(`${id}-job`, 'training-job', job.TrainingJobName!, {
          details: [problem.task, algorithm, facts.status, facts.instance, facts.runtime, jobs.length > 1 ? `newest of ${jobs.length} jobs` : undefined],
        });
        drawChannels(g, job, `${id}-job`, `${id}-channel`);
        const output = job.ModelArtifacts?.S3ModelArtifacts ?? job.OutputDataConfig?.S3OutputPath;
        if (output) {
          g.node(`${id}-output`, 'model-artefact', output);
          g.edge(`${id}-job`, `${id}-output`, 'writes');
        }
      }),
    );
  },
  about: {
    R1: ['demand-job'],
    R2: ['tickets-job'],
    R3: ['rent-job'],
    // Instance, spot and runtime are the job's; the output location its artefact's.
    R4: ['demand-job', 'tickets-job', 'rent-job', 'demand-output', 'tickets-output', 'rent-output'],
  },
});
