import { DescribeProcessingJobCommand, ListProcessingJobsCommand, SageMakerClient, StopProcessingJobCommand } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerProcessingJob } from '../../../lib/teardown/kinds/sagemaker-processing-job';
import { sagemakerJobTests } from './kit';

const sagemaker = mockClient(SageMakerClient);

sagemakerJobTests({
  kind: sagemakerProcessingJob, mock: sagemaker, list: ListProcessingJobsCommand, describe: DescribeProcessingJobCommand, stop: StopProcessingJobCommand,
  page: (names) => ({ ProcessingJobSummaries: names.map((n) => ({ ProcessingJobName: n, ProcessingJobStatus: 'InProgress' })) }),
  status: (status) => ({ ProcessingJobStatus: status }),
});
