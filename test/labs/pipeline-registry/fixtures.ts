// The pipeline-registry lab's fixtures: two definitions that must both pass (the reference solution's,
// written by hand, and one in the shape the SageMaker Python SDK emits), and the execution, steps,
// model package and report that a run of either leaves behind.
import type { DescribeModelPackageOutput, DescribePipelineResponse, PipelineExecutionStep, PipelineExecutionSummary } from '@aws-sdk/client-sagemaker';
import type { Json } from '../../../labs/pipeline-registry/definition';
import { MODEL_PACKAGE_GROUP, PIPELINE_NAME } from '../../../labs/pipeline-registry/lab';
import { referenceDefinition } from '../../../labs/pipeline-registry/solution';

export const REGION = 'us-east-1';
export const ACCOUNT = '111122223333';
export const BUCKET = 'mllab-pipeline-registry-labbucket-9z8y7x6w5v4u';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/MlLab-pipeline-registry-ExecutionRole`;
export const PIPELINE_ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:pipeline/${PIPELINE_NAME}`;
export const EXECUTION_ID = 'k3x9q2w7v1zt';
export const EXECUTION_ARN = `${PIPELINE_ARN}/execution/${EXECUTION_ID}`;
export const PACKAGE_ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package/${MODEL_PACKAGE_GROUP}/3`;
export const REPORT_KEY = `churn-pipeline/runs/${EXECUTION_ID}/evaluation/evaluation.json`;
export const REPORT = { binary_classification_metrics: { auc: { value: 0.9061, standard_deviation: 'NaN' } } };

type Definition = Record<string, any>;

/** The reference solution's definition, as DescribePipeline returns it. */
export function handWritten(): Definition {
  return referenceDefinition({ region: REGION, bucket: BUCKET, roleArn: ROLE_ARN });
}

const XGB = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';
const SKLEARN = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3';

/**
 * A definition in the shape `Pipeline.definition()` of the SageMaker Python SDK v2 emits for the
 * abalone-style example (sagemaker-python-sdk: src/sagemaker/workflow/steps.py, step_collections.py,
 * model_step.py, functions.py, properties.py): step names of the learner's choosing, a ModelStep
 * whose register() becomes `<name>-RegisterModel` after a repack step of Type Training, the approval
 * status as a String parameter, Std:Join for S3 paths, a Fail step on the else branch, and
 * ProcessingInputs/Outputs as the SDK serialises them.
 */
export function sdkShaped(): Definition {
  const code = (script: string) => `s3://sagemaker-${REGION}-${ACCOUNT}/${PIPELINE_NAME}/code/0f3a9c/${script}`;
  const processingInput = (name: string, source: Json, destination: string): Json => ({
    InputName: name,
    AppManaged: false,
    S3Input: { S3Uri: source, LocalPath: destination, S3DataType: 'S3Prefix', S3InputMode: 'File', S3DataDistributionType: 'FullyReplicated', S3CompressionType: 'None' },
  });
  const processingOutput = (name: string): Json => ({
    OutputName: name,
    AppManaged: false,
    S3Output: {
      S3Uri: { 'Std:Join': { On: '/', Values: [`s3://${BUCKET}/churn-pipeline/runs`, { Get: 'Execution.PipelineExecutionId' }, name] } },
      LocalPath: `/opt/ml/processing/${name}`,
      S3UploadMode: 'EndOfJob',
    },
  });
  const trainUri = (name: string) => ({ Get: `Steps.PreprocessChurnData.ProcessingOutputConfig.Outputs['${name}'].S3Output.S3Uri` });
  return {
    Version: '2020-12-01',
    Metadata: {},
    Parameters: [
      { Name: 'ProcessingInstanceType', Type: 'String', DefaultValue: 'ml.t3.medium' },
      { Name: 'TrainingInstanceType', Type: 'String', DefaultValue: 'ml.m5.large' },
      { Name: 'ModelApprovalStatus', Type: 'String', DefaultValue: 'PendingManualApproval' },
      { Name: 'InputData', Type: 'String', DefaultValue: `s3://${BUCKET}/churn-pipeline/raw` },
      { Name: 'AucThreshold', Type: 'Float', DefaultValue: 0.92 },
    ],
    PipelineExperimentConfig: { ExperimentName: { Get: 'Execution.PipelineName' }, TrialName: { Get: 'Execution.PipelineExecutionId' } },
    Steps: [
      {
        Name: 'PreprocessChurnData',
        Type: 'Processing',
        Arguments: {
          ProcessingResources: { ClusterConfig: { InstanceType: { Get: 'Parameters.ProcessingInstanceType' }, InstanceCount: 1, VolumeSizeInGB: 30 } },
          AppSpecification: { ImageUri: SKLEARN, ContainerEntrypoint: ['python3', '/opt/ml/processing/input/code/preprocess.py'] },
          RoleArn: ROLE_ARN,
          ProcessingInputs: [processingInput('input-1', { Get: 'Parameters.InputData' }, '/opt/ml/processing/input'), processingInput('code', code('preprocess.py'), '/opt/ml/processing/input/code')],
          ProcessingOutputConfig: { Outputs: [processingOutput('train'), processingOutput('validation'), processingOutput('test')] },
        },
      },
      {
        Name: 'TrainChurnModel',
        Type: 'Training',
        Arguments: {
          AlgorithmSpecification: { TrainingInputMode: 'File', TrainingImage: XGB },
          OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/churn-pipeline/runs/model` },
          StoppingCondition: { MaxRuntimeInSeconds: 900, MaxWaitTimeInSeconds: 1800 },
          ResourceConfig: { VolumeSizeInGB: 30, InstanceCount: 1, InstanceType: { Get: 'Parameters.TrainingInstanceType' } },
          RoleArn: ROLE_ARN,
          InputDataConfig: [
            { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: trainUri('train'), S3DataDistributionType: 'FullyReplicated' } }, ContentType: 'text/csv', ChannelName: 'train' },
            { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: trainUri('validation'), S3DataDistributionType: 'FullyReplicated' } }, ContentType: 'text/csv', ChannelName: 'validation' },
          ],
          HyperParameters: { objective: 'binary:logistic', eval_metric: 'auc', num_round: '200', max_depth: '4', eta: '0.1', subsample: '0.8' },
          EnableManagedSpotTraining: true,
          DebugHookConfig: { S3OutputPath: `s3://${BUCKET}/churn-pipeline/runs/model`, CollectionConfigurations: [] },
          ProfilerConfig: { S3OutputPath: `s3://${BUCKET}/churn-pipeline/runs/model`, DisableProfiler: false },
        },
      },
      {
        Name: 'EvaluateChurnModel',
        Type: 'Processing',
        Arguments: {
          ProcessingResources: { ClusterConfig: { InstanceType: 'ml.t3.medium', InstanceCount: 1, VolumeSizeInGB: 30 } },
          AppSpecification: { ImageUri: XGB, ContainerEntrypoint: ['python3', '/opt/ml/processing/input/code/evaluate.py'] },
          RoleArn: ROLE_ARN,
          ProcessingInputs: [
            processingInput('input-1', { Get: 'Steps.TrainChurnModel.ModelArtifacts.S3ModelArtifacts' }, '/opt/ml/processing/model'),
            processingInput('input-2', trainUri('test'), '/opt/ml/processing/test'),
            processingInput('code', code('evaluate.py'), '/opt/ml/processing/input/code'),
          ],
          ProcessingOutputConfig: { Outputs: [processingOutput('evaluation')] },
        },
        PropertyFiles: [{ PropertyFileName: 'ChurnEvaluationReport', OutputName: 'evaluation', FilePath: 'evaluation.json' }],
      },
      {
        Name: 'CheckAucChurnEvaluation',
        Type: 'Condition',
        Arguments: {
          Conditions: [
            {
              Type: 'GreaterThanOrEqualTo',
              LeftValue: { 'Std:JsonGet': { PropertyFile: { Get: 'Steps.EvaluateChurnModel.PropertyFiles.ChurnEvaluationReport' }, Path: 'binary_classification_metrics.auc.value' } },
              RightValue: { Get: 'Parameters.AucThreshold' },
            },
          ],
          IfSteps: [
            {
              Name: 'RegisterChurnModel-RepackModel-0',
              Type: 'Training',
              Arguments: {
                AlgorithmSpecification: { TrainingInputMode: 'File', TrainingImage: SKLEARN },
                OutputDataConfig: { S3OutputPath: `s3://sagemaker-${REGION}-${ACCOUNT}/${PIPELINE_NAME}/repack` },
                StoppingCondition: { MaxRuntimeInSeconds: 86400 },
                ResourceConfig: { VolumeSizeInGB: 30, InstanceCount: 1, InstanceType: 'ml.m5.large' },
                RoleArn: ROLE_ARN,
                InputDataConfig: [
                  { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: { Get: 'Steps.TrainChurnModel.ModelArtifacts.S3ModelArtifacts' }, S3DataDistributionType: 'FullyReplicated' } }, ChannelName: 'training' },
                ],
                HyperParameters: { inference_script: '"inference.py"', model_archive: '"model.tar.gz"', dependencies: 'null', source_dir: 'null' },
              },
              Description: 'Used to repack a model with customer scripts for a register/create model step',
            },
            {
              Name: 'RegisterChurnModel-RegisterModel',
              Type: 'RegisterModel',
              Arguments: {
                ModelPackageGroupName: MODEL_PACKAGE_GROUP,
                ModelMetrics: {
                  ModelQuality: {
                    Statistics: {
                      ContentType: 'application/json',
                      S3Uri: { 'Std:Join': { On: '/', Values: [{ Get: "Steps.EvaluateChurnModel.ProcessingOutputConfig.Outputs['evaluation'].S3Output.S3Uri" }, 'evaluation.json'] } },
                    },
                  },
                  Bias: {},
                  Explainability: {},
                },
                InferenceSpecification: {
                  Containers: [{ Image: XGB, Environment: { SAGEMAKER_PROGRAM: 'inference.py' }, ModelDataUrl: { Get: 'Steps.RegisterChurnModel-RepackModel-0.ModelArtifacts.S3ModelArtifacts' } }],
                  SupportedContentTypes: ['text/csv'],
                  SupportedResponseMIMETypes: ['text/csv'],
                  SupportedRealtimeInferenceInstanceTypes: ['ml.m5.large'],
                  SupportedTransformInstanceTypes: ['ml.m5.large'],
                },
                ModelApprovalStatus: { Get: 'Parameters.ModelApprovalStatus' },
                SkipModelValidation: 'None',
              },
            },
          ],
          ElseSteps: [{ Name: 'ChurnAucFail', Type: 'Fail', Arguments: { ErrorMessage: { 'Std:Join': { On: ' ', Values: ['Execution failed due to AUC <', { Get: 'Parameters.AucThreshold' }] } } } }],
        },
      },
    ],
  };
}

