import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Aws, CfnElement, DefaultStackSynthesizer, RemovalPolicies, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { ENVIRONMENT_IDS, labStackName, type EnvironmentId, type LabArtefactRead, type LabDataset, type LabManifest, type PlantedTrainingJobsSpec } from '../model';
import { DataLakeEnvironment } from '../environments/datalake-environment';
import { AnalystRole } from '../environments/analyst-role';
import { IsolatedNetwork } from '../environments/isolated-network';
import { PlantedTrainingJobs } from '../environments/planted-training-jobs';
import { LabBucket } from '../environments/lab-bucket';
import { acknowledgeWildcardResources } from '../environments/nag';
import { packageRoot } from '../package-root';
import { StreamingEnvironment } from '../environments/streaming-environment';
import { acknowledgeBucketWildcards, DEFAULT_STUDIO_INSTANCE_TYPE, StudioEnvironment } from '../environments/studio-environment';
import { CheckerRole } from './checker-role';
import { allowedServices, LabGuardrails } from './guardrails';
import { LabBudget } from './lab-budget';
import { addLabOutputs } from './outputs';
import { applyLabTags, labTags } from './tagging';

/** What a deployer chooses (from CDK context), as opposed to what the lab declares. */
export interface LabStackOptions {
  /** @default 20 */
  readonly budgetLimitUsd?: number;
  /** @default - alerts go to the stack's SNS topic only */
  readonly alertEmail?: string;
  /** @default true */
  readonly budgetScopedToLabTag?: boolean;
  /**
   * Class mode: a read-only checker role (`mllab-checker-<lab>`) the instructor's account may assume
   * with this external id. Lab stacks only; an environment-only stack has no checks.
   * @default - no checker role
   */
  readonly checker?: { readonly instructorAccount: string; readonly externalId: string };
}

export interface LabStackProps extends StackProps, LabStackOptions {
  /** Kebab-case id; the stack is `MlLab-<labId>` and every resource is tagged with it. */
  readonly labId: string;
  readonly environments: readonly EnvironmentId[];
  /** @default - the guardrail's cheap default allowlist */
  readonly instanceTypes?: readonly string[];
  /** IAM service prefixes the lab needs beyond its environments' (LabManifest.services). @default - none */
  readonly services?: readonly string[];
  /** A data lake lab's analyst role (LabManifest.analystRole). @default false */
  readonly analystRole?: boolean;
  /** A break-it lab's planted failing training jobs (LabManifest.plantedTrainingJobs). @default - none */
  readonly plantedTrainingJobs?: PlantedTrainingJobsSpec;
  /** @default - no data uploaded besides the environments' own */
  readonly datasets?: readonly LabDataset[];
  /**
   * Keys of other labs' buckets the Studio execution role may read (s3:GetObject only).
   * @default - the execution role reads only this lab's bucket
   */
  readonly readsArtefactsOf?: readonly LabArtefactRead[];
  /**
   * Folder the datasets' `dir`s are relative to.
   * @default - `labs/<labId>` under the package root
   */
  readonly datasetRoot?: string;
}

/**
 * `MlLab-<lab-id>`: the environments a lab declares, plus the lab bucket, a learner role,
 * guardrails on every learner-facing role, a budget with a stop-spend action, tags, and the
 * outputs checkers and teardown read (STACK_OUTPUTS).
 */
export class LabStack extends Stack {
  /** The stack of a registered lab. */
  public static forLab(scope: Construct, lab: LabManifest, options: LabStackOptions = {}): LabStack {
    const stack = new LabStack(scope, labStackName(lab.id), {
      ...options,
      labId: lab.id,
      environments: lab.environments,
      instanceTypes: lab.instanceTypes,
      services: lab.services,
      ...(lab.analystRole ? { analystRole: true } : {}),
      ...(lab.plantedTrainingJobs ? { plantedTrainingJobs: lab.plantedTrainingJobs } : {}),
      datasets: lab.datasets,
      readsArtefactsOf: lab.readsArtefactsOf,
      description: `aws-ml-labs: ${lab.title}`,
    });
    if (options.checker) new CheckerRole(stack, 'CheckerRole', { lab, ...options.checker });
    return stack;
  }

  /** An environment on its own, `MlLab-env-<environment>`, deployable before any lab exists. */
  public static forEnvironment(scope: Construct, environment: EnvironmentId, options: LabStackOptions = {}): LabStack {
    const labId = `env-${environment}`;
    return new LabStack(scope, labStackName(labId), {
      ...options,
      labId,
      environments: [environment],
      description: `aws-ml-labs: the ${environment} environment on its own`,
    });
  }

