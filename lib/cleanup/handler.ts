// The Lambda entry points of the clean-up custom resources (CDK Provider framework: onEvent
// starts nothing, isComplete does one pass per invocation until the step reports complete).
import { EC2Client } from '@aws-sdk/client-ec2';
import { EFSClient } from '@aws-sdk/client-efs';
import { IAMClient } from '@aws-sdk/client-iam';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { advanceAppsCleanup } from './apps';
import { advancePolicyDetach } from './policy-detach';
import type { CleanupProgress } from './progress';
import { advanceStreamConsumerCleanup } from './stream-consumers';
import { advanceVpcCleanup } from './vpc';

/** What the custom resource's properties say to clean up. */
export type CleanupKind = 'studio-apps' | 'studio-vpc' | 'stream-consumers' | 'detach-policy';

export interface CleanupEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly PhysicalResourceId?: string;
  readonly LogicalResourceId: string;
  readonly ResourceProperties: {
    readonly Kind: CleanupKind;
    readonly DomainId?: string;
    readonly VpcId?: string;
    readonly StreamArn?: string;
    readonly PolicyArn?: string;
  };
}

// One client per service per container, created on first use (the SDK's region comes from AWS_REGION).
let sagemaker: SageMakerClient | undefined;
let efs: EFSClient | undefined;
let ec2: EC2Client | undefined;
let kinesis: KinesisClient | undefined;
let iam: IAMClient | undefined;

export async function onEvent(event: CleanupEvent): Promise<{ PhysicalResourceId: string }> {
  // Keeping the physical id on update stops the framework from "replacing" the resource, which
  // would run a delete (a clean-up) against a live environment.
  return { PhysicalResourceId: event.PhysicalResourceId ?? `mllab-cleanup-${event.ResourceProperties.Kind}-${event.LogicalResourceId}` };
}

export async function isComplete(event: CleanupEvent): Promise<{ IsComplete: boolean }> {
  if (event.RequestType !== 'Delete') return { IsComplete: true };
  const progress = await advance(event.ResourceProperties);
  console.log(JSON.stringify({ kind: event.ResourceProperties.Kind, ...progress }));
  return { IsComplete: progress.complete };
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`clean-up custom resource: property ${name} is required`);
  return value;
}

async function advance(props: CleanupEvent['ResourceProperties']): Promise<CleanupProgress> {
  switch (props.Kind) {
    case 'studio-apps':
      sagemaker ??= new SageMakerClient({});
      return advanceAppsCleanup({ sagemaker }, { domainId: required(props.DomainId, 'DomainId') });
    case 'studio-vpc':
      sagemaker ??= new SageMakerClient({});
      efs ??= new EFSClient({});
      ec2 ??= new EC2Client({});
      return advanceVpcCleanup({ sagemaker, efs, ec2 }, { vpcId: required(props.VpcId, 'VpcId'), domainId: props.DomainId });
    case 'stream-consumers':
      kinesis ??= new KinesisClient({});
      return advanceStreamConsumerCleanup({ kinesis }, { streamArn: required(props.StreamArn, 'StreamArn') });
    case 'detach-policy':
      iam ??= new IAMClient({});
      return advancePolicyDetach({ iam }, { policyArn: required(props.PolicyArn, 'PolicyArn') });
    default:
      throw new Error(`clean-up custom resource: unknown Kind '${String((props as { Kind: unknown }).Kind)}'`);
  }
}
