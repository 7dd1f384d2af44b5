// Reference solution of the pipeline-registry lab: a pipeline definition written by hand as the JSON
// the service reads, the scripts its processing steps run (code/), and the calls that create, run and
// approve. Works against a real account (the lab stack deployed); never run by the tests, which
// judge `referenceDefinition` as DescribePipeline would return it. Kept out of the README on purpose.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  CreateModelPackageGroupCommand,
  CreatePipelineCommand,
  DescribePipelineExecutionCommand,
  ListPipelineExecutionStepsCommand,
  StartPipelineExecutionCommand,
  UpdateModelPackageCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { REFERENCE_HYPERPARAMETERS, xgboostImageUri } from '../xgboost-builtin/solution';
import type { Json } from './definition';
import {
  APPROVED_STATUS,
  CODE_PREFIX,
  lab,
  MIN_TEST_AUC,
  MODEL_PACKAGE_GROUP,
  OUTPUT_PREFIX,
  PIPELINE_NAME,
  PROCESSING_INSTANCE_TYPES,
  RAW_PREFIX,
  REGISTERED_STATUS,
  TRAINING_INSTANCE_TYPES,
} from './lab';

export interface PipelineOptions {
  readonly region: string;
  /** Stack output LabBucketName. */
  readonly bucket: string;
  /** Stack output ExecutionRoleArn: the role the pipeline passes to its jobs. */
  readonly roleArn: string;
}

const get = (path: string): Json => ({ Get: path });
const join3 = (...values: Json[]): Json => ({ 'Std:Join': { On: '/', Values: values } });
const output = (step: string, name: string): Json => get(`Steps.${step}.ProcessingOutputConfig.Outputs['${name}'].S3Output.S3Uri`);

/**
 * The definition, version 2020-12-01 of the pipeline definition schema. Every job input and output
 * is under the lab bucket; each execution writes under runs/<execution id>/ so reruns never
 * overwrite one another's evidence. The same XGBoost 1.7-1 image runs all three jobs: it carries
 * Python 3, numpy and xgboost, all the two scripts need.
 * https://aws-sagemaker-mlops.github.io/sagemaker-model-building-pipeline-definition-JSON-schema/
 */
export function referenceDefinition(options: PipelineOptions): Record<string, Json> {
  const image = xgboostImageUri(options.region);
  const s3 = (key: string) => `s3://${options.bucket}/${key}`;
  const run = (what: string) => join3(s3(OUTPUT_PREFIX.replace(/\/$/, '')), get('Execution.PipelineExecutionId'), what);
  const input = (name: string, uri: Json, localPath: string): Json => ({
    InputName: name,
    AppManaged: false,
    S3Input: { S3Uri: uri, LocalPath: localPath, S3DataType: 'S3Prefix', S3InputMode: 'File', S3DataDistributionType: 'FullyReplicated', S3CompressionType: 'None' },
  });
  const out = (name: string): Json => ({ OutputName: name, AppManaged: false, S3Output: { S3Uri: run(name), LocalPath: `/opt/ml/processing/${name}`, S3UploadMode: 'EndOfJob' } });
  const processing = (script: string) => ({
    ProcessingResources: { ClusterConfig: { InstanceType: get('Parameters.ProcessingInstanceType'), InstanceCount: 1, VolumeSizeInGB: 5 } },
    AppSpecification: { ImageUri: image, ContainerEntrypoint: ['python3', `/opt/ml/processing/code/${script}`] },
    RoleArn: options.roleArn,
    StoppingCondition: { MaxRuntimeInSeconds: 900 },
  });
  const channel = (name: string): Json => ({
    ChannelName: name,
    ContentType: 'text/csv',
    DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: output('Preprocess', name), S3DataDistributionType: 'FullyReplicated' } },
  });
  const register = {
    Name: 'Register',
    Type: 'RegisterModel',
    Arguments: {
      ModelPackageGroupName: MODEL_PACKAGE_GROUP,
      ModelPackageDescription: 'churn XGBoost, gated on test AUC',
      ModelApprovalStatus: REGISTERED_STATUS,
      InferenceSpecification: {
        Containers: [{ Image: image, ModelDataUrl: get('Steps.Train.ModelArtifacts.S3ModelArtifacts') }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv'],
        SupportedRealtimeInferenceInstanceTypes: [...TRAINING_INSTANCE_TYPES],
        SupportedTransformInstanceTypes: [...TRAINING_INSTANCE_TYPES],
      },
      ModelMetrics: { ModelQuality: { Statistics: { ContentType: 'application/json', S3Uri: { 'Std:Join': { On: '/', Values: [output('Evaluate', 'evaluation'), 'evaluation.json'] } } } } },
    },
  };
  return {
    Version: '2020-12-01',
    Metadata: {},
    Parameters: [
      { Name: 'ProcessingInstanceType', Type: 'String', DefaultValue: PROCESSING_INSTANCE_TYPES[0] },
      { Name: 'TrainingInstanceType', Type: 'String', DefaultValue: TRAINING_INSTANCE_TYPES[0] },
      { Name: 'AucThreshold', Type: 'Float', DefaultValue: MIN_TEST_AUC },
    ],
    PipelineExperimentConfig: { ExperimentName: get('Execution.PipelineName'), TrialName: get('Execution.PipelineExecutionId') },
    Steps: [
      {
        Name: 'Preprocess',
        Type: 'Processing',
        Arguments: {
          ...processing('preprocess.py'),
          ProcessingInputs: [input('raw', s3(RAW_PREFIX), '/opt/ml/processing/input'), input('code', s3(`${CODE_PREFIX}preprocess.py`), '/opt/ml/processing/code')],
          ProcessingOutputConfig: { Outputs: [out('train'), out('validation'), out('test')] },
        },
      },
      {
        Name: 'Train',
        Type: 'Training',
        Arguments: {
          AlgorithmSpecification: { TrainingImage: image, TrainingInputMode: 'File' },
          RoleArn: options.roleArn,
          HyperParameters: { ...REFERENCE_HYPERPARAMETERS },
          InputDataConfig: [channel('train'), channel('validation')],
          OutputDataConfig: { S3OutputPath: run('model') },
          ResourceConfig: { InstanceType: get('Parameters.TrainingInstanceType'), InstanceCount: 1, VolumeSizeInGB: 5 },
          EnableManagedSpotTraining: true,
          StoppingCondition: { MaxRuntimeInSeconds: 900, MaxWaitTimeInSeconds: 1800 },
        },
      },
      {
        Name: 'Evaluate',
        Type: 'Processing',
        Arguments: {
          ...processing('evaluate.py'),
          ProcessingInputs: [
            input('model', get('Steps.Train.ModelArtifacts.S3ModelArtifacts'), '/opt/ml/processing/model'),
            input('test', output('Preprocess', 'test'), '/opt/ml/processing/test'),
            input('code', s3(`${CODE_PREFIX}evaluate.py`), '/opt/ml/processing/code'),
          ],
          ProcessingOutputConfig: { Outputs: [out('evaluation')] },
        },
        PropertyFiles: [{ PropertyFileName: 'EvaluationReport', OutputName: 'evaluation', FilePath: 'evaluation.json' }],
      },
      {
        Name: 'AucGate',
        Type: 'Condition',
        Arguments: {
          Conditions: [
            {
              Type: 'GreaterThanOrEqualTo',
              LeftValue: { 'Std:JsonGet': { PropertyFile: get('Steps.Evaluate.PropertyFiles.EvaluationReport'), Path: 'binary_classification_metrics.auc.value' } },
              RightValue: get('Parameters.AucThreshold'),
            },
          ],
          IfSteps: [register],
          ElseSteps: [{ Name: 'BelowBar', Type: 'Fail', Arguments: { ErrorMessage: { 'Std:Join': { On: ' ', Values: ['test AUC below', get('Parameters.AucThreshold')] } } } }],
        },
      },
    ],
  };
}

