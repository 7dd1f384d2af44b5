import { DeleteModelCommand, ListModelsCommand, paginateListModels } from '@aws-sdk/client-sagemaker';
import { free, type TeardownKindModule } from '../kind';
import { sagemakerRecord } from './sagemaker';

export const sagemakerModel: TeardownKindModule<'sagemaker:model'> = sagemakerRecord({
  kind: 'sagemaker:model',
  because: 'only once no endpoint config refers to the model',
  // A batch transform job runs a model too.
  after: ['sagemaker:endpoint-config', 'sagemaker:transform-job'],
  record: 'Model', items: 'Models', paginate: paginateListModels, List: ListModelsCommand, Delete: DeleteModelCommand,
  details: () => free('a model record; its artefacts are S3 objects'),
});
