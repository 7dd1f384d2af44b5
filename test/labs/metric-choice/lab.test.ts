// metric-choice, one requirement at a time against aws-sdk-client-mock: the reference state
// passes, plausible wrong states fail with a finding in the scenario's numbers, valid
// alternatives pass, API errors and states the check cannot judge give `error`.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeTrainingJobCommand, ListTrainingJobsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/metric-choice/lab';
import { metricOf } from '../../../labs/metric-choice/scenarios';
import { awsError, checkRequirement, CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { BUCKET, LAB_ID, mockDecision, mockJobs, OUTPUTS, referenceState, variant } from './fixtures';

const sagemaker = mockClient(SageMakerClient);
const s3 = mockClient(S3Client);
const cfn = mockClient(CloudFormationClient);

beforeEach(() => {
  for (const m of [sagemaker, s3, cfn]) m.reset();
  mockStackOutputs(cfn, LAB_ID, OUTPUTS);
});

const EU_WEST_1_XGBOOST = '141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1';

/** The reference jobs with one of them changed. */
function stateWith(which: 'fraud' | 'houses', change: (job: any) => void) {
  const { fraud, houses } = referenceState();
  return which === 'fraud' ? [variant(fraud, change), houses] : [fraud, variant(houses, change)];
}

const metric = (name: string, value: number) => (j: any) => (j.FinalMetricDataList = [{ MetricName: name, Value: value, Timestamp: new Date('2026-12-01T03:05:00Z') }]);

describe('metric spellings', () => {
  test.each([
    ['Recall', 'recall'], ['sensitivity', 'recall'], ['True-Positive_Rate', 'recall'], ['PPV', 'precision'],
    ['validation:auc', 'auc'], ['ROC AUC', 'auc'], ['aucpr', 'aucpr'], ['PR-AUC', 'aucpr'], ['F1 score', 'f1'],
    ['Mean Absolute Error', 'mae'], ['validation:mae', 'mae'], ['RMSE', 'rmse'], ['error', 'accuracy'],
  ])('%s -> %s', (spelling, expected) => {
    expect(metricOf(spelling)).toBe(expected);
  });

  test('an unknown name is no metric', () => {
    expect(metricOf('banana')).toBeUndefined();
  });
});

describe('R1 decision record', () => {
  test('the reference record passes, read from the lab bucket at the stated key', async () => {
    mockDecision(s3);
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('pass');
    expect(r.findings[0]).toMatch(/screening: recall; spam: precision; fraud: auc; houses: mae/);
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: BUCKET, Key: 'decisions/metric-choice.json' });
  });

  test('bare strings, any case, spelled-out names and keys in capitals pass', async () => {
    mockDecision(s3, { Screening: 'Sensitivity', SPAM: 'Positive Predictive Value', fraud: 'validation:aucpr', houses: 'Mean Absolute Error' });
    expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
  });

  test('F1 for fraud passes: it is a precision-recall measure that accuracy is not', async () => {
    mockDecision(s3, { screening: 'recall', spam: 'precision', fraud: 'F1', houses: 'MAE' });
    expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
  });

  test('fails when accuracy is chosen for fraud, saying what 98% accuracy hides', async () => {
    mockDecision(s3, { screening: 'recall', spam: 'precision', fraud: 'accuracy', houses: 'mae' });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([expect.stringMatching(/^fraud: accuracy does not fit .*98% accurate and catches no fraud at all/)]);
  });

  test('fails when RMSE is chosen for houses, saying how one typing error outweighs thousands of houses', async () => {
    mockDecision(s3, { screening: 'recall', spam: 'precision', fraud: 'auc', houses: 'rmse' });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/houses: rmse does not fit .*\$1,750,000.*about 4,900 houses.*MAE counts that row as 70/);
  });

  test('fails when precision and recall are swapped, with each scenario\'s cost of an error', async () => {
    mockDecision(s3, { screening: 'precision', spam: 'recall', fraud: 'auc', houses: 'mae' });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      expect.stringMatching(/^screening: precision does not fit .*\$50,000 each, against \$200/),
      expect.stringMatching(/^spam: recall does not fit .*\$500 order lost/),
    ]);
  });

  test('fails for a missing scenario and an unknown metric name, listing the names understood', async () => {
    mockDecision(s3, { screening: 'banana', spam: 'precision', fraud: { metric: 'auc' } });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([expect.stringMatching(/^screening: 'banana' is not a metric this lab knows/), expect.stringMatching(/^houses: no metric stated/)]);
  });

  test('fails when there is no record, saying where to write it', async () => {
    s3.on(GetObjectCommand).rejects(awsError('NoSuchKey', 'The specified key does not exist.', 404));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toContain(`No decision record at s3://${BUCKET}/decisions/metric-choice.json`);
  });

  test('fails when the record is not a JSON object', async () => {
    mockDecision(s3, '["recall", "precision"]');
    expect((await checkRequirement(lab, 'R1')).findings[0]).toMatch(/holds a JSON array/);
    mockDecision(s3, 'screening: recall');
    expect((await checkRequirement(lab, 'R1')).findings[0]).toMatch(/is not valid JSON/);
  });

  test('an API error gives error, not fail', async () => {
    s3.on(GetObjectCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    expect((await checkRequirement(lab, 'R1')).status).toBe('error');
  });
});

