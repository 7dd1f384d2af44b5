import { DescribeTransformJobCommand, paginateListTransformJobs, StopTransformJobCommand } from '@aws-sdk/client-sagemaker';
import type { TeardownKindModule } from '../kind';
import { runningJob } from './sagemaker';

export const sagemakerTransformJob: TeardownKindModule<'sagemaker:transform-job'> = runningJob({
  kind: 'sagemaker:transform-job', job: 'TransformJob', paginate: paginateListTransformJobs, Describe: DescribeTransformJobCommand, Stop: StopTransformJobCommand,
});
