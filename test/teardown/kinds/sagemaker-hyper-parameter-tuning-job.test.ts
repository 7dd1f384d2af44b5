import { DescribeHyperParameterTuningJobCommand, ListHyperParameterTuningJobsCommand, SageMakerClient, StopHyperParameterTuningJobCommand } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerHyperParameterTuningJob } from '../../../lib/teardown/kinds/sagemaker-hyper-parameter-tuning-job';
import { sagemakerJobTests } from './kit';

const sagemaker = mockClient(SageMakerClient);

sagemakerJobTests({
  kind: sagemakerHyperParameterTuningJob, mock: sagemaker, list: ListHyperParameterTuningJobsCommand, describe: DescribeHyperParameterTuningJobCommand, stop: StopHyperParameterTuningJobCommand,
  page: (names) => ({ HyperParameterTuningJobSummaries: names.map((n) => ({ HyperParameterTuningJobName: n, HyperParameterTuningJobStatus: 'InProgress' })) }),
  status: (status) => ({ HyperParameterTuningJobStatus: status }),
});
