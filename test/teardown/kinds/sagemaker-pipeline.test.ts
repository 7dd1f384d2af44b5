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