describe('R2 fraud', () => {
  test('the reference job passes, found by the lab prefix', async () => {
    mockJobs(sagemaker, Object.values(referenceState()));
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('pass');
    expect(r.findings[0]).toMatch(/metric-fraud-20261201-0300: objective binary:logistic, eval_metric auc, scale_pos_weight 50, validation:auc 0.8934/);
    expect(sagemaker).toHaveReceivedCommandWith(ListTrainingJobsCommand, { NameContains: 'metric-fraud-', SortBy: 'CreationTime', SortOrder: 'Descending' });
  });

  test('quoted hyperparameters, a list of eval metrics and a fractional weight pass', async () => {
    mockJobs(sagemaker, stateWith('fraud', (j) => Object.assign(j.HyperParameters, { objective: '"binary:logistic"', eval_metric: '"aucpr,auc"', scale_pos_weight: '"50.5"' })));
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
  });

  test('another region\'s image URI and a SageMaker Python SDK job name pass', async () => {
    mockJobs(sagemaker, stateWith('fraud', (j) => {
      j.AlgorithmSpecification.TrainingImage = EU_WEST_1_XGBOOST;
      j.TrainingJobName = 'metric-fraud-2026-12-01-03-00-00-123';
    }));
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
  });

  test('channels pointing at the files themselves pass', async () => {
    mockJobs(sagemaker, stateWith('fraud', (j) => {
      j.InputDataConfig[0].DataSource.S3DataSource.S3Uri = `s3://${BUCKET}/datasets/fraud/train/payments-train.csv`;
      j.InputDataConfig[1].DataSource.S3DataSource.S3Uri = `s3://${BUCKET}/datasets/fraud/validation`;
    }));
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
  });

  test('fails when no job has the prefix, saying what to launch and how to name it', async () => {
    mockJobs(sagemaker, [referenceState().houses]);
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/No training job named metric-fraud-\.\.\. exists in us-east-1/);
  });

  test('fails when the job evaluates error, explaining what accuracy hides at 2% fraud', async () => {
    mockJobs(sagemaker, stateWith('fraud', (j) => {
      j.HyperParameters.eval_metric = 'error';
      metric('validation:error', 0.0196)(j);
    }));
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/eval_metric is error, so the job never reports validation:auc.*error of 0\.02, 98% accuracy, and catches nothing/);
  });

  test('fails without scale_pos_weight, giving the class ratio', async () => {
    mockJobs(sagemaker, stateWith('fraud', (j) => delete j.HyperParameters.scale_pos_weight));
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/scale_pos_weight is not set .*9,806 legitimate to 194 fraudulent/);
  });

  test('fails for a weight far above the ratio', async () => {
    mockJobs(sagemaker, stateWith('fraud', (j) => (j.HyperParameters.scale_pos_weight = '500')));
    expect((await checkRequirement(lab, 'R2')).findings[0]).toMatch(/scale_pos_weight is 500; .*accepts 10 to 100: a larger one .*memorise the 194 fraud rows/);
  });

  test('fails below the AUC threshold, explaining how deep trees memorise the weighted fraud rows', async () => {
    mockJobs(sagemaker, stateWith('fraud', (j) => {
      j.HyperParameters.max_depth = '6';
      metric('validation:auc', 0.8524)(j);
    }));
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/validation:auc is 0\.8524, below 0\.88\. .*memorise/);
  });

  test('fails for another algorithm, naming its repository', async () => {
    mockJobs(sagemaker, stateWith('fraud', (j) => (j.AlgorithmSpecification.TrainingImage = '382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1')));
    const r = await checkRequirement(lab, 'R2');
    expect(r.findings).toEqual([expect.stringMatching(/trained image repository 'linear-learner'; this lab trains the built-in XGBoost algorithm/)]);
  });

  test('fails when the validation channel reads other data', async () => {
    mockJobs(sagemaker, stateWith('fraud', (j) => (j.InputDataConfig[1].DataSource.S3DataSource.S3Uri = `s3://${BUCKET}/datasets/fraud/train/`)));
    expect((await checkRequirement(lab, 'R2')).findings[0]).toMatch(/its validation channel does not read s3:\/\/.*\/datasets\/fraud\/validation\//);
  });

  test('fails for a failed job, quoting its reason', async () => {
    mockJobs(sagemaker, stateWith('fraud', (j) => {
      j.TrainingJobStatus = 'Failed';
      j.FailureReason = 'AlgorithmError: label must be in [0,1]';
      j.FinalMetricDataList = [];
    }));
    expect((await checkRequirement(lab, 'R2')).findings.join(' ')).toMatch(/Failed \("AlgorithmError: label must be in \[0,1\]"\)/);
  });

  test('an older fitting job passes when the newest attempt does not fit', async () => {
    const { fraud, houses } = referenceState();
    const newer = variant(fraud, (j) => {
      j.TrainingJobName = 'metric-fraud-20261201-0330';
      j.CreationTime = new Date('2026-12-01T03:30:00Z');
      metric('validation:auc', 0.86)(j);
    });
    mockJobs(sagemaker, [newer, fraud, houses]);
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('pass');
    expect(r.findings[0]).toMatch(/^metric-fraud-20261201-0300/);
  });

  test('a completed job that reports no validation:auc gives error: the score was not seen', async () => {
    mockJobs(sagemaker, stateWith('fraud', (j) => (j.FinalMetricDataList = [])));
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/reports no final metrics, not validation:auc; the score cannot be judged/);
  });

  test('an API error gives error', async () => {
    sagemaker.on(ListTrainingJobsCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    expect((await checkRequirement(lab, 'R2')).status).toBe('error');
  });
});

