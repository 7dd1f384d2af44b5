import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerSpace } from '../../../lib/teardown/kinds/sagemaker-space';
import { studioInsideTests } from './kit';

studioInsideTests({ kind: sagemakerSpace, mock: mockClient(SageMakerClient), list: 'Spaces', expected: 'DeleteSpace', item: { SpaceName: 'lab-space' }, name: 'lab-space' });
