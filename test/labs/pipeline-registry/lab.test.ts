import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeModelPackageCommand,
  DescribePipelineCommand,
  ListPipelineExecutionsCommand,
  ListPipelineExecutionStepsCommand,
  ListPipelineParametersForExecutionCommand,
  SageMakerClient,
  type DescribeModelPackageOutput,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { lab, MIN_TEST_AUC, PIPELINE_NAME } from '../../../labs/pipeline-registry/lab';
import { awsError, checkRequirement, CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { BUCKET, describePipeline, EXECUTION_ARN, execution, executionSteps, handWritten, modelPackage, PACKAGE_ARN, REPORT, REPORT_KEY, sdkShaped } from './fixtures';

const sagemaker = mockClient(SageMakerClient);
const s3 = mockClient(S3Client);
const cfn = mockClient(CloudFormationClient);

type Definition = Record<string, any>;

const body = (text: string) => ({ Body: { transformToString: async () => text } as any });

function givenDefinition(definition: Definition | string): void {
  sagemaker.on(DescribePipelineCommand, { PipelineName: PIPELINE_NAME }).resolves(describePipeline(definition));
}

function givenPackage(overrides: Partial<DescribeModelPackageOutput> = {}): void {
  sagemaker.on(DescribeModelPackageCommand, { ModelPackageName: PACKAGE_ARN }).resolves(modelPackage(overrides));
}

beforeEach(() => {
  sagemaker.reset();
  s3.reset();
  cfn.reset();
  mockStackOutputs(cfn, lab.id, { LabBucketName: BUCKET });
  givenDefinition(handWritten());
  sagemaker.on(ListPipelineExecutionsCommand).resolves({ PipelineExecutionSummaries: [execution()] });
  sagemaker.on(ListPipelineExecutionStepsCommand, { PipelineExecutionArn: EXECUTION_ARN }).resolves({ PipelineExecutionSteps: executionSteps() });
  sagemaker.on(ListPipelineParametersForExecutionCommand, { PipelineExecutionArn: EXECUTION_ARN }).resolves({
    PipelineParameters: [
      { Name: 'ProcessingInstanceType', Value: 'ml.t3.medium' },
      { Name: 'TrainingInstanceType', Value: 'ml.m5.large' },
      { Name: 'AucThreshold', Value: String(MIN_TEST_AUC) },
    ],
  });
  givenPackage();
  s3.on(GetObjectCommand, { Bucket: BUCKET, Key: REPORT_KEY }).resolves(body(JSON.stringify(REPORT)));
});

const status = async (id: string) => (await checkRequirement(lab, id)).status;
const findings = async (id: string) => (await checkRequirement(lab, id)).findings.join(' ');
const ids = lab.requirements.map((r) => r.id);

/** Runs `edit` on a copy of a definition. */
function edited(base: Definition, edit: (d: Definition) => void): Definition {
  const copy = JSON.parse(JSON.stringify(base)) as Definition;
  edit(copy);
  return copy;
}
const stepNamed = (d: Definition, name: string): Definition => {
  const all = [...d.Steps, ...d.Steps.flatMap((s: Definition) => [...(s.Arguments?.IfSteps ?? []), ...(s.Arguments?.ElseSteps ?? [])])];
  return all.find((s: Definition) => s.Name === name);
};
const gateOf = (d: Definition) => d.Steps.find((s: Definition) => s.Type === 'Condition');

describe('valid alternatives pass every requirement', () => {
  test('the reference solution\'s hand-written definition', async () => {
    for (const id of ids) expect([id, await status(id)]).toEqual([id, 'pass']);
    expect(await findings('R1')).toMatch(/Preprocess -> Train -> Evaluate \(property file EvaluationReport\)/);
    expect(await findings('R3')).toMatch(/AucGate runs Register only when JsonGet\(Steps\.Evaluate\.PropertyFiles\.EvaluationReport, 'binary_classification_metrics\.auc\.value'\) >= Parameters\.AucThreshold/);
    expect(await findings('R6')).toMatch(/binary_classification_metrics\.auc\.value = 0\.9061/);
  });

  test('a definition in the SageMaker Python SDK\'s shape (other step names, RegisterModel after a repack Training step, approval status as a parameter, Std:Join paths, a Fail step)', async () => {
    givenDefinition(sdkShaped());
    for (const id of ids) expect([id, await status(id)]).toEqual([id, 'pass']);
    expect(await findings('R1')).toMatch(/PreprocessChurnData -> TrainChurnModel -> EvaluateChurnModel \(property file ChurnEvaluationReport\)/);
    expect(await findings('R4')).toMatch(/RegisterChurnModel-RegisterModel registers Steps\.RegisterChurnModel-RepackModel-0's model/);
  });

  test('the comparison mirrored: LessThanOrEqualTo(threshold, metric)', async () => {
    givenDefinition(edited(handWritten(), (d) => {
      const c = gateOf(d).Arguments.Conditions[0];
      gateOf(d).Arguments.Conditions[0] = { Type: 'LessThanOrEqualTo', LeftValue: c.RightValue, RightValue: c.LeftValue };
    }));
    expect(await status('R3')).toBe('pass');
    expect(await status('R2')).toBe('pass');
  });

  test('the comparison negated: Not(LessThan(metric, threshold)), and a strict GreaterThan', async () => {
    givenDefinition(edited(handWritten(), (d) => {
      const c = gateOf(d).Arguments.Conditions[0];
      gateOf(d).Arguments.Conditions[0] = { Type: 'Not', Expression: { ...c, Type: 'LessThan' } };
    }));
    expect(await status('R3')).toBe('pass');
    givenDefinition(edited(handWritten(), (d) => (gateOf(d).Arguments.Conditions[0].Type = 'GreaterThan')));
    expect(await findings('R3')).toMatch(/> Parameters\.AucThreshold/);
  });

  test('the group named by its ARN, a second condition (AND), a stricter threshold default, and a training step that depends on preprocessing instead of reading its output', async () => {
    givenDefinition(edited(handWritten(), (d) => {
      stepNamed(d, 'Register').Arguments.ModelPackageGroupName = 'arn:aws:sagemaker:us-east-1:111122223333:model-package-group/churn-models';
      gateOf(d).Arguments.Conditions.push({ Type: 'GreaterThanOrEqualTo', LeftValue: { 'Std:JsonGet': { PropertyFile: { Get: 'Steps.Evaluate.PropertyFiles.EvaluationReport' }, Path: 'rows' } }, RightValue: 1000 });
      d.Parameters.find((p: Definition) => p.Name === 'AucThreshold').DefaultValue = 0.95;
      const train = stepNamed(d, 'Train');
      train.DependsOn = ['Preprocess'];
      for (const c of train.Arguments.InputDataConfig) c.DataSource.S3DataSource.S3Uri = `s3://${BUCKET}/churn-pipeline/runs/latest/${c.ChannelName}/`;
    }));
    for (const id of ['R1', 'R2', 'R3', 'R4']) expect([id, await status(id)]).toEqual([id, 'pass']);
  });

  test('further comparisons (an Integer minimum row count, a Float maximum log loss) are the learner\'s own: every requirement still passes', async () => {
    const report = (path: string) => ({ 'Std:JsonGet': { PropertyFile: { Get: 'Steps.Evaluate.PropertyFiles.EvaluationReport' }, Path: path } });
    givenDefinition(edited(handWritten(), (d) => {
      d.Parameters.push({ Name: 'MinTestRows', Type: 'Integer', DefaultValue: 1000 }, { Name: 'MaxLogLoss', Type: 'Float', DefaultValue: 0.3 });
      gateOf(d).Arguments.Conditions.push(
        { Type: 'GreaterThanOrEqualTo', LeftValue: report('rows'), RightValue: { Get: 'Parameters.MinTestRows' } },
        { Type: 'LessThanOrEqualTo', LeftValue: report('logloss'), RightValue: { Get: 'Parameters.MaxLogLoss' } },
      );
    }));
    sagemaker.on(ListPipelineParametersForExecutionCommand, { PipelineExecutionArn: EXECUTION_ARN }).resolves({ PipelineParameters: [{ Name: 'AucThreshold', Value: '0.9' }, { Name: 'MinTestRows', Value: '500' }, { Name: 'MaxLogLoss', Value: '0.25' }] });
    s3.on(GetObjectCommand, { Bucket: BUCKET, Key: REPORT_KEY }).resolves(body(JSON.stringify({ ...REPORT, rows: 1500, logloss: 0.21 })));
    for (const id of ids) expect([id, await status(id)]).toEqual([id, 'pass']);
    expect(await findings('R2')).toMatch(/the threshold is Parameters\.AucThreshold \(Float, default 0\.87\)/);
    expect(await findings('R6')).toMatch(/binary_classification_metrics\.auc\.value = 0\.9061\.$/);
  });

  test('a Parameter without Type is a String (the schema\'s StringParameter)', async () => {
    givenDefinition(edited(handWritten(), (d) => delete d.Parameters.find((p: Definition) => p.Name === 'ProcessingInstanceType').Type));
    expect(await status('R2')).toBe('pass');
  });
});

describe('R1 the preprocess -> train -> evaluate chain', () => {
  test('fails when there is no pipeline of the stated name, saying so', async () => {
    sagemaker.on(DescribePipelineCommand).rejects(awsError('ResourceNotFound', 'Pipeline does not exist'));
    expect(await status('R1')).toBe('fail');
    expect(await findings('R1')).toMatch(/No pipeline named churn-retrain exists in us-east-1/);
  });

  test('fails when training reads data the execution did not prepare, teaching reproducibility', async () => {
    givenDefinition(edited(handWritten(), (d) => {
      for (const c of stepNamed(d, 'Train').Arguments.InputDataConfig) c.DataSource.S3DataSource.S3Uri = `s3://${BUCKET}/churn/train/`;
    }));
    expect(await status('R1')).toBe('fail');
    expect(await findings('R1')).toMatch(/trains on data this execution did not prepare/);
  });

  test('fails without an evaluation step, and when the evaluation declares no property file', async () => {
    givenDefinition(edited(handWritten(), (d) => (d.Steps = d.Steps.filter((s: Definition) => s.Name !== 'Evaluate'))));
    expect(await findings('R1')).toMatch(/nothing measures the new model on held-out data/);
    givenDefinition(edited(handWritten(), (d) => delete stepNamed(d, 'Evaluate').PropertyFiles));
    expect(await findings('R1')).toMatch(/declares no PropertyFiles/);
  });

  test('fails when the property file names an output the step does not have', async () => {
    givenDefinition(edited(handWritten(), (d) => (stepNamed(d, 'Evaluate').PropertyFiles[0].OutputName = 'metrics')));
    expect(await status('R1')).toBe('fail');
    expect(await findings('R1')).toMatch(/names the output 'metrics', but the step's outputs are evaluation/);
  });

  test('an unparseable definition is an error, not a fail', async () => {
    givenDefinition('{"Version": "2020-12-01", "Steps": [');
    const result = await checkRequirement(lab, 'R1');
    expect(result.status).toBe('error');
    expect(result.findings.join(' ')).toMatch(/is not JSON/);
  });

  test('a definition without Steps is an error, not a fail', async () => {
    givenDefinition({ Version: '2020-12-01' });
    expect(await status('R1')).toBe('error');
  });

  test('an API error is an error', async () => {
    sagemaker.on(DescribePipelineCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: sagemaker:DescribePipeline', 403));
    expect(await status('R1')).toBe('error');
  });
});

describe('R2 parameters', () => {
  test('fails when the instance types are literals', async () => {
    givenDefinition(edited(handWritten(), (d) => {
      stepNamed(d, 'Preprocess').Arguments.ProcessingResources.ClusterConfig.InstanceType = 'ml.t3.medium';
      stepNamed(d, 'Evaluate').Arguments.ProcessingResources.ClusterConfig.InstanceType = 'ml.t3.medium';
      stepNamed(d, 'Train').Arguments.ResourceConfig.InstanceType = 'ml.m5.large';
    }));
    expect(await status('R2')).toBe('fail');
    expect(await findings('R2')).toMatch(/No step takes its instance type from a pipeline parameter/);
  });

  test('fails when an instance type parameter defaults to a type the guardrail refuses', async () => {
    givenDefinition(edited(handWritten(), (d) => (d.Parameters.find((p: Definition) => p.Name === 'TrainingInstanceType').DefaultValue = 'ml.m5.xlarge')));
    expect(await findings('R2')).toMatch(/defaults to "ml\.m5\.xlarge"; give it a default of ml\.m5\.large/);
  });

  test('fails when the threshold is a literal in the condition', async () => {
    givenDefinition(edited(handWritten(), (d) => (gateOf(d).Arguments.Conditions[0].RightValue = 0.87)));
    expect(await status('R2')).toBe('fail');
    expect(await findings('R2')).toMatch(/compares with the literal 0\.87: raising the bar then needs a new pipeline definition/);
  });

  test('fails when the threshold is an Integer or String parameter, or defaults below the bar', async () => {
    givenDefinition(edited(handWritten(), (d) => (d.Parameters.find((p: Definition) => p.Name === 'AucThreshold').Type = 'String')));
    expect(await findings('R2')).toMatch(/declare it as a Float parameter/);
    givenDefinition(edited(handWritten(), (d) => (d.Parameters.find((p: Definition) => p.Name === 'AucThreshold').DefaultValue = 0.5)));
    expect(await findings('R2')).toMatch(/defaults to 0\.5; the retention team accepts no model below a test AUC of/);
  });
});

describe('R3 the gate', () => {
  test('fails when the condition reads the training job\'s FinalMetricDataList, teaching why the evaluation report decides', async () => {
    givenDefinition(edited(handWritten(), (d) => (gateOf(d).Arguments.Conditions[0].LeftValue = { Get: "Steps.Train.FinalMetricDataList['validation:auc'].Value" })));
    expect(await status('R3')).toBe('fail');
    expect(await findings('R3')).toMatch(/the training job's own final metric.*validation channel.*test split is seen by no one but your evaluation step/);
  });

  test('fails when the comparison is inverted (copied from an MSE example)', async () => {
    givenDefinition(edited(handWritten(), (d) => (gateOf(d).Arguments.Conditions[0].Type = 'LessThanOrEqualTo')));
    expect(await status('R3')).toBe('fail');
    expect(await findings('R3')).toMatch(/for AUC higher is better, so this registers the weaker models/);
  });

  test('fails when registration is a top-level step or on the else branch', async () => {
    givenDefinition(edited(handWritten(), (d) => {
      const gate = gateOf(d);
      d.Steps.push(gate.Arguments.IfSteps[0]);
      gate.Arguments.IfSteps = [];
    }));
    expect(await findings('R3')).toMatch(/Register is a top-level step: it registers every model the pipeline trains/);
    givenDefinition(edited(handWritten(), (d) => {
      const gate = gateOf(d);
      [gate.Arguments.IfSteps, gate.Arguments.ElseSteps] = [gate.Arguments.ElseSteps, gate.Arguments.IfSteps];
    }));
    expect(await findings('R3')).toMatch(/in the ElseSteps of AucGate: it registers exactly the models that fail/);
  });

  test('fails when the JsonGet reads a property file of a step that never sees the model', async () => {
    givenDefinition(edited(handWritten(), (d) => {
      stepNamed(d, 'Preprocess').PropertyFiles = [{ PropertyFileName: 'Stats', OutputName: 'train', FilePath: 'stats.json' }];
      gateOf(d).Arguments.Conditions[0].LeftValue['Std:JsonGet'].PropertyFile = { Get: 'Steps.Preprocess.PropertyFiles.Stats' };
    }));
    expect(await findings('R3')).toMatch(/property file Stats of Preprocess, which does not read the trained model/);
  });

  test('fails when the condition is an Or', async () => {
    givenDefinition(edited(handWritten(), (d) => {
      const c = gateOf(d).Arguments.Conditions[0];
      gateOf(d).Arguments.Conditions[0] = { Type: 'Or', Conditions: [c, { Type: 'Equals', LeftValue: 1, RightValue: 1 }] };
    }));
    expect(await status('R3')).toBe('fail');
  });
});

describe('R4 registration', () => {
  test('fails when the pipeline registers Approved, teaching what the approval gates', async () => {
    givenDefinition(edited(handWritten(), (d) => (stepNamed(d, 'Register').Arguments.ModelApprovalStatus = 'Approved')));
    expect(await status('R4')).toBe('fail');
    expect(await findings('R4')).toMatch(/deployable at once, and a deployment rule on the registry would ship it with no one having looked/);
  });

  test('fails when a Model step (CreateModel) stands where registration should', async () => {
    givenDefinition(edited(handWritten(), (d) => {
      const register = stepNamed(d, 'Register');
      register.Type = 'Model';
      register.Arguments = { ExecutionRoleArn: 'arn:aws:iam::111122223333:role/x', PrimaryContainer: register.Arguments.InferenceSpecification.Containers[0] };
    }));
    expect(await findings('R4')).toMatch(/Type Model \(Register\), which creates a SageMaker model \(CreateModel\), not a version in the registry/);
  });

  test('fails on another group, on a missing approval status, without model metrics, and with a model not from this run', async () => {
    givenDefinition(edited(handWritten(), (d) => {
      const args = stepNamed(d, 'Register').Arguments;
      args.ModelPackageGroupName = 'churn';
      delete args.ModelApprovalStatus;
      delete args.ModelMetrics;
      args.InferenceSpecification.Containers[0].ModelDataUrl = `s3://${BUCKET}/churn/output/model.tar.gz`;
    }));
    const text = await findings('R4');
    expect(text).toMatch(/registers into "churn"/);
    expect(text).toMatch(/sets ModelApprovalStatus to null/);
    expect(text).toMatch(/records no ModelMetrics/);
    expect(text).toMatch(/would not be the model this execution trained/);
  });
});

describe('R5 a succeeded execution that registered', () => {
  test('fails when no execution Succeeded, with the newest one\'s reason', async () => {
    sagemaker.on(ListPipelineExecutionsCommand).resolves({ PipelineExecutionSummaries: [{ ...execution('Failed'), PipelineExecutionFailureReason: 'Step failure: One or multiple steps failed.' }] });
    expect(await status('R5')).toBe('fail');
    expect(await findings('R5')).toMatch(/is Failed\. Failure reason: Step failure/);
  });

  test('fails when the condition was False, saying the model missed the bar', async () => {
    sagemaker.on(ListPipelineExecutionStepsCommand).resolves({ PipelineExecutionSteps: executionSteps('False') });
    expect(await findings('R5')).toMatch(/condition step's outcome was False, so nothing was registered/);
  });

  test('fails when the execution lowered the threshold', async () => {
    sagemaker.on(ListPipelineParametersForExecutionCommand).resolves({ PipelineParameters: [{ Name: 'AucThreshold', Value: '0.5' }] });
    expect(await findings('R5')).toMatch(new RegExp(`AucThreshold = 0.5: the gate was lowered below ${MIN_TEST_AUC} for that run`));
  });

  test('judges the newest registering execution, skipping a newer one that registered nothing', async () => {
    const newer = execution('Succeeded', 'newer1', '2026-11-30T10:00:00Z');
    sagemaker.on(ListPipelineExecutionsCommand).resolves({ PipelineExecutionSummaries: [newer, execution()] });
    sagemaker.on(ListPipelineExecutionStepsCommand, { PipelineExecutionArn: newer.PipelineExecutionArn }).resolves({ PipelineExecutionSteps: executionSteps('False') });
    expect(await status('R5')).toBe('pass');
    expect(await findings('R5')).toMatch(new RegExp(`execution-${'k3x9q2w7v1zt'} Succeeded`));
    expect(sagemaker).toHaveReceivedCommandWith(ListPipelineExecutionsCommand, { PipelineName: PIPELINE_NAME, SortBy: 'CreationTime', SortOrder: 'Descending' });
  });

  test('fails when the pipeline never ran; an API error is an error', async () => {
    sagemaker.on(ListPipelineExecutionsCommand).resolves({ PipelineExecutionSummaries: [] });
    expect(await findings('R5')).toMatch(/has never been executed/);
    sagemaker.on(ListPipelineExecutionsCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    expect(await status('R5')).toBe('error');
  });
});

describe('R6 the registered version and its evidence', () => {
  test('fails without ModelQuality statistics', async () => {
    givenPackage({ ModelMetrics: {} });
    expect(await findings('R6')).toMatch(/records no ModelMetrics\.ModelQuality\.Statistics/);
  });

  test('fails when the report is gone, or reports an AUC below the bar', async () => {
    s3.on(GetObjectCommand).rejects(awsError('NoSuchKey', 'The specified key does not exist.', 404));
    expect(await findings('R6')).toMatch(/does not exist: the version's evidence is gone/);
    s3.on(GetObjectCommand).resolves(body(JSON.stringify({ binary_classification_metrics: { auc: { value: 0.71 } } })));
    expect(await findings('R6')).toMatch(new RegExp(`binary_classification_metrics.auc.value = 0.71, below ${MIN_TEST_AUC}`));
  });

  test('fails when the report is outside the lab bucket, or not JSON', async () => {
    givenPackage({ ModelMetrics: { ModelQuality: { Statistics: { ContentType: 'application/json', S3Uri: 's3://elsewhere/evaluation.json' } } } });
    expect(await findings('R6')).toMatch(/outside the lab bucket/);
    givenPackage();
    s3.on(GetObjectCommand).resolves(body('auc,0.9'));
    expect(await findings('R6')).toMatch(/is not a JSON document/);
  });

  test('a refused GetObject is an error, not a fail', async () => {
    s3.on(GetObjectCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    expect(await status('R6')).toBe('error');
  });

  test('a report whose layout the condition path does not match still passes (the path is the learner\'s)', async () => {
    s3.on(GetObjectCommand).resolves(body(JSON.stringify({ metrics: { auc: 0.93 } })));
    expect(await status('R6')).toBe('pass');
  });
});

describe('R7 approval', () => {
  test('fails while PendingManualApproval, teaching what approval gates', async () => {
    givenPackage({ ModelApprovalStatus: 'PendingManualApproval' });
    expect(await status('R7')).toBe('fail');
    expect(await findings('R7')).toMatch(/EventBridge event \(SageMaker Model Package State Change\)/);
  });

  test('fails when Rejected, and when the version was deleted', async () => {
    givenPackage({ ModelApprovalStatus: 'Rejected' });
    expect(await findings('R7')).toMatch(/is Rejected/);
    sagemaker.on(DescribeModelPackageCommand).rejects(awsError('ValidationException', 'Model Package does not exist'));
    expect(await findings('R7')).toMatch(/no longer exists/);
  });

  test('an API error is an error', async () => {
    sagemaker.on(DescribeModelPackageCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    expect(await status('R7')).toBe('error');
  });
});