/** DescribePipeline's answer around a definition (API_DescribePipeline, Response Syntax). */
export function describePipeline(definition: Definition | string): DescribePipelineResponse {
  return {
    PipelineArn: PIPELINE_ARN,
    PipelineName: PIPELINE_NAME,
    PipelineDisplayName: PIPELINE_NAME,
    PipelineDefinition: typeof definition === 'string' ? definition : JSON.stringify(definition),
    RoleArn: ROLE_ARN,
    PipelineStatus: 'Active',
    CreationTime: new Date('2026-11-30T08:00:00Z'),
    LastModifiedTime: new Date('2026-11-30T08:00:00Z'),
    LastRunTime: new Date('2026-11-30T09:00:00Z'),
  };
}

export function execution(status: PipelineExecutionSummary['PipelineExecutionStatus'] = 'Succeeded', id = EXECUTION_ID, start = '2026-11-30T09:00:00Z'): PipelineExecutionSummary {
  return {
    PipelineExecutionArn: `${PIPELINE_ARN}/execution/${id}`,
    StartTime: new Date(start),
    PipelineExecutionStatus: status,
    PipelineExecutionDisplayName: `execution-${id}`,
  };
}

const at = (minutes: number) => new Date(Date.parse('2026-11-30T09:00:00Z') + minutes * 60_000);

