import { DescribeTrainingJobCommand, paginateListTrainingJobs, StopTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { hourly, type TeardownKindModule } from '../kind';
import { runningJob } from './sagemaker';

export const sagemakerTrainingJob: TeardownKindModule<'sagemaker:training-job'> = runningJob({
  kind: 'sagemaker:training-job', job: 'TrainingJob', paginate: paginateListTrainingJobs, Describe: DescribeTrainingJobCommand, Stop: StopTrainingJobCommand,
  // Its instances, at the spot rate when it trains on spot capacity.
  price: async (ctx, name) => {
    const d = await ctx.clients.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
    const type = d.ResourceConfig?.InstanceType ?? 'unknown';
    const count = d.ResourceConfig?.InstanceCount ?? 1;
    return hourly(ctx.prices, d.EnableManagedSpotTraining ? `sagemaker:training-spot-hour:${type}` : `sagemaker:training-hour:${type}`, count, `${count} x ${type}`);
  },
});
