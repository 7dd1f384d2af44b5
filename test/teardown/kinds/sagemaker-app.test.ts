import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerApp } from '../../../lib/teardown/kinds/sagemaker-app';
import { studioInsideTests } from './kit';

studioInsideTests({
  kind: sagemakerApp, mock: mockClient(SageMakerClient), list: 'Apps', expected: 'DeleteApp',
  item: { AppType: 'JupyterLab', AppName: 'default', SpaceName: 'lab-space', ResourceSpec: { InstanceType: 'ml.t3.medium' } }, name: 'JupyterLab/default',
});