/** ListPipelineExecutionSteps for a run of the reference definition, newest step first (as the API lists them). */
export function executionSteps(outcome: 'True' | 'False' = 'True'): PipelineExecutionStep[] {
  const job = (kind: 'processing-job' | 'training-job', step: string) => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${kind}/pipelines-${EXECUTION_ID}-${step.toLowerCase()}-a1b2c3d4e5`;
  const steps: PipelineExecutionStep[] = [
    { StepName: 'Preprocess', StepStatus: 'Succeeded', StartTime: at(0), EndTime: at(5), AttemptCount: 1, Metadata: { ProcessingJob: { Arn: job('processing-job', 'Preprocess') } } },
    { StepName: 'Train', StepStatus: 'Succeeded', StartTime: at(5), EndTime: at(11), AttemptCount: 1, Metadata: { TrainingJob: { Arn: job('training-job', 'Train') } } },
    { StepName: 'Evaluate', StepStatus: 'Succeeded', StartTime: at(11), EndTime: at(16), AttemptCount: 1, Metadata: { ProcessingJob: { Arn: job('processing-job', 'Evaluate') } } },
    { StepName: 'AucGate', StepStatus: 'Succeeded', StartTime: at(16), EndTime: at(16), AttemptCount: 1, Metadata: { Condition: { Outcome: outcome } } },
  ];
  if (outcome === 'True') steps.push({ StepName: 'Register', StepStatus: 'Succeeded', StartTime: at(16), EndTime: at(17), AttemptCount: 1, Metadata: { RegisterModel: { Arn: PACKAGE_ARN } } });
  return steps.reverse();
}

/** DescribeModelPackage of the version the run registered (API_DescribeModelPackage, Response Syntax). */
export function modelPackage(overrides: Partial<DescribeModelPackageOutput> = {}): DescribeModelPackageOutput {
  return {
    ModelPackageName: `${MODEL_PACKAGE_GROUP}/3`,
    ModelPackageGroupName: MODEL_PACKAGE_GROUP,
    ModelPackageVersion: 3,
    ModelPackageArn: PACKAGE_ARN,
    ModelPackageDescription: 'churn XGBoost, gated on test AUC',
    CreationTime: at(17),
    InferenceSpecification: {
      Containers: [{ Image: XGB, ModelDataUrl: `s3://${BUCKET}/churn-pipeline/runs/${EXECUTION_ID}/model/pipelines-${EXECUTION_ID}-train-a1b2c3d4e5/output/model.tar.gz` }],
      SupportedContentTypes: ['text/csv'],
      SupportedResponseMIMETypes: ['text/csv'],
    },
    ModelPackageStatus: 'Completed',
    ModelPackageStatusDetails: { ValidationStatuses: [], ImageScanStatuses: [] },
    CertifyForMarketplace: false,
    ModelApprovalStatus: 'Approved',
    ApprovalDescription: 'test AUC 0.906 on 1,500 held-out customers; reviewed',
    MetadataProperties: { GeneratedBy: EXECUTION_ARN },
    ModelMetrics: { ModelQuality: { Statistics: { ContentType: 'application/json', S3Uri: `s3://${BUCKET}/${REPORT_KEY}` } } },
    LastModifiedTime: at(30),
    ...overrides,
  };
}
