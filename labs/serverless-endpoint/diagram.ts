// The diagram of serverless-endpoint: the churn training job's artefact served by the model, the
// endpoint configuration's variant (serverless memory and concurrency, or an instance type), the
// endpoint, and the requests that reach it. The same describes as the checks, so the memo answers.
import { DescribeEndpointCommand, DescribeEndpointConfigCommand, DescribeModelCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { isNotFound } from '../../lib/aws/errors';
import { describeTrainingJob, parseImageUri } from '../../lib/check/sagemaker';
import type { CheckContext } from '../../lib/check/types';
import { defineDiagram } from '../../lib/diagram/define';
import { listChurnJobs } from '../xgboost-builtin/training-job';
import { ENDPOINT_CONFIG_NAME, ENDPOINT_NAME, lab, LOOKBACK_DAYS, METRIC_NAMESPACE, MODEL_NAME } from './lab';

/** SageMaker answers a missing model, config or endpoint with ValidationException (see checks.ts). */
async function orMissing<T>(send: () => Promise<T>): Promise<T | undefined> {
  try {
    return await send();
  } catch (err) {
    if (isNotFound(err) || (err as { name?: string })?.name === 'ValidationException') return undefined;
    throw err;
  }
}

/** The Completed churn job whose artefact `data` is, found as the R1 check finds it. */
async function sourceJob(ctx: CheckContext, data: string): Promise<string | undefined> {
  for (const summary of (await listChurnJobs(ctx)).filter((j) => j.TrainingJobStatus === 'Completed')) {
    const job = await describeTrainingJob(ctx, summary.TrainingJobName!);
    if (job.ModelArtifacts?.S3ModelArtifacts === data) return job.TrainingJobName;
  }
  return undefined;
}

export const diagram = defineDiagram(lab, {
  reads: ['SageMaker:DescribeModel', 'SageMaker:DescribeEndpointConfig', 'SageMaker:DescribeEndpoint', 'SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
  async discover(ctx, g) {
    const sagemaker = ctx.client(SageMakerClient);
    const [model, config, endpoint] = await Promise.all([
      orMissing(() => sagemaker.send(new DescribeModelCommand({ ModelName: MODEL_NAME }))),
      orMissing(() => sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: ENDPOINT_CONFIG_NAME }))),
      orMissing(() => sagemaker.send(new DescribeEndpointCommand({ EndpointName: ENDPOINT_NAME }))),
    ]);
    const container = model?.PrimaryContainer ?? model?.Containers?.[0];
    const image = parseImageUri(container?.Image ?? '');
    const data = container?.ModelDataUrl ?? container?.ModelDataSource?.S3DataSource?.S3Uri;
    g.node('model', 'model', MODEL_NAME, { details: model ? [image ? `${image.repository}${image.tag ? `:${image.tag}` : ''}` : 'no image'] : [], state: model ? 'found' : 'missing' });
    if (data) {
      g.node('artefact', 'model-artefact', data);
      g.edge('artefact', 'model', 'model data');
      const job = await g.attempt('The training job of the artefact', () => sourceJob(ctx, data));
      if (job) {
        g.node('job', 'training-job', job, { details: ['Completed'] });
        g.edge('job', 'artefact', 'writes');
      }
    }
    const variants = config?.ProductionVariants ?? [];
    g.node('config', 'endpoint-config', ENDPOINT_CONFIG_NAME, { details: config ? [`${variants.length} variant(s)`] : [], state: config ? 'found' : 'missing' });
    const variant = variants[0];
    const serverless = variant?.ServerlessConfig;
    const sizing = serverless
      ? `serverless ${serverless.MemorySizeInMB ?? '?'} MB, max concurrency ${serverless.MaxConcurrency ?? '?'}${serverless.ProvisionedConcurrency !== undefined ? `, provisioned ${serverless.ProvisionedConcurrency}` : ''}`
      : variant
        ? `${variant.InitialInstanceCount ?? '?'} x ${variant.InstanceType ?? 'no instance type'}`
        : undefined;
    if (variant?.ModelName && variant.ModelName !== MODEL_NAME) {
      g.node('other-model', 'model', variant.ModelName, { details: ['not the lab model'] });
      g.edge('other-model', 'config', sizing);
    }
    g.edge('model', 'config', variant?.ModelName === MODEL_NAME ? sizing : undefined);
    g.node('endpoint', 'endpoint', ENDPOINT_NAME, {
      details: endpoint ? [endpoint.EndpointStatus, endpoint.EndpointConfigName !== ENDPOINT_CONFIG_NAME ? `uses ${endpoint.EndpointConfigName}` : undefined] : [],
      state: endpoint ? 'found' : 'missing',
    });
    g.edge('config', 'endpoint');
    // The invocations R4 counts (GetMetricData, read by its check only): drawn as where requests come from.
    g.node('requests', 'metric', `Invocations of ${ENDPOINT_NAME}`, { details: [`${METRIC_NAMESPACE}, last ${LOOKBACK_DAYS} days (R4)`] });
    g.edge('requests', 'endpoint', 'InvokeEndpoint');
  },
  about: {
    R1: ['model', 'artefact->model'],
    R2: ['config', 'model->config'],
    R3: ['endpoint', 'config->endpoint'],
    R4: ['requests', 'requests->endpoint'],
  },
});
