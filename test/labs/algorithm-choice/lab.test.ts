import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeTrainingJobCommand, ListTrainingJobsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/algorithm-choice/lab';
import { builtInImage } from '../../../labs/algorithm-choice/solution';
import { repositoryOf } from '../../../lib/check/sagemaker';
import { awsError, checkRequirement, mockStackOutputs } from '../../support/check-harness';
import { BUCKET, described, LAB_ID, mockJobs, OUTPUTS, referenceRequests, referenceState, variant } from './fixtures';

const sagemaker = mockClient(SageMakerClient);
const cfn = mockClient(CloudFormationClient);

beforeEach(() => {
  sagemaker.reset();
  cfn.reset();
  mockStackOutputs(cfn, LAB_ID, OUTPUTS);
});

const XGBOOST_IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';
const LINEAR_LEARNER_IMAGE = '382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1';

/** The reference state with one job replaced. */
function stateWith(problem: 'demand' | 'tickets' | 'rent', change: (job: any) => void) {
  const index = { demand: 0, tickets: 1, rent: 2 }[problem];
  return referenceState().map((job, i) => (i === index ? variant(job, change) : job));
}

describe('repositoryOf', () => {
  test.each([
    ['522234722520.dkr.ecr.us-east-1.amazonaws.com/forecasting-deepar:1', 'forecasting-deepar'],
    ['224300973850.dkr.ecr.eu-west-1.amazonaws.com/forecasting-deepar:latest', 'forecasting-deepar'],
    ['811284229777.dkr.ecr.us-east-1.amazonaws.com/blazingtext@sha256:0123abcd', 'blazingtext'],
    ['localhost:5000/team/images/linear-learner:1', 'team/images/linear-learner'],
    ['390948362332.dkr.ecr.cn-north-1.amazonaws.com.cn/linear-learner', 'linear-learner'],
  ])('%s -> %s', (image, repository) => {
    expect(repositoryOf(image)).toBe(repository);
  });

  test('an image without a registry part or no image gives no repository', () => {
    expect(repositoryOf('linear-learner:1')).toBeUndefined();
    expect(repositoryOf(undefined)).toBeUndefined();
  });
});

