// The diagram of xgboost-builtin: the shipped train and validation data flowing into the judged
// training job (image, instance, spot, objective, final metric) and the model artefact it wrote.
// The job is the one the checks judge (training-job.ts: same listing, same describe), so the check
// run's memo answers every read.
import type { DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { headArtefact, hyperparameter, parseImageUri } from '../../lib/check/sagemaker';
import { defineDiagram } from '../../lib/diagram/define';
import type { GraphBuilder } from '../../lib/diagram/graph';
import { lab, TRAINING_JOB_PREFIX, VALIDATION_METRIC } from './lab';
import { judgedJob } from './training-job';

/** What the requirements judge about a job, as short facts (undefined when the job does not say). */
export function jobFacts(job: DescribeTrainingJobResponse, metric?: string) {
  const image = parseImageUri(job.AlgorithmSpecification?.TrainingImage ?? '');
  const resources = job.ResourceConfig;
  const final = metric ? job.FinalMetricDataList?.find((m) => m.MetricName === metric)?.Value : undefined;
  return {
    status: job.TrainingJobStatus,
    image: image ? `${image.repository}${image.tag ? `:${image.tag}` : ''}` : 'image not read',
    instance: resources ? `${resources.InstanceCount ?? 1} x ${resources.InstanceType ?? 'unknown type'}${job.EnableManagedSpotTraining ? ', managed spot' : ', on-demand'}` : undefined,
    runtime: job.StoppingCondition?.MaxRuntimeInSeconds !== undefined ? `max ${job.StoppingCondition.MaxRuntimeInSeconds} s` : undefined,
    objective: hyperparameter(job, 'objective') ? `objective ${hyperparameter(job, 'objective')}` : undefined,
    metric: final !== undefined ? `${metric} ${final}` : undefined,
  };
}

/** The job's input channels as prefix nodes (`<prefix>-<channel name>`) flowing into `jobId`, each labelled with its content type. */
export function drawChannels(g: GraphBuilder, job: DescribeTrainingJobResponse, jobId: string, prefix = 'channel'): void {
  for (const channel of job.InputDataConfig ?? []) {
    const id = `${prefix}-${channel.ChannelName}`;
    g.node(id, 'prefix', channel.DataSource?.S3DataSource?.S3Uri ?? 'not from S3');
    g.edge(id, jobId, [channel.ChannelName, channel.ContentType ?? 'no content type'].join(', '));
  }
}

export const diagram = defineDiagram(lab, {
  reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob', 'S3:HeadObject'],
  async discover(ctx, g) {
    const judged = await judgedJob(ctx);
    if ('problem' in judged) {
      g.node('job', 'training-job', `${TRAINING_JOB_PREFIX}*`, { details: ['no Completed job'], state: 'missing' });
      return;
    }
    const { job } = judged;
    const facts = jobFacts(job, VALIDATION_METRIC);
    g.node('job', 'training-job', job.TrainingJobName ?? 'unnamed job', { details: [facts.status, facts.image, facts.instance, facts.runtime, facts.objective, facts.metric] });
    drawChannels(g, job, 'job');
    // R5 is about the train and validation channels: drawn (as missing) when the job has none.
    for (const name of ['train', 'validation']) {
      if (!g.has(`channel-${name}`)) {
        g.node(`channel-${name}`, 'prefix', `no '${name}' channel`, { state: 'missing' });
        g.edge(`channel-${name}`, 'job', name);
      }
    }
    const uri = job.ModelArtifacts?.S3ModelArtifacts;
    if (!uri) {
      g.node('artefact', 'model-artefact', 'no model artefact reported', { state: 'unknown' });
      g.edge('job', 'artefact', 'writes');
      return;
    }
    const head = await g.attempt(`The model artefact ${uri}`, () => headArtefact(ctx, uri));
    g.node('artefact', 'model-artefact', uri, {
      details: [head?.state === 'present' ? (head.bytes !== undefined ? `${head.bytes} bytes` : 'present') : head?.state],
      state: !head ? 'unknown' : head.state === 'present' ? 'found' : head.state === 'missing' ? 'missing' : 'unknown',
    });
    g.edge('job', 'artefact', 'writes');
  },
  about: {
    R1: ['job'],
    R2: ['job'],
    R3: ['job'],
    R4: ['job'],
    R5: ['channel-train', 'channel-validation', 'channel-train->job', 'channel-validation->job'],
    R6: ['job'],
    R7: ['artefact', 'job->artefact'],
  },
});
