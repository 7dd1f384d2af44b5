import { DeleteEndpointConfigCommand, ListEndpointConfigsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerEndpointConfig } from '../../../lib/teardown/kinds/sagemaker-endpoint-config';
import { sagemakerRecordTests } from './kit';

const sagemaker = mockClient(SageMakerClient);

sagemakerRecordTests({
  kind: sagemakerEndpointConfig, mock: sagemaker, list: ListEndpointConfigsCommand, del: DeleteEndpointConfigCommand,
  page: (names) => ({ EndpointConfigs: names.map((n) => ({ EndpointConfigName: n })) }),
});
