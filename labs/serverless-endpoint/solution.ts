// Reference solution of the serverless-endpoint lab: the model, endpoint configuration and
// endpoint that pass every requirement, and the traffic R4 looks for. Needs a Completed
// churn-xgb- training job from the xgboost-builtin lab. Kept out of the README on purpose.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  waitUntilEndpointInService,
  type CreateEndpointConfigCommandInput,
  type CreateModelCommandInput,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, type SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { xgboostImageUri } from '../xgboost-builtin/solution';
import { ENDPOINT_CONFIG_NAME, ENDPOINT_NAME, lab, MAX_CONCURRENCY, MIN_SUCCESSFUL_INVOCATIONS, MODEL_NAME } from './lab';

export const VARIANT_NAME = 'AllTraffic';
const TAGS = [{ Key: 'mllab:lab', Value: lab.id }];

export interface DeployOptions {
  readonly region: string;
  /** Output ExecutionRoleArn of this lab's stack: SageMaker reads the xgboost-builtin artefact with it (readsArtefactsOf). */
  readonly roleArn: string;
  /** `ModelArtifacts.S3ModelArtifacts` of the Completed churn-xgb- training job. */
  readonly modelDataUrl: string;
}

export function referenceModel(options: DeployOptions): CreateModelCommandInput {
  return {
    ModelName: MODEL_NAME,
    // Built-in XGBoost serves with the image it trained with.
    PrimaryContainer: { Image: xgboostImageUri(options.region), ModelDataUrl: options.modelDataUrl },
    ExecutionRoleArn: options.roleArn,
    Tags: TAGS,
  };
}

export function referenceEndpointConfig(): CreateEndpointConfigCommandInput {
  return {
    EndpointConfigName: ENDPOINT_CONFIG_NAME,
    ProductionVariants: [{ VariantName: VARIANT_NAME, ModelName: MODEL_NAME, ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: MAX_CONCURRENCY } }],
    Tags: TAGS,
  };
}

/** Creates the model, the configuration and the endpoint, and waits until it is InService. */
export async function deployReferenceEndpoint(sagemaker: SageMakerClient, options: DeployOptions): Promise<void> {
  await sagemaker.send(new CreateModelCommand(referenceModel(options)));
  await sagemaker.send(new CreateEndpointConfigCommand(referenceEndpointConfig()));
  await sagemaker.send(new CreateEndpointCommand({ EndpointName: ENDPOINT_NAME, EndpointConfigName: ENDPOINT_CONFIG_NAME, Tags: TAGS }));
  await waitUntilEndpointInService({ client: sagemaker, maxWaitTime: 900 }, { EndpointName: ENDPOINT_NAME });
}

/**
 * Inference rows: validation customers without their label (the first column), which is the
 * CSV built-in XGBoost expects at inference.
 */
export function inferenceRows(count: number): string[] {
  const file = join(__dirname, '..', 'xgboost-builtin', 'data', 'validation', 'churn-validation.csv');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(0, count)
    .map((line) => line.slice(line.indexOf(',') + 1));
}

/** Sends one customer per request, sequentially (well inside MaxConcurrency); returns the churn probabilities. */
export async function invokeReference(runtime: SageMakerRuntimeClient, count = MIN_SUCCESSFUL_INVOCATIONS * 2): Promise<number[]> {
  const probabilities: number[] = [];
  for (const row of inferenceRows(count)) {
    const out = await runtime.send(new InvokeEndpointCommand({ EndpointName: ENDPOINT_NAME, ContentType: 'text/csv', Accept: 'text/csv', Body: new TextEncoder().encode(row) }));
    probabilities.push(Number(new TextDecoder().decode(out.Body).trim()));
  }
  return probabilities;
}