describe('R1 demand forecast', () => {
  test('the reference DeepAR job passes and the check lists jobs by the lab prefix', async () => {
    mockJobs(sagemaker, referenceState());
    const result = await checkRequirement(lab, 'R1');
    expect(result.status).toBe('pass');
    expect(result.findings[0]).toMatch(/algo-demand-20260601-0900 trained DeepAR \(image repository 'forecasting-deepar'\) with time_freq=W, prediction_length=8/);
    expect(sagemaker).toHaveReceivedCommandWith(ListTrainingJobsCommand, { NameContains: 'algo-demand-', SortBy: 'CreationTime', SortOrder: 'Descending' });
    expect(sagemaker).toHaveReceivedCommandWith(DescribeTrainingJobCommand, { TrainingJobName: 'algo-demand-20260601-0900' });
  });

  test('the algorithm is recognised by repository, whatever the region\'s registry account', async () => {
    mockJobs(sagemaker, stateWith('demand', (j) => (j.AlgorithmSpecification.TrainingImage = '224300973850.dkr.ecr.eu-west-1.amazonaws.com/forecasting-deepar:1')));
    expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
  });

  test('JSON-encoded hyperparameter strings mean the same values', async () => {
    mockJobs(sagemaker, stateWith('demand', (j) => (j.HyperParameters = { time_freq: '"W"', prediction_length: '"8"', context_length: '"8"', epochs: '"50"' })));
    expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
  });

  test('fails when no job has the prefix, saying what to launch and how to name it', async () => {
    mockJobs(sagemaker, referenceState().slice(1));
    const result = await checkRequirement(lab, 'R1');
    expect(result.status).toBe('fail');
    expect(result.findings[0]).toMatch(/No training job named algo-demand-\.\.\. exists in us-east-1/);
    expect(result.findings[0]).toContain(`s3://${BUCKET}/datasets/demand/`);
  });

  test('fails for XGBoost, explaining the missing lags and the joint model over the stores', async () => {
    mockJobs(sagemaker, stateWith('demand', (j) => (j.AlgorithmSpecification.TrainingImage = XGBOOST_IMAGE)));
    const result = await checkRequirement(lab, 'R1');
    expect(result.status).toBe('fail');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatch(/trained XGBoost \(image repository 'sagemaker-xgboost'\)/);
    expect(result.findings[0]).toMatch(/lag and calendar features you build by hand/);
    expect(result.findings[0]).toMatch(/DeepAR .* learns one model jointly across all the stores' related series/);
  });

  test('fails for Linear Learner, which cannot follow the season', async () => {
    mockJobs(sagemaker, stateWith('demand', (j) => (j.AlgorithmSpecification.TrainingImage = LINEAR_LEARNER_IMAGE)));
    const result = await checkRequirement(lab, 'R1');
    expect(result.status).toBe('fail');
    expect(result.findings[0]).toMatch(/a straight line cannot follow the yearly season/);
  });

  test('fails for a daily time_freq on weekly data, saying why the frequency matters', async () => {
    mockJobs(sagemaker, stateWith('demand', (j) => (j.HyperParameters.time_freq = 'D')));
    const result = await checkRequirement(lab, 'R1');
    expect(result.status).toBe('fail');
    expect(result.findings[0]).toMatch(/time_freq is 'D'; every value in the shipped series is one week's sales, so the frequency is 'W'/);
  });

  test('fails for a horizon other than the 8 weeks the planners need', async () => {
    mockJobs(sagemaker, stateWith('demand', (j) => (j.HyperParameters.prediction_length = '12')));
    const result = await checkRequirement(lab, 'R1');
    expect(result.findings[0]).toMatch(/prediction_length is '12'; the planners need the next 8 weeks.*cannot be asked for more later/);
  });

  test('fails for a context so long that no training window fits the shipped series', async () => {
    mockJobs(sagemaker, stateWith('demand', (j) => (j.HyperParameters.context_length = '156')));
    const result = await checkRequirement(lab, 'R1');
    expect(result.status).toBe('fail');
    expect(result.findings[0]).toMatch(/needs 164 consecutive weeks, but the shipped training series have 156, so no complete window fits/);
  });

  test('fails when required hyperparameters are missing, naming each', async () => {
    mockJobs(sagemaker, stateWith('demand', (j) => (j.HyperParameters = { time_freq: 'W', prediction_length: '8' })));
    const result = await checkRequirement(lab, 'R1');
    expect(result.findings.join('\n')).toMatch(/context_length is not set; DeepAR requires it/);
    expect(result.findings.join('\n')).toMatch(/epochs is not set; DeepAR requires it/);
  });

  test('fails when the train channel reads train and test together, explaining the leak', async () => {
    mockJobs(sagemaker, stateWith('demand', (j) => (j.InputDataConfig[0].DataSource.S3DataSource.S3Uri = `s3://${BUCKET}/datasets/demand/`)));
    const result = await checkRequirement(lab, 'R1');
    expect(result.status).toBe('fail');
    expect(result.findings[0]).toMatch(/includes the test data: the model would be trained on the very records it is evaluated on/);
  });

  test('fails when the test channel points at the training data', async () => {
    mockJobs(sagemaker, stateWith('demand', (j) => (j.InputDataConfig[1].DataSource.S3DataSource.S3Uri = `s3://${BUCKET}/datasets/demand/train/`)));
    const result = await checkRequirement(lab, 'R1');
    expect(result.findings[0]).toMatch(/test channel reads .*train\/; the shipped test data are under/);
  });

  test('fails for a failed job, quoting its reason', async () => {
    mockJobs(sagemaker, stateWith('demand', (j) => Object.assign(j, { TrainingJobStatus: 'Failed', SecondaryStatus: 'Failed', FailureReason: 'ClientError: No training data found' })));
    const result = await checkRequirement(lab, 'R1');
    expect(result.status).toBe('fail');
    expect(result.findings[0]).toMatch(/Failed: "ClientError: No training data found"/);
  });

  test('fails while the job is still running, saying to check again', async () => {
    mockJobs(sagemaker, stateWith('demand', (j) => Object.assign(j, { TrainingJobStatus: 'InProgress', SecondaryStatus: 'Training' })));
    const result = await checkRequirement(lab, 'R1');
    expect(result.findings[0]).toMatch(/still InProgress \(Training\).*Run the check again when it finishes/);
  });

  test('passes when an older job fits even if the newest attempt does not', async () => {
    const r = referenceRequests();
    const wrongNewer = variant(described({ ...r.demand, TrainingJobName: 'algo-demand-try2' }, 30), (j) => (j.HyperParameters.time_freq = 'D'));
    mockJobs(sagemaker, [described(r.demand), wrongNewer]);
    expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
  });

  test('fails with the newest attempt\'s problems when no recent job fits, counting the others', async () => {
    const r = referenceRequests();
    const older = variant(described({ ...r.demand, TrainingJobName: 'algo-demand-try1' }), (j) => (j.AlgorithmSpecification.TrainingImage = XGBOOST_IMAGE));
    const newer = variant(described({ ...r.demand, TrainingJobName: 'algo-demand-try2' }, 30), (j) => (j.HyperParameters.time_freq = 'D'));
    mockJobs(sagemaker, [older, newer]);
    const result = await checkRequirement(lab, 'R1');
    expect(result.status).toBe('fail');
    expect(result.findings[0]).toMatch(/^algo-demand-try2: time_freq is 'D'/);
    expect(result.findings.at(-1)).toMatch(/1 older job\(s\) named algo-demand-\.\.\. were checked as well; none fits either/);
  });

  test('ignores jobs that merely contain the prefix somewhere in their name', async () => {
    const r = referenceRequests();
    mockJobs(sagemaker, referenceState().slice(1));
    sagemaker.on(ListTrainingJobsCommand, { NameContains: 'algo-demand-' }).resolves({
      TrainingJobSummaries: [{ TrainingJobName: `old-${r.demand.TrainingJobName}`, TrainingJobArn: 'arn', CreationTime: new Date(), TrainingJobStatus: 'Completed' }],
    });
    const result = await checkRequirement(lab, 'R1');
    expect(result.findings[0]).toMatch(/No training job named algo-demand-/);
  });

  test('follows NextToken across pages of ListTrainingJobs', async () => {
    mockJobs(sagemaker, referenceState());
    const r = referenceRequests();
    sagemaker
      .on(ListTrainingJobsCommand, { NameContains: 'algo-demand-' })
      .resolvesOnce({ TrainingJobSummaries: [], NextToken: 'page-2' })
      .resolves({ TrainingJobSummaries: [{ TrainingJobName: r.demand.TrainingJobName, TrainingJobArn: 'arn', CreationTime: new Date(), TrainingJobStatus: 'Completed' }] });
    expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
    expect(sagemaker).toHaveReceivedCommandWith(ListTrainingJobsCommand, { NameContains: 'algo-demand-', NextToken: 'page-2' });
  });

  test('is an error naming the IAM action when listing is denied', async () => {
    sagemaker.on(ListTrainingJobsCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    const result = await checkRequirement(lab, 'R1');
    expect(result.status).toBe('error');
    expect(result.findings[0]).toMatch(/sagemaker:ListTrainingJobs/);
  });

  test('is an error when DescribeTrainingJob is throttled past the retries', async () => {
    mockJobs(sagemaker, referenceState());
    sagemaker.on(DescribeTrainingJobCommand).rejects(awsError('ThrottlingException', 'Rate exceeded', 400));
    const result = await checkRequirement(lab, 'R1');
    expect(result.status).toBe('error');
    expect(result.findings[0]).toMatch(/Throttled/);
  });

  test('fails, saying to deploy, when the lab stack is missing', async () => {
    cfn.on(DescribeStacksCommand).rejects(awsError('ValidationError', 'Stack with id MlLab-algorithm-choice does not exist', 400));
    mockJobs(sagemaker, referenceState());
    const result = await checkRequirement(lab, 'R1');
    expect(result.status).toBe('fail');
    expect(result.findings[0]).toMatch(/mllab deploy algorithm-choice/);
  });
});

describe('R2 ticket routing', () => {
  test('the reference BlazingText supervised job passes', async () => {
    mockJobs(sagemaker, referenceState());
    const result = await checkRequirement(lab, 'R2');
    expect(result.status).toBe('pass');
    expect(result.findings[0]).toMatch(/BlazingText \(image repository 'blazingtext'\) with mode=supervised/);
  });

  test.each(['batch_skipgram', 'skipgram', 'cbow'])('fails for Word2Vec mode %s, explaining embeddings are not a classifier', async (mode) => {
    mockJobs(sagemaker, stateWith('tickets', (j) => (j.HyperParameters.mode = mode)));
    const result = await checkRequirement(lab, 'R2');
    expect(result.status).toBe('fail');
    expect(result.findings[0]).toMatch(new RegExp(`mode is '${mode}', one of BlazingText's Word2Vec modes: Word2Vec is unsupervised`));
    expect(result.findings[0]).toMatch(/not a team for a ticket/);
  });

  test('fails when mode is missing, listing what each mode does', async () => {
    mockJobs(sagemaker, stateWith('tickets', (j) => delete j.HyperParameters.mode));
    const result = await checkRequirement(lab, 'R2');
    expect(result.findings[0]).toMatch(/mode is not set; BlazingText requires mode, and it decides the task: 'supervised'/);
  });

  test('fails for Linear Learner on text, explaining the vectorising step it would need', async () => {
    mockJobs(sagemaker, stateWith('tickets', (j) => (j.AlgorithmSpecification.TrainingImage = LINEAR_LEARNER_IMAGE)));
    const result = await checkRequirement(lab, 'R2');
    expect(result.status).toBe('fail');
    expect(result.findings[0]).toMatch(/raw ticket text would first need a vocabulary and a vectorising step/);
    expect(result.findings[0]).toMatch(/BlazingText in supervised mode is a fastText text classifier/);
  });

  test('fails for a framework container, explaining built-in versus your own script', async () => {
    mockJobs(sagemaker, stateWith('tickets', (j) => (j.AlgorithmSpecification.TrainingImage = '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.5-cpu-py311')));
    const result = await checkRequirement(lab, 'R2');
    expect(result.findings[0]).toMatch(/the PyTorch framework container .*, which runs a training script you write/);
  });

  test('fails for a Marketplace algorithm resource without a training image', async () => {
    mockJobs(sagemaker, stateWith('tickets', (j) => (j.AlgorithmSpecification = { AlgorithmName: 'arn:aws:sagemaker:us-east-1:123456789012:algorithm/text-router', TrainingInputMode: 'File' })));
    const result = await checkRequirement(lab, 'R2');
    expect(result.findings[0]).toMatch(/runs the algorithm resource 'arn:aws:sagemaker:.*text-router', not a SageMaker built-in algorithm image/);
  });

  test('fails when the job trained on data outside the lab bucket', async () => {
    mockJobs(sagemaker, stateWith('tickets', (j) => (j.InputDataConfig[0].DataSource.S3DataSource.S3Uri = 's3://my-own-bucket/tickets/')));
    const result = await checkRequirement(lab, 'R2');
    expect(result.findings[0]).toMatch(/train channel reads s3:\/\/my-own-bucket\/tickets\/, not the shipped data/);
  });

  test('is an error when DescribeTrainingJob is denied', async () => {
    mockJobs(sagemaker, referenceState());
    sagemaker.on(DescribeTrainingJobCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    const result = await checkRequirement(lab, 'R2');
    expect(result.status).toBe('error');
    expect(result.findings[0]).toMatch(/sagemaker:DescribeTrainingJob/);
  });
});

describe('R3 explainable rent estimate', () => {
  test('the reference Linear Learner regressor passes', async () => {
    mockJobs(sagemaker, referenceState());
    const result = await checkRequirement(lab, 'R3');
    expect(result.status).toBe('pass');
    expect(result.findings[0]).toMatch(/Linear Learner \(image repository 'linear-learner'\) with predictor_type=regressor/);
  });

  test('fails for XGBoost, explaining why trees cannot give one amount per feature', async () => {
    mockJobs(sagemaker, stateWith('rent', (j) => (j.AlgorithmSpecification.TrainingImage = XGBOOST_IMAGE)));
    const result = await checkRequirement(lab, 'R3');
    expect(result.status).toBe('fail');
    expect(result.findings[0]).toMatch(/sum of hundreds of trees: it cannot be written as one amount per feature/);
  });

  test('fails for binary_classifier, a class where an amount is needed', async () => {
    mockJobs(sagemaker, stateWith('rent', (j) => (j.HyperParameters.predictor_type = 'binary_classifier')));
    const result = await checkRequirement(lab, 'R3');
    expect(result.status).toBe('fail');
    expect(result.findings[0]).toMatch(/predictor_type is 'binary_classifier': it predicts one of two classes .* a rent is a continuous amount/);
  });

  test('fails for multiclass_classifier, which would lose the euro amount', async () => {
    mockJobs(sagemaker, stateWith('rent', (j) => (j.HyperParameters.predictor_type = 'multiclass_classifier')));
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/price bands and the euro amount would be lost/);
  });

  test('fails when the train channel does not say text/csv', async () => {
    mockJobs(sagemaker, stateWith('rent', (j) => delete j.InputDataConfig[0].ContentType));
    const result = await checkRequirement(lab, 'R3');
    expect(result.findings[0]).toMatch(/ContentType is not set; Linear Learner reads RecordIO-protobuf unless the channel says 'text\/csv'/);
  });

  test('fails for a feature_dim that does not match the shipped columns', async () => {
    mockJobs(sagemaker, stateWith('rent', (j) => (j.HyperParameters.feature_dim = '7')));
    const result = await checkRequirement(lab, 'R3');
    expect(result.findings[0]).toMatch(/feature_dim is '7', but each shipped row has 6 features after the label/);
  });

  test('passes with feature_dim left to auto', async () => {
    mockJobs(sagemaker, stateWith('rent', (j) => (j.HyperParameters.feature_dim = 'auto')));
    expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  });

  test('is an error when listing is throttled', async () => {
    sagemaker.on(ListTrainingJobsCommand).rejects(awsError('ThrottlingException', 'Rate exceeded', 400));
    expect((await checkRequirement(lab, 'R3')).status).toBe('error');
  });
});

describe('R4 cost and housekeeping', () => {
  test('the reference jobs pass: one instance, spot, capped runtime, artefacts under output/', async () => {
    mockJobs(sagemaker, referenceState());
    const result = await checkRequirement(lab, 'R4');
    expect(result.status).toBe('pass');
    expect(result.findings[0]).toMatch(/algo-demand-20260601-0900, algo-tickets-20260601-0900, algo-rent-20260601-0900: one instance each, managed spot training/);
  });

  test('fails for on-demand training, two instances and an uncapped runtime, saying what each costs', async () => {
    mockJobs(
      sagemaker,
      stateWith('tickets', (j) => {
        j.EnableManagedSpotTraining = false;
        j.ResourceConfig.InstanceCount = 2;
        j.StoppingCondition = { MaxRuntimeInSeconds: 86400 };
      }),
    );
    const result = await checkRequirement(lab, 'R4');
    expect(result.status).toBe('fail');
    const text = result.findings.join('\n');
    expect(text).toMatch(/algo-tickets-20260601-0900 ran on 2 instances; .* every instance is billed/);
    expect(text).toMatch(/did not use managed spot training; spot capacity costs up to 90% less/);
    expect(text).toMatch(/may run for 86400 seconds; the scenario caps each job at 1800 s/);
  });

  test('fails for an instance type the lab does not allow', async () => {
    mockJobs(sagemaker, stateWith('rent', (j) => (j.ResourceConfig.InstanceType = 'ml.p3.2xlarge')));
    const result = await checkRequirement(lab, 'R4');
    expect(result.findings[0]).toMatch(/ran on ml.p3.2xlarge; the lab allows ml.m5.large and ml.c5.xlarge for training/);
  });

  test('fails when artefacts are written outside the lab bucket\'s output prefix', async () => {
    // Issue 11 finding 1: R4 judges where the artefacts are (ModelArtifacts), so the state sets both, as SageMaker does.
    mockJobs(
      sagemaker,
      stateWith('demand', (j) => {
        j.OutputDataConfig.S3OutputPath = 's3://my-own-bucket/models/';
        j.ModelArtifacts.S3ModelArtifacts = `s3://my-own-bucket/models/${j.TrainingJobName}/output/model.tar.gz`;
      }),
    );
    const result = await checkRequirement(lab, 'R4');
    expect(result.findings[0]).toMatch(new RegExp(`wrote its model to s3://my-own-bucket/models/algo-demand-20260601-0900/output/model\\.tar\\.gz \\(S3OutputPath s3://my-own-bucket/models/\\); the scenario wants artefacts under s3://${BUCKET}/output/`));
  });

  test('is an error when DescribeTrainingJob is denied', async () => {
    mockJobs(sagemaker, referenceState());
    sagemaker.on(DescribeTrainingJobCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    expect((await checkRequirement(lab, 'R4')).status).toBe('error');
  });
});

describe('issue 11 findings', () => {
  test('finding 1: R4 passes jobs whose S3OutputPath has no trailing slash (the artefacts are under output/)', async () => {
    const r = referenceRequests();
    const noSlash = (request: typeof r.demand) => described({ ...request, OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/output` } });
    const jobs = [noSlash(r.demand), noSlash(r.tickets), noSlash(r.rent)];
    expect(jobs[0]!.ModelArtifacts!.S3ModelArtifacts).toBe(`s3://${BUCKET}/output/${r.demand.TrainingJobName}/output/model.tar.gz`);
    mockJobs(sagemaker, jobs);
    const result = await checkRequirement(lab, 'R4');
    expect([result.status, result.findings]).toEqual(['pass', [expect.stringMatching(/artefacts under output\//), expect.stringMatching(/^R4 judges/)]]);
  });

  test('finding 1: R4 judges where the artefacts are, so a look-alike prefix (outputs/) fails', async () => {
    mockJobs(
      sagemaker,
      stateWith('rent', (j) => {
        j.OutputDataConfig.S3OutputPath = `s3://${BUCKET}/outputs`;
        j.ModelArtifacts.S3ModelArtifacts = `s3://${BUCKET}/outputs/${j.TrainingJobName}/output/model.tar.gz`;
      }),
    );
    const result = await checkRequirement(lab, 'R4');
    expect(result.status).toBe('fail');
    expect(result.findings[0]).toMatch(new RegExp(`wrote its model to s3://${BUCKET}/outputs/algo-rent-20260601-0900/output/model\\.tar\\.gz \\(S3OutputPath s3://${BUCKET}/outputs\\); the scenario wants artefacts under s3://${BUCKET}/output/`));
  });

  test('finding 1: a Completed job that reports no artefact location makes R4 an error, not a fail', async () => {
    mockJobs(sagemaker, stateWith('demand', (j) => delete j.ModelArtifacts));
    const result = await checkRequirement(lab, 'R4');
    expect(result.status).toBe('error');
    expect(result.findings[0]).toMatch(/reports no ModelArtifacts\.S3ModelArtifacts/);
  });

  test.each(['1W', '"1W"', 'W', '"W"'])('finding 2: time_freq %s is weekly and passes R1', async (freq) => {
    mockJobs(sagemaker, stateWith('demand', (j) => (j.HyperParameters.time_freq = freq)));
    const result = await checkRequirement(lab, 'R1');
    expect([result.status, result.findings]).toEqual(['pass', [expect.any(String)]]);
  });

  test.each([
    ['2W', /time_freq is '2W' \(one value every 2 weeks\); every value in the shipped series is one week's sales/],
    ['7D', /time_freq is '7D'; every value in the shipped series is one week's sales, so the frequency is 'W' \(or '1W'\)/],
    ['M', /time_freq is 'M'; .*DeepAR picks its lags and calendar features from time_freq/],
    ['0W', /time_freq is '0W';/],
    ['weekly', /time_freq is 'weekly';/],
  ])('finding 2: time_freq %s is not weekly and fails R1 with the teaching message', async (freq, finding) => {
    mockJobs(sagemaker, stateWith('demand', (j) => (j.HyperParameters.time_freq = freq)));
    const result = await checkRequirement(lab, 'R1');
    expect(result.status).toBe('fail');
    expect(result.findings[0]).toMatch(finding);
  });

  test('finding 17: R4 judges the newest job that satisfies R1, not the newest launched, and says so', async () => {
    const r = referenceRequests();
    // An older job satisfies R1 but ran on demand; a newer one is on spot but daily, so it does not satisfy R1.
    const older = variant(described(r.demand), (j) => (j.EnableManagedSpotTraining = false));
    const newer = variant(described({ ...r.demand, TrainingJobName: 'algo-demand-try2' }, 30), (j) => (j.HyperParameters.time_freq = 'D'));
    mockJobs(sagemaker, [older, newer, described(r.tickets), described(r.rent)]);
    const result = await checkRequirement(lab, 'R4');
    expect(result.status).toBe('fail');
    expect(result.findings[0]).toMatch(/^algo-demand-20260601-0900 did not use managed spot training/);
    expect(result.findings.at(-1)).toMatch(/R4 judges, per problem, your newest job that satisfies R1, R2 or R3: algo-demand-20260601-0900, algo-tickets-20260601-0900, algo-rent-20260601-0900\./);
  });

  test('finding 17: the README and the manifest say that R4 judges the newest job that satisfies R1 to R3', () => {
    const readme = readFileSync(join(__dirname, '../../../labs/algorithm-choice/README.md'), 'utf8');
    expect(readme).toMatch(/\*\*R4\*\* For each problem, your newest job that satisfies \*\*R1\*\*, \*\*R2\*\* or \*\*R3\*\*/);
    expect(lab.requirements.find((q) => q.id === 'R4')!.title).toMatch(/^For each problem, the newest job that satisfies R1, R2 or R3/);
  });

  test('finding 17: every requirement asks something of the learner: a job with the API defaults fails R4', async () => {
    // CreateTrainingJob's defaults: on-demand capacity and a day of runtime.
    mockJobs(
      sagemaker,
      stateWith('demand', (j) => {
        delete j.EnableManagedSpotTraining;
        j.StoppingCondition = { MaxRuntimeInSeconds: 86_400 };
      }),
    );
    expect((await checkRequirement(lab, 'R4')).status).toBe('fail');
  });
});

// Valid alternatives a competent learner could produce, per requirement: each passes, as the README says.
describe('valid alternatives pass', () => {
  const sdkNamed = (job: any, name: string) => variant(job, (j) => {
    j.TrainingJobName = name;
    j.ModelArtifacts.S3ModelArtifacts = `s3://${BUCKET}/output/${name}/output/model.tar.gz`;
  });

  test.each<[string, 'demand' | 'tickets' | 'rent', (j: any) => void]>([
    ['R1', 'demand', (j) => (j.AlgorithmSpecification.TrainingImage = builtInImage('forecasting-deepar', 'eu-west-1'))],
    ['R1', 'demand', (j) => (j.AlgorithmSpecification.TrainingImage = j.AlgorithmSpecification.TrainingImage.replace(/:1$/, ':latest'))],
    ['R1', 'demand', (j) => (j.HyperParameters = { time_freq: '"1W"', prediction_length: '"8"', context_length: '"16"', epochs: '"100"' })],
    ['R1', 'demand', (j) => (j.InputDataConfig = j.InputDataConfig.slice(0, 1))],
    ['R1', 'demand', (j) => (j.InputDataConfig[0].DataSource.S3DataSource.S3Uri = `s3://${BUCKET}/datasets/demand/train`)],
    ['R1', 'demand', (j) => (j.InputDataConfig[0].DataSource.S3DataSource.S3Uri = `s3://${BUCKET}/datasets/demand/train/train.json`)],
    ['R2', 'tickets', (j) => (j.HyperParameters.mode = '"supervised"')],
    ['R2', 'tickets', (j) => (j.AlgorithmSpecification.TrainingImage = builtInImage('blazingtext', 'us-west-2'))],
    ['R2', 'tickets', (j) => (j.InputDataConfig = j.InputDataConfig.slice(0, 1))],
    ['R3', 'rent', (j) => (j.HyperParameters.predictor_type = '"regressor"')],
    ['R3', 'rent', (j) => (j.HyperParameters.feature_dim = '6')],
    ['R3', 'rent', (j) => (j.HyperParameters.feature_dim = '"auto"')],
    ['R3', 'rent', (j) => (j.InputDataConfig[0].ContentType = 'text/csv;label_size=1')],
    ['R3', 'rent', (j) => (j.AlgorithmSpecification.TrainingImage = builtInImage('linear-learner', 'ap-northeast-1'))],
    ['R4', 'rent', (j) => (j.ResourceConfig.InstanceType = 'ml.c5.xlarge')],
    ['R4', 'tickets', (j) => (j.ResourceConfig.InstanceType = 'ml.m5.large')],
    ['R4', 'demand', (j) => (j.StoppingCondition = { MaxRuntimeInSeconds: 1800, MaxWaitTimeInSeconds: 3600 })],
    ['R4', 'demand', (j) => {
      j.OutputDataConfig.S3OutputPath = `s3://${BUCKET}/output/demand`;
      j.ModelArtifacts.S3ModelArtifacts = `s3://${BUCKET}/output/demand/${j.TrainingJobName}/output/model.tar.gz`;
    }],
  ])('%s (%s) #%#', async (id, problem, change) => {
    mockJobs(sagemaker, stateWith(problem, change));
    const result = await checkRequirement(lab, id);
    expect([result.status, result.findings[0]]).toEqual(['pass', expect.any(String)]);
  });

  test.each([
    ['demand', 'algo-demand-2026-06-01-09-00-00-123'],
    ['tickets', 'algo-tickets--2026-06-01-09-00-00-123'],
  ] as const)('a SageMaker Python SDK default job name for %s (%s) passes its requirement and R4', async (problem, name) => {
    const index = { demand: 0, tickets: 1, rent: 2 }[problem];
    mockJobs(sagemaker, referenceState().map((job, i) => (i === index ? sdkNamed(job, name) : job)));
    expect((await checkRequirement(lab, problem === 'demand' ? 'R1' : 'R2')).status).toBe('pass');
    expect((await checkRequirement(lab, 'R4')).status).toBe('pass');
  });
});
