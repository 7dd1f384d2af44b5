import { DeleteModelCommand, ListModelsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerModel } from '../../../lib/teardown/kinds/sagemaker-model';
import { sagemakerRecordTests } from './kit';

const sagemaker = mockClient(SageMakerClient);

sagemakerRecordTests({
  kind: sagemakerModel, mock: sagemaker, list: ListModelsCommand, del: DeleteModelCommand,
  page: (names) => ({ Models: names.map((n) => ({ ModelName: n })) }),
});
