import { DescribeTrainingJobCommand, ListTrainingJobsCommand, SageMakerClient, StopTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerTrainingJob } from '../../../lib/teardown/kinds/sagemaker-training-job';
import { sagemakerJobTests } from './kit';

const sagemaker = mockClient(SageMakerClient);

sagemakerJobTests({
  kind: sagemakerTrainingJob, mock: sagemaker, list: ListTrainingJobsCommand, describe: DescribeTrainingJobCommand, stop: StopTrainingJobCommand,
  page: (names) => ({ TrainingJobSummaries: names.map((n) => ({ TrainingJobName: n, TrainingJobStatus: 'InProgress' })) }),
  status: (status) => ({ TrainingJobStatus: status }),
});
