import { DescribeTransformJobCommand, ListTransformJobsCommand, SageMakerClient, StopTransformJobCommand } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerTransformJob } from '../../../lib/teardown/kinds/sagemaker-transform-job';
import { sagemakerJobTests } from './kit';

const sagemaker = mockClient(SageMakerClient);

sagemakerJobTests({
  kind: sagemakerTransformJob, mock: sagemaker, list: ListTransformJobsCommand, describe: DescribeTransformJobCommand, stop: StopTransformJobCommand,
  page: (names) => ({ TransformJobSummaries: names.map((n) => ({ TransformJobName: n, TransformJobStatus: 'InProgress' })) }),
  status: (status) => ({ TransformJobStatus: status }),
});
