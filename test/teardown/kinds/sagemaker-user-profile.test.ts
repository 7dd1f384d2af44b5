import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerUserProfile } from '../../../lib/teardown/kinds/sagemaker-user-profile';
import { studioInsideTests } from './kit';

studioInsideTests({ kind: sagemakerUserProfile, mock: mockClient(SageMakerClient), list: 'UserProfiles', expected: 'DeleteUserProfile', item: { UserProfileName: 'learner' }, name: 'learner' });
