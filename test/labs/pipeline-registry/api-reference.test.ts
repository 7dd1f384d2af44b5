// The checks give the expected verdicts on responses in the shapes the AWS API reference documents
// for the operations this lab reads (each page's Response Syntax; the SageMaker pages give no worked
// example), served from 127.0.0.1 and parsed by the SDK from the wire:
//   DescribePipeline                   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribePipeline.html
//   ListPipelineExecutions             https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListPipelineExecutions.html
//   ListPipelineExecutionSteps         https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListPipelineExecutionSteps.html
//   ListPipelineParametersForExecution https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListPipelineParametersForExecution.html
//   DescribeModelPackage               https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModelPackage.html
// CloudFormation (the lab bucket's name) is the runtime's read and stays an in-process mock, as does
// S3 GetObject of the evaluation report (its sample is a plain body; the double serves JSON protocols).
//   GetObject                          https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { lab, MODEL_PACKAGE_GROUP, PIPELINE_NAME } from '../../../labs/pipeline-registry/lab';
import { CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { findingsOf, runLabWith, statusesOf } from '../../support/replay';
import { useAwsReferenceDouble, type JsonAnswer } from '../xgboost-builtin/aws-reference';
import { ACCOUNT, BUCKET, describePipeline, EXECUTION_ARN, execution, executionSteps, handWritten, modelPackage, PACKAGE_ARN, REGION, REPORT, REPORT_KEY, ROLE_ARN, sdkShaped } from './fixtures';

const cfn = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);

const user = { UserProfileArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:user-profile/d-4hq8w2k9x3mz/learner`, UserProfileName: 'learner', DomainId: 'd-4hq8w2k9x3mz', IamIdentity: { Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/MlLab-pipeline-registry-ExecutionRole/SageMaker`, PrincipalId: 'AROAEXAMPLEID:SageMaker' } };

/**
 * DescribePipeline: every field of the Response Syntax a pipeline created from Studio carries.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribePipeline.html
 */
const pipeline = (definition: Record<string, unknown>) => ({
  ...describePipeline(definition),
  PipelineDescription: 'monthly churn retraining, gated on test AUC',
  CreatedBy: user,
  LastModifiedBy: user,
  ParallelismConfiguration: { MaxParallelExecutionSteps: 50 },
  PipelineVersionDisplayName: 'v1',
  PipelineVersionDescription: 'first version',
});

/**
 * ListPipelineExecutions: PipelineExecutionSummaries with every field the syntax lists, newest first.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListPipelineExecutions.html
 */
const executions = () => ({
  PipelineExecutionSummaries: [
    { ...execution('Failed', 'f1a2b3c4d5e6', '2026-11-30T10:30:00Z'), PipelineExecutionDescription: 'threshold 0.95', PipelineExecutionFailureReason: 'Step failure: One or multiple steps failed.' },
    { ...execution(), PipelineExecutionDescription: 'monthly retraining' },
  ],
});

/**
 * ListPipelineExecutionSteps: steps with their Metadata (RegisterModel.Arn, Condition.Outcome, job ARNs),
 * CacheHitResult and AttemptCount.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListPipelineExecutionSteps.html
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_PipelineExecutionStepMetadata.html
 */
const steps = () => ({
  PipelineExecutionSteps: executionSteps().map((s) => ({ ...s, StepDisplayName: s.StepName, StepDescription: '', CacheHitResult: { SourcePipelineExecutionArn: '' } })),
});

/**
 * ListPipelineParametersForExecution: Name/Value pairs, values always strings.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListPipelineParametersForExecution.html
 */
const parameters = () => ({
  PipelineParameters: [
    { Name: 'ProcessingInstanceType', Value: 'ml.t3.medium' },
    { Name: 'TrainingInstanceType', Value: 'ml.m5.large' },
    { Name: 'AucThreshold', Value: '0.9' },
  ],
});

let definition: Record<string, unknown>;
let approval: string;
let pipelineExists: boolean;

useAwsReferenceDouble({
  json: (target, request): JsonAnswer | undefined => {
    if (target === 'SageMaker.DescribePipeline') {
      return request.PipelineName === PIPELINE_NAME && pipelineExists ? { body: pipeline(definition) } : { error: 'ResourceNotFound', message: `Pipeline ${request.PipelineName} does not exist.` };
    }
    if (target === 'SageMaker.ListPipelineExecutions') return { body: executions() };
    if (target === 'SageMaker.ListPipelineExecutionSteps' && request.PipelineExecutionArn === EXECUTION_ARN) return { body: steps() };
    if (target === 'SageMaker.ListPipelineParametersForExecution' && request.PipelineExecutionArn === EXECUTION_ARN) return { body: parameters() };
    // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModelPackage.html (Response Syntax)
    if (target === 'SageMaker.DescribeModelPackage' && request.ModelPackageName === PACKAGE_ARN) {
      return {
        body: {
          ...modelPackage({ ModelApprovalStatus: approval as any }),
          CreatedBy: user,
          LastModifiedBy: user,
          ModelPackageStatusDetails: { ValidationStatuses: [], ImageScanStatuses: [] },
          SkipModelValidation: 'None',
          SourceUri: '',
        },
      };
    }
    return undefined;
  },
  head: () => undefined,
});

beforeEach(() => {
  cfn.reset();
  s3.reset();
  mockStackOutputs(cfn, lab.id, { LabBucketName: BUCKET, ExecutionRoleArn: ROLE_ARN });
  s3.on(GetObjectCommand, { Bucket: BUCKET, Key: REPORT_KEY }).resolves({ Body: { transformToString: async () => JSON.stringify(REPORT) } as any, ContentType: 'application/json' });
  definition = handWritten();
  approval = 'Approved';
  pipelineExists = true;
});

test('the documented responses for the reference pipeline pass every requirement', async () => {
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass', R7: 'pass' });
  expect(findingsOf(result, 'R5')).toMatch(new RegExp(`execution-k3x9q2w7v1zt Succeeded .* registered ${PACKAGE_ARN.replace(/[/]/g, '\\/')}`));
  expect(findingsOf(result, 'R7')).toMatch(/is Approved/);
});

test('the same responses around a Python-SDK-shaped definition pass too', async () => {
  definition = sdkShaped();
  expect(statusesOf(await runLabWith(lab))).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass', R7: 'pass' });
});

test('a version still PendingManualApproval fails R7 only; the group and ARN come from the wire', async () => {
  approval = 'PendingManualApproval';
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toMatchObject({ R6: 'pass', R7: 'fail' });
  expect(findingsOf(result, 'R6')).toMatch(new RegExp(`model-package/${MODEL_PACKAGE_GROUP}/3 \\(version 3\\)`));
});

test('DescribePipeline\'s ResourceNotFound from the wire fails R1 to R4 with what to create, and skips the rest', async () => {
  pipelineExists = false;
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toEqual({ R1: 'fail', R2: 'fail', R3: 'skipped', R4: 'skipped', R5: 'skipped', R6: 'skipped', R7: 'skipped' });
  expect(findingsOf(result, 'R1')).toMatch(/No pipeline named churn-retrain exists in us-east-1/);
});

test('GetObject refused (403) makes R6 an error, never a fail; the other requirements still decide', async () => {
  s3.reset();
  s3.on(GetObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toMatchObject({ R5: 'pass', R6: 'error', R7: 'pass' });
});
