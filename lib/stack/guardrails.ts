import { Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { EnvironmentId } from '../model';
import { sagemakerActionsSupporting } from './service-authorization';

/**
 * Every SageMaker action that supports the `sagemaker:InstanceTypes` condition key, read from the
 * committed Service Authorization Reference data (lib/stack/service-authorization.ts) rather than
 * kept by hand: a hand-kept list had missed HyperPod's CreateCluster and UpdateCluster.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html
 */
export const INSTANCE_TYPE_ACTIONS: readonly string[] = sagemakerActionsSupporting('sagemaker:InstanceTypes');

/** Actions that support `sagemaker:ServerlessMemorySize` or `sagemaker:ServerlessMaxConcurrency` (same data). */
export const SERVERLESS_ACTIONS: readonly string[] = [
  ...new Set([...sagemakerActionsSupporting('sagemaker:ServerlessMemorySize'), ...sagemakerActionsSupporting('sagemaker:ServerlessMaxConcurrency')]),
].sort();

/** Cheap instance types allowed when a stack declares none (environment-only stacks). */
export const DEFAULT_INSTANCE_TYPES = ['ml.t3.medium', 'ml.m5.large'] as const;

/**
 * Serverless inference limits: memory 1024-6144 MB in 1024 MB steps, concurrency 1-200.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantServerlessConfig.html
 */
export const SERVERLESS_MEMORY_SIZES_MB = [1024, 2048, 3072, 4096, 5120, 6144] as const;
export const MAX_SERVERLESS_CONCURRENCY = 200;

/** Services each environment needs, by IAM service prefix; anything else is denied. */
const SERVICES_BY_ENVIRONMENT: Record<EnvironmentId, readonly string[]> = {
  studio: ['sagemaker', 'ecr', 'codewhisperer', 'q'],
  streaming: ['kinesis', 'firehose'],
  datalake: ['glue', 'athena', 'lakeformation'],
  // ec2 (security groups in the VPC) and kms (the learner's key) are base services already.
  'isolated-network': ['sagemaker', 'ecr'],
};
/** Every lab reads and writes its bucket, watches metrics and logs, and finds its own stack. */
const BASE_SERVICES = ['s3', 'sts', 'iam', 'kms', 'cloudwatch', 'logs', 'cloudformation', 'tag', 'ec2', 'servicequotas', 'pricing', 'budgets', 'ce'];

/** The IAM service prefixes a lab may use, from what it declares. */
export function allowedServices(environments: readonly EnvironmentId[], instanceTypes: readonly string[] = [], extra: readonly string[] = []): string[] {
  for (const s of extra) if (!/^[a-z0-9-]+$/.test(s)) throw new Error(`services: '${s}' is not an IAM service prefix`);
  const services = new Set([...BASE_SERVICES, ...extra]);
  for (const env of environments) SERVICES_BY_ENVIRONMENT[env].forEach((s) => services.add(s));
  // A lab that trains or hosts models without Studio still needs SageMaker and its images.
  if (instanceTypes.length > 0) ['sagemaker', 'ecr'].forEach((s) => services.add(s));
  return [...services].sort();
}

export interface LabGuardrailsProps {
  /**
   * SageMaker instance types the learner may use; `system` (Studio's own apps) is always allowed.
   * @default DEFAULT_INSTANCE_TYPES
   */
  readonly instanceTypes?: readonly string[];
  /** IAM service prefixes the lab uses; every other service is denied. */
  readonly allowedServices: readonly string[];
  /**
   * @default 2048 - enough for the small models of the labs
   */
  readonly maxServerlessMemorySizeMb?: number;
  /**
   * @default 2
   */
  readonly maxServerlessConcurrency?: number;
  /** Learner-facing roles the policy is attached to. */
  readonly roles: readonly iam.IRole[];
}

/**
 * A managed deny policy on the learner-facing roles: SageMaker instance types outside the lab's
 * allowlist, serverless endpoints above the lab's memory and concurrency, and services the lab
 * does not use. A deny wins over any allow, so the roles' broad service policies stay bounded.
 */
export class LabGuardrails extends Construct {
  public readonly policy: iam.ManagedPolicy;
  public readonly instanceTypes: readonly string[];

  constructor(scope: Construct, id: string, props: LabGuardrailsProps) {
    super(scope, id);
    const declared = props.instanceTypes && props.instanceTypes.length > 0 ? props.instanceTypes : DEFAULT_INSTANCE_TYPES;
    for (const type of declared) {
      if (!Token.isUnresolved(type) && !/^ml\.[a-z0-9-]+\.[a-z0-9]+$/.test(type)) {
        throw new Error(`instance type must look like 'ml.m5.large', got '${type}'`);
      }
    }
    this.instanceTypes = [...new Set([...declared, 'system'])];
    const memory = props.maxServerlessMemorySizeMb ?? 2048;
    if (!(SERVERLESS_MEMORY_SIZES_MB as readonly number[]).includes(memory)) {
      throw new Error(`maxServerlessMemorySizeMb must be one of ${SERVERLESS_MEMORY_SIZES_MB.join(', ')}, got ${memory}`);
    }
    const concurrency = props.maxServerlessConcurrency ?? 2;
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_SERVERLESS_CONCURRENCY) {
      throw new Error(`maxServerlessConcurrency must be a whole number between 1 and ${MAX_SERVERLESS_CONCURRENCY}, got ${concurrency}`);
    }
    if (props.allowedServices.length === 0) throw new Error('allowedServices must name at least one service');

    this.policy = new iam.ManagedPolicy(this, 'Resource', {
      description: 'aws-ml-labs guardrail: cheap SageMaker instance types, small serverless endpoints, only the lab services',
      roles: [...props.roles],
      statements: [
        new iam.PolicyStatement({
          sid: 'DenyInstanceTypesOutsideLabAllowlist',
          effect: iam.Effect.DENY,
          actions: [...INSTANCE_TYPE_ACTIONS],
          resources: ['*'],
          // ForAnyValue: one disallowed type in a multi-instance request is enough to deny it.
          conditions: { 'ForAnyValue:StringNotLike': { 'sagemaker:InstanceTypes': [...this.instanceTypes] } },
        }),
        new iam.PolicyStatement({
          sid: 'DenyLargeServerlessMemory',
          effect: iam.Effect.DENY,
          actions: [...SERVERLESS_ACTIONS],
          resources: ['*'],
          conditions: { NumericGreaterThan: { 'sagemaker:ServerlessMemorySize': memory } },
        }),
        new iam.PolicyStatement({
          sid: 'DenyHighServerlessConcurrency',
          effect: iam.Effect.DENY,
          actions: [...SERVERLESS_ACTIONS],
          resources: ['*'],
          conditions: { NumericGreaterThan: { 'sagemaker:ServerlessMaxConcurrency': concurrency } },
        }),
        new iam.PolicyStatement({
          sid: 'DenyServicesTheLabDoesNotUse',
          effect: iam.Effect.DENY,
          notActions: [...new Set(props.allowedServices)].sort().map((s) => `${s}:*`),
          resources: ['*'],
        }),
      ],
    });
  }
}
