import { DescribeHyperParameterTuningJobCommand, paginateListHyperParameterTuningJobs, StopHyperParameterTuningJobCommand } from '@aws-sdk/client-sagemaker';
import type { TeardownKindModule } from '../kind';
import { runningJob } from './sagemaker';

// Stopping a tuning job stops its training jobs, which stop beside it.
export const sagemakerHyperParameterTuningJob: TeardownKindModule<'sagemaker:hyper-parameter-tuning-job'> = runningJob({
  kind: 'sagemaker:hyper-parameter-tuning-job', job: 'HyperParameterTuningJob', paginate: paginateListHyperParameterTuningJobs, Describe: DescribeHyperParameterTuningJobCommand, Stop: StopHyperParameterTuningJobCommand,
});