  public readonly labId: string;
  public readonly labBucket: LabBucket;
  public readonly learnerRole: iam.Role;
  public readonly studio?: StudioEnvironment;
  public readonly streaming?: StreamingEnvironment;
  public readonly dataLake?: DataLakeEnvironment;
  public readonly isolatedNetwork?: IsolatedNetwork;
  public readonly analystRole?: AnalystRole;
  public readonly guardrails: LabGuardrails;
  public readonly budget: LabBudget;

  constructor(scope: Construct, id: string, props: LabStackProps) {
    // Stack-level tags propagate to what CloudFormation creates (the explicitStackTags flag
    // makes them explicit); the tag aspect below covers every taggable resource in the template.
    super(scope, id, {
      ...validated(props),
      stackName: props.stackName ?? labStackName(props.labId),
      tags: { ...labTags(props.labId), ...props.tags },
    });
    this.labId = props.labId;
    applyLabTags(this, props.labId);

    this.labBucket = LabBucket.of(this);
    const envs = new Set(props.environments);
    if (envs.has('studio')) this.studio = new StudioEnvironment(this, 'Studio', { bucket: this.labBucket.bucket });
    // Uncompressed, unlike the construct's default: compressing the delivery is part of what the
    // streaming-ingest lab asks of the learner (its R3), so the stack must not have done it already.
    if (envs.has('streaming')) this.streaming = new StreamingEnvironment(this, 'Streaming', { bucket: this.labBucket.bucket, compression: firehose.Compression.UNCOMPRESSED });
    if (envs.has('datalake')) this.dataLake = new DataLakeEnvironment(this, 'DataLake', { bucket: this.labBucket.bucket });
    if (envs.has('isolated-network')) this.isolatedNetwork = new IsolatedNetwork(this, 'IsolatedNetwork');
    if (props.analystRole) {
      if (!this.dataLake) throw new Error(`lab '${props.labId}' asks for an analyst role, which reads the data lake environment; declare 'datalake'`);
      this.analystRole = new AnalystRole(this, 'AnalystRole', { databaseName: this.dataLake.databaseName, workGroupName: this.dataLake.workGroup.name!, resultsBucket: this.labBucket.bucket });
    }

    (props.readsArtefactsOf ?? []).forEach((read) => this.grantArtefactRead(read));

    this.learnerRole = new iam.Role(this, 'LearnerRole', {
      assumedBy: new iam.AccountRootPrincipal(),
      description: `The role a learner assumes for lab ${props.labId}; bounded by the lab guardrail and budget action`,
      managedPolicies: learnerManagedPolicies(props.environments, props.instanceTypes ?? []).map((name) =>
        iam.ManagedPolicy.fromAwsManagedPolicyName(name),
      ),
    });
    this.labBucket.bucket.grantReadWrite(this.learnerRole);
    for (const name of learnerManagedPolicies(props.environments, props.instanceTypes ?? [])) {
      Validations.of(this.learnerRole).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
        reason: 'Learners practise the service through its whole API; the guardrail and budget action bound what it can cost.',
      });
    }
    acknowledgeBucketWildcards(this.learnerRole, this.labBucket.bucket);

    const learnerRoles: iam.IRole[] = [this.learnerRole, ...(this.studio ? [this.studio.executionRole] : []), ...(this.analystRole ? [this.analystRole.role] : [])];
    // An asynchronous endpoint's notifications are published as the execution role; AmazonSageMakerFullAccess
    // lets learners create topics named `*sagemaker*` only (its reference page), so the role may publish to those.
    // https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-check-predictions.html
    if (this.studio && (props.services ?? []).includes('sns')) {
      const topics = `arn:${Aws.PARTITION}:sns:${Aws.REGION}:${Aws.ACCOUNT_ID}:*sagemaker*`;
      this.studio.executionRole.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'PublishToSageMakerTopics', actions: ['sns:Publish'], resources: [topics] }));
      acknowledgeWildcardResources(this.studio.executionRole, ['arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:*sagemaker*'], 'Asynchronous inference notifications go to topics the learner names; the learner can create only topics named *sagemaker*.');
    }
    this.guardrails = new LabGuardrails(this, 'Guardrails', {
      instanceTypes: props.instanceTypes,
      allowedServices: allowedServices(props.environments, props.instanceTypes, props.services),
      roles: learnerRoles,
    });
    this.budget = new LabBudget(this, 'Budget', {
      labId: props.labId,
      budgetLimitUsd: props.budgetLimitUsd,
      alertEmail: props.alertEmail,
      scopeToLabTag: props.budgetScopedToLabTag,
      learnerRoles,
    });

    const root = props.datasetRoot ?? join(packageRoot(), 'labs', props.labId);
    (props.datasets ?? []).forEach((dataset, i) => this.addDataset(dataset, root, i));
    if (props.plantedTrainingJobs) {
      // Started once the data they read is uploaded.
      new PlantedTrainingJobs(this, 'PlantedTrainingJobs', { bucket: this.labBucket.bucket, ...props.plantedTrainingJobs, tags: labTags(props.labId), after: this.node.children.filter((c) => c.node.id.startsWith('Dataset')) });
    }

    // Nothing of a lab may outlive `cdk destroy`: this also covers what CDK helpers create with a
    // Retain policy of their own (for example the BucketDeployment function's log group).
    RemovalPolicies.of(this).destroy();

    // The composed constructs emit no outputs; the stack emits theirs under the contract's ids.
    addLabOutputs(this, {
      studio: this.studio,
      streaming: this.streaming,
      dataLake: this.dataLake,
      isolatedNetwork: this.isolatedNetwork,
      analystRole: this.analystRole,
      budget: this.budget,
      labBucket: this.labBucket.bucket,
      learnerRole: this.learnerRole,
    });
    this.acknowledgeFrameworkFindings();
  }

  /**
   * Lets the Studio execution role (the role SageMaker jobs, models and spaces run as) read the
   * objects under `read.keyPrefix` in another lab's bucket, and nothing else of it. That bucket's
   * name is chosen by CloudFormation at deploy time: for a resource without an explicit name it is
   * `<stack name>-<logical id>-<random suffix>`, lowercased for S3
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-name.html), and
   * the lab bucket has the same logical id in every lab stack (the same construct path), so the
   * other bucket's name is known up to its random suffix.
   */
  private grantArtefactRead(read: LabArtefactRead): void {
    const role = this.studio?.executionRole;
    if (!role) throw new Error(`lab '${this.labId}' reads artefacts of '${read.lab}', but only a Studio lab has an execution role to grant the read to`);
    if (read.lab === this.labId) throw new Error(`lab '${this.labId}' lists itself in readsArtefactsOf; its execution role already reads its own bucket`);
    if (!/^[a-z][a-z0-9-]*$/.test(read.lab)) throw new Error(`readsArtefactsOf: lab id must be kebab-case, got '${read.lab}'`);
    if (!read.keyPrefix.endsWith('/') || read.keyPrefix.startsWith('/') || read.keyPrefix.includes('*')) {
      throw new Error(`lab '${this.labId}': readsArtefactsOf keyPrefix must end with '/', not start with one and hold no '*', got '${read.keyPrefix}'`);
    }
    const bucketPattern = `${labBucketNamePrefix(this, read.lab)}*`;
    const resource = `arn:${Aws.PARTITION}:s3:::${bucketPattern}/${read.keyPrefix}*`;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: `ReadArtefactsOf${read.lab.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase())}`,
        actions: ['s3:GetObject'],
        resources: [resource],
        // Bucket names are global: the pattern must not match a same-named bucket of another account.
        conditions: { StringEquals: { 's3:ResourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    acknowledgeWildcardResources(
      role,
      [`arn:<AWS::Partition>:s3:::${bucketPattern}/${read.keyPrefix}*`],
      `The lab builds on lab ${read.lab}, whose bucket name CloudFormation generates, so the role reads only keys under ${read.keyPrefix} of buckets named like that lab's bucket in this account.`,
    );
  }

  private addDataset(dataset: LabDataset, root: string, index: number): void {
    const dir = join(root, dataset.dir);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new Error(`lab '${this.labId}': dataset folder '${dataset.dir}' not found at ${dir}`);
    }
    if (!dataset.keyPrefix.endsWith('/') || dataset.keyPrefix.startsWith('/')) {
      throw new Error(`lab '${this.labId}': dataset keyPrefix must end with '/' and not start with one, got '${dataset.keyPrefix}'`);
    }
    new s3deploy.BucketDeployment(this, `Dataset${index}`, {
      sources: [s3deploy.Source.asset(dir)],
      destinationBucket: this.labBucket.bucket,
      destinationKeyPrefix: dataset.keyPrefix,
      prune: false,
    });
  }

  /**
   * Findings on helper functions the CDK itself adds (bucket auto-delete, BucketDeployment,
   * Provider framework), whose code and policies the CDK owns.
   */
  private acknowledgeFrameworkFindings(): void {
    const reasons: Record<string, string> = {
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
        'The CDK helper functions only write their own logs with this policy.',
      'AwsSolutions-L1': 'The CDK picks the runtime of its own helper functions, and they run only during deploy and destroy.',
    };
    for (const [id, reason] of Object.entries(reasons)) Validations.of(this).acknowledge({ id, reason });
    // BucketDeployment's shared function reads the CDK asset bucket and writes the lab bucket.
    for (const child of this.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      acknowledgeBucketWildcards(child, this.labBucket.bucket);
      acknowledgeWildcardResources(
        child,
        [`arn:<AWS::Partition>:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-<AWS::Region>/*`],
        'The CDK BucketDeployment function copies the lab data out of the CDK asset bucket.',
      );
    }
  }
}