/** The steps' scripts: beside this file in the source tree, or in the package's labs/ when run from dist/. */
const CODE_DIR = existsSync(join(__dirname, 'code')) ? join(__dirname, 'code') : resolve(__dirname, '..', '..', '..', 'labs', 'pipeline-registry', 'code');

/** The steps' scripts, uploaded where the definition's processing inputs read them. */
export async function uploadCode(s3: S3Client, bucket: string): Promise<string[]> {
  const keys: string[] = [];
  for (const script of ['preprocess.py', 'evaluate.py']) {
    const key = `${CODE_PREFIX}${script}`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: readFileSync(join(CODE_DIR, script)), ContentType: 'text/x-python' }));
    keys.push(key);
  }
  return keys;
}

const tags = [{ Key: 'mllab:lab', Value: lab.id }];

/** Creates the group and the pipeline (once), runs it, and returns the execution ARN. */
export async function createAndStart(sagemaker: SageMakerClient, options: PipelineOptions): Promise<string> {
  await sagemaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: MODEL_PACKAGE_GROUP, ModelPackageGroupDescription: 'churn models gated on test AUC', Tags: tags }));
  await sagemaker.send(
    new CreatePipelineCommand({
      PipelineName: PIPELINE_NAME,
      PipelineDefinition: JSON.stringify(referenceDefinition(options)),
      RoleArn: options.roleArn,
      ClientRequestToken: `create-${PIPELINE_NAME}-${Date.now()}`.padEnd(32, '0'),
      Tags: tags,
    }),
  );
  const started = await sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: PIPELINE_NAME, ClientRequestToken: `start-${PIPELINE_NAME}-${Date.now()}`.padEnd(32, '0') }));
  return started.PipelineExecutionArn!;
}

/**
 * Waits for the execution to end (bounded: an hour), then approves the version it registered. The
 * SDK has no waiter for pipeline executions, so this polls DescribePipelineExecution each minute.
 */
export async function waitAndApprove(sagemaker: SageMakerClient, executionArn: string, approver: string): Promise<string | undefined> {
  for (let minute = 0; minute < 60; minute++) {
    const { PipelineExecutionStatus: status } = await sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: executionArn }));
    if (status !== 'Executing' && status !== 'Stopping') break;
    await new Promise((resolve) => setTimeout(resolve, 60_000));
  }
  const steps = await sagemaker.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: executionArn }));
  const arn = steps.PipelineExecutionSteps?.find((s) => s.Metadata?.RegisterModel?.Arn)?.Metadata?.RegisterModel?.Arn;
  if (!arn) return undefined;
  await sagemaker.send(new UpdateModelPackageCommand({ ModelPackageArn: arn, ModelApprovalStatus: APPROVED_STATUS, ApprovalDescription: `reviewed evaluation report; approved by ${approver}` }));
  return arn;
}
