import { DeletePipelineCommand, ListPipelinesCommand, paginateListPipelines } from '@aws-sdk/client-sagemaker';
import { free, type TeardownKindModule } from '../kind';
import { sagemakerRecord } from './sagemaker';

export const sagemakerPipeline: TeardownKindModule<'sagemaker:pipeline'> = sagemakerRecord({
  kind: 'sagemaker:pipeline',
  because: 'only once no endpoint config refers to the model',
  // With the models its runs create.
  after: ['sagemaker:endpoint-config'],
  record: 'Pipeline', items: 'PipelineSummaries', paginate: paginateListPipelines, List: ListPipelinesCommand, Delete: DeletePipelineCommand,
  lookup: 'PipelineNamePrefix',
  // The token makes a retried delete one deletion.
  deleteInput: (name) => ({ ClientRequestToken: `mllab-teardown-${name}`.slice(0, 128) }),
  details: () => free('a definition; its executions bill per step'),
});
