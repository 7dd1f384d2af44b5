import { CreateTrainingJobCommand, DescribeTrainingJobCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { builtInImage, launchReferenceJobs, referenceJobs } from '../../../labs/algorithm-choice/solution';
import { repositoryOf } from '../../../lib/check/sagemaker';
import { BUCKET, described, solutionOptions } from './fixtures';

const sagemaker = mockClient(SageMakerClient);

beforeEach(() => sagemaker.reset());

test('the built-in image URI differs by region, the repository does not', () => {
  const east = builtInImage('forecasting-deepar', 'us-east-1');
  const west = builtInImage('forecasting-deepar', 'eu-west-1');
  expect(east).toBe('522234722520.dkr.ecr.us-east-1.amazonaws.com/forecasting-deepar:1');
  expect(west).not.toBe(east);
  expect(repositoryOf(west)).toBe(repositoryOf(east));
});

test('a region without a recorded registry account is refused with how to look it up', () => {
  expect(() => builtInImage('blazingtext', 'xx-nowhere-1')).toThrow(/image_uris.retrieve\('blazingtext', 'xx-nowhere-1'\)/);
});

test('the reference jobs read the shipped channels and write under output/', () => {
  for (const job of referenceJobs(solutionOptions)) {
    expect(job.InputDataConfig![0]!.DataSource!.S3DataSource!.S3Uri).toMatch(new RegExp(`^s3://${BUCKET}/datasets/[a-z]+/train/$`));
    expect(job.OutputDataConfig!.S3OutputPath).toMatch(new RegExp(`^s3://${BUCKET}/output/`));
    expect(job.Tags).toContainEqual({ Key: 'mllab:lab', Value: 'algorithm-choice' });
    // CreateTrainingJob refuses spot without MaxWaitTimeInSeconds >= MaxRuntimeInSeconds.
    expect(job.StoppingCondition!.MaxWaitTimeInSeconds).toBeGreaterThanOrEqual(job.StoppingCondition!.MaxRuntimeInSeconds!);
  }
});

test('launchReferenceJobs creates the three jobs and waits until they have finished', async () => {
  const jobs = referenceJobs(solutionOptions);
  sagemaker.on(CreateTrainingJobCommand).resolves({ TrainingJobArn: 'arn:aws:sagemaker:us-east-1:111122223333:training-job/x' });
  for (const job of jobs) sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: job.TrainingJobName }).resolves(described(job));
  const names = await launchReferenceJobs(new SageMakerClient({ region: 'us-east-1' }), solutionOptions);
  expect(names).toEqual(['algo-demand-20260601-0900', 'algo-tickets-20260601-0900', 'algo-rent-20260601-0900']);
  expect(sagemaker).toHaveReceivedCommandTimes(CreateTrainingJobCommand, 3);
  expect(sagemaker).toHaveReceivedCommandWith(CreateTrainingJobCommand, {
    TrainingJobName: 'algo-tickets-20260601-0900',
    HyperParameters: expect.objectContaining({ mode: 'supervised' }),
    EnableManagedSpotTraining: true,
  });
  expect(sagemaker).toHaveReceivedCommandWith(DescribeTrainingJobCommand, { TrainingJobName: 'algo-rent-20260601-0900' });
});

test('launchReferenceJobs fails loudly when a job fails', async () => {
  const jobs = referenceJobs(solutionOptions);
  sagemaker.on(CreateTrainingJobCommand).resolves({ TrainingJobArn: 'arn' });
  for (const job of jobs) {
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: job.TrainingJobName }).resolves({ ...described(job), TrainingJobStatus: 'Failed', FailureReason: 'ClientError: bad' });
  }
  await expect(launchReferenceJobs(new SageMakerClient({ region: 'us-east-1' }), solutionOptions)).rejects.toThrow();
});