/**
 * A bucket name is at most 63 characters (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html)
 * and CloudFormation's random suffix takes 12 or 13 of them; when stack name and logical id are too
 * long, CloudFormation cuts them, and not only down to what fits: a 23-character stack name with a
 * 26-character logical id became `<stack>-serverlessdeploymentbuck-<13>`, 62 characters
 * (https://github.com/dancrumb/generator-serverless-policy/issues/1). Below that observed cut, with
 * a margin, the prefix is taken as whole; lab ids are short (xgboost-builtin gives 40).
 */
const MAX_GENERATED_BUCKET_PREFIX = 48;

/**
 * `mllab-<lab-id>-<lab bucket logical id>-` in lowercase: how the lab bucket of lab `labId`'s stack
 * is named when CloudFormation deploys it, up to its random suffix.
 */
export function labBucketNamePrefix(stack: LabStack, labId: string): string {
  const bucket = stack.labBucket.bucket.node.defaultChild as CfnElement;
  const prefix = `${labStackName(labId)}-${stack.getLogicalId(bucket)}-`.toLowerCase();
  if (prefix.length > MAX_GENERATED_BUCKET_PREFIX) {
    throw new Error(`the lab bucket of '${labId}' gets a truncated generated name (prefix '${prefix}' is over ${MAX_GENERATED_BUCKET_PREFIX} characters), so it cannot be matched by pattern`);
  }
  return prefix;
}

