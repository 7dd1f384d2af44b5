import { DescribeProcessingJobCommand, paginateListProcessingJobs, StopProcessingJobCommand } from '@aws-sdk/client-sagemaker';
import type { TeardownKindModule } from '../kind';
import { runningJob } from './sagemaker';

export const sagemakerProcessingJob: TeardownKindModule<'sagemaker:processing-job'> = runningJob({
  kind: 'sagemaker:processing-job', job: 'ProcessingJob', paginate: paginateListProcessingJobs, Describe: DescribeProcessingJobCommand, Stop: StopProcessingJobCommand,
});