describe('R3 houses', () => {
  test('the reference job passes', async () => {
    mockJobs(sagemaker, Object.values(referenceState()));
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('pass');
    expect(r.findings[0]).toMatch(/objective reg:absoluteerror, eval_metric mae, validation:mae 219.18 \(at most 230\)/);
  });

  test('pseudo-Huber with quoted hyperparameters passes when it reaches the MAE', async () => {
    mockJobs(sagemaker, stateWith('houses', (j) => {
      Object.assign(j.HyperParameters, { objective: '"reg:pseudohubererror"', huber_slope: '"50"', eval_metric: '"rmse,mae"' });
      metric('validation:mae', 224.5)(j);
    }));
    expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  });

  test('fails when eval_metric is rmse, explaining why RMSE follows the typing errors', async () => {
    mockJobs(sagemaker, stateWith('houses', (j) => (j.HyperParameters.eval_metric = 'rmse')));
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/never reports validation:mae.*RMSE squares each error, so the 4% of prices typed four to ten times too high dominate it/);
  });

  test('fails above the MAE threshold with squared error, explaining the pull of the typing errors', async () => {
    mockJobs(sagemaker, stateWith('houses', (j) => {
      j.HyperParameters.objective = 'reg:squarederror';
      metric('validation:mae', 248.05)(j);
    }));
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/validation:mae is 248\.05, above 230\. reg:squarederror minimises squared error.*reg:absoluteerror/);
  });

  test('fails for a classification objective', async () => {
    mockJobs(sagemaker, stateWith('houses', (j) => (j.HyperParameters.objective = 'binary:logistic')));
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/objective is binary:logistic; a price is an amount/);
  });

  test('an API error gives error', async () => {
    mockJobs(sagemaker, Object.values(referenceState()));
    sagemaker.on(DescribeTrainingJobCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    expect((await checkRequirement(lab, 'R3')).status).toBe('error');
  });
});

describe('R4 cost', () => {
  test('the reference jobs pass', async () => {
    mockJobs(sagemaker, Object.values(referenceState()));
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('pass');
    expect(r.findings[1]).toMatch(/metric-fraud-20261201-0300 and metric-houses-20261201-0300/);
  });

  test('an output path without its final slash passes', async () => {
    mockJobs(sagemaker, stateWith('houses', (j) => (j.OutputDataConfig.S3OutputPath = `s3://${BUCKET}/output`)));
    expect((await checkRequirement(lab, 'R4')).status).toBe('pass');
  });

  test('fails for an on-demand job on a larger instance', async () => {
    mockJobs(sagemaker, stateWith('fraud', (j) => {
      j.EnableManagedSpotTraining = false;
      j.ResourceConfig.InstanceType = 'ml.m5.xlarge';
    }));
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      expect.stringMatching(/ran on 1 x ml\.m5\.xlarge; .*one ml\.m5\.large/),
      expect.stringMatching(/ran on demand; managed spot training costs up to 90% less/),
      expect.stringMatching(/^R4 judges/),
    ]);
  });

  test('fails for artefacts outside output/ and a runtime cap above 1800 s', async () => {
    mockJobs(sagemaker, stateWith('houses', (j) => {
      j.ModelArtifacts.S3ModelArtifacts = `s3://${BUCKET}/models/metric-houses-20261201-0300/output/model.tar.gz`;
      j.StoppingCondition.MaxRuntimeInSeconds = 86400;
    }));
    const r = await checkRequirement(lab, 'R4');
    expect(r.findings.join(' ')).toMatch(/may run for 86400 seconds.*wrote its model to s3:\/\/.*\/models\//);
  });

  test('a completed job without reported artefacts gives error', async () => {
    mockJobs(sagemaker, stateWith('fraud', (j) => delete j.ModelArtifacts));
    expect((await checkRequirement(lab, 'R4')).status).toBe('error');
  });
});