/** Refuses a lab the stack cannot be built for, before the stack (and its name) exist. */
function validated(props: LabStackProps): LabStackProps {
  if (!/^[a-z][a-z0-9-]*$/.test(props.labId)) throw new Error(`labId must be kebab-case, got '${props.labId}'`);
  if (props.environments.length === 0) throw new Error(`lab '${props.labId}' declares no environment`);
  for (const env of props.environments) {
    if (!ENVIRONMENT_IDS.includes(env)) throw new Error(`unknown environment '${env}'; known: ${ENVIRONMENT_IDS.join(', ')}`);
  }
  // The guardrail allows exactly the declared types: Studio must be able to start its own spaces.
  const declared = props.instanceTypes ?? [];
  if (props.environments.includes('studio') && declared.length > 0 && !declared.includes(DEFAULT_STUDIO_INSTANCE_TYPE)) {
    throw new Error(
      `lab '${props.labId}' uses Studio, whose spaces start on ${DEFAULT_STUDIO_INSTANCE_TYPE}, but its instanceTypes (${declared.join(', ')}) do not allow it`,
    );
  }
  return props;
}

/** AWS managed policies that let a learner use each environment's services. */
export function learnerManagedPolicies(environments: readonly EnvironmentId[], instanceTypes: readonly string[]): string[] {
  const names = new Set<string>();
  if (environments.includes('studio') || instanceTypes.length > 0) names.add('AmazonSageMakerFullAccess');
  if (environments.includes('streaming')) ['AmazonKinesisFullAccess', 'AmazonKinesisFirehoseFullAccess'].forEach((n) => names.add(n));
  if (environments.includes('datalake')) ['AWSGlueConsoleFullAccess', 'AmazonAthenaFullAccess'].forEach((n) => names.add(n));
  return [...names].sort();
}
