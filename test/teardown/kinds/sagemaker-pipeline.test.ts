import { DeletePipelineCommand, ListPipelinesCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerPipeline } from '../../../lib/teardown/kinds/sagemaker-pipeline';
import { advanceContext, resource, sagemakerRecordTests } from './kit';

const sagemaker = mockClient(SageMakerClient);

sagemakerRecordTests({
  kind: sagemakerPipeline, mock: sagemaker, list: ListPipelinesCommand, del: DeletePipelineCommand,
  page: (names) => ({ PipelineSummaries: names.map((n) => ({ PipelineName: n })) }),
});

test('the delete carries an idempotency token, so a retried call deletes once', async () => {
  await sagemakerPipeline.advance(advanceContext(), resource('sagemaker:pipeline', 'churn-1'));
  expect(sagemaker).toHaveReceivedCommandWith(DeletePipelineCommand, { PipelineName: 'churn-1', ClientRequestToken: 'mllab-teardown-churn-1' });
});

test('running executions are stopped first, once each, and the delete waits for them', async () => {
  const { ListPipelineExecutionsCommand, StopPipelineExecutionCommand } = await import('@aws-sdk/client-sagemaker');
  sagemaker.reset();
  sagemaker.on(ListPipelinesCommand).resolves({ PipelineSummaries: [{ PipelineName: 'churn-1' }] });
  const arn = 'arn:aws:sagemaker:us-east-1:111122223333:pipeline/churn-1/execution/abc123';
  sagemaker
    .on(ListPipelineExecutionsCommand)
    .resolvesOnce({ PipelineExecutionSummaries: [{ PipelineExecutionArn: arn, PipelineExecutionStatus: 'Executing' }, { PipelineExecutionArn: `${arn}x`, PipelineExecutionStatus: 'Succeeded' }] })
    .resolvesOnce({ PipelineExecutionSummaries: [{ PipelineExecutionArn: arn, PipelineExecutionStatus: 'Stopping' }] })
    .resolves({ PipelineExecutionSummaries: [{ PipelineExecutionArn: arn, PipelineExecutionStatus: 'Stopped' }] });
  const ctx = advanceContext();
  const r = resource('sagemaker:pipeline', 'churn-1');
  expect(await sagemakerPipeline.advance(ctx, r)).toMatchObject({ done: false, waiting: expect.stringContaining('stopping 1 running execution') });
  expect(await sagemakerPipeline.advance(ctx, r)).toMatchObject({ done: false, waiting: expect.stringContaining('stopping 1 running execution') });
  expect(sagemaker).toHaveReceivedCommandTimes(StopPipelineExecutionCommand, 1);
  expect(sagemaker).toHaveReceivedCommandWith(StopPipelineExecutionCommand, { PipelineExecutionArn: arn, ClientRequestToken: 'mllab-teardown-abc123' });
  expect(sagemaker).toHaveReceivedCommandTimes(DeletePipelineCommand, 0);
  await sagemakerPipeline.advance(ctx, r);
  expect(sagemaker).toHaveReceivedCommandWith(DeletePipelineCommand, { PipelineName: 'churn-1' });
});
