import { DeleteEndpointConfigCommand, ListEndpointConfigsCommand, paginateListEndpointConfigs } from '@aws-sdk/client-sagemaker';
import { free, type TeardownKindModule } from '../kind';
import { sagemakerRecord } from './sagemaker';

export const sagemakerEndpointConfig: TeardownKindModule<'sagemaker:endpoint-config'> = sagemakerRecord({
  kind: 'sagemaker:endpoint-config',
  because: 'only once no endpoint uses it',
  after: ['sagemaker:endpoint'],
  record: 'EndpointConfig', items: 'EndpointConfigs', paginate: paginateListEndpointConfigs, List: ListEndpointConfigsCommand, Delete: DeleteEndpointConfigCommand,
  details: () => free('a configuration record'),
});
