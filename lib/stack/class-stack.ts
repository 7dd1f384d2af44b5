import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Aws, CfnElement, CfnOutput, Duration, RemovalPolicies, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { acknowledgeWildcardActions, acknowledgeWildcardResources, BUCKET_GRANT_ACTIONS, nagRef } from '../environments/nag';
import { CHECKER_ROLE_PREFIX, CLASS_STACK_NAME, TAG_MANAGED_BY, MANAGED_BY_VALUE } from '../model';
import { packageRoot } from '../package-root';

/** The stack's outputs, read by `mllab class run`. */
export const CLASS_OUTPUTS = { bucket: 'ClassBucketName', stateMachine: 'ClassStateMachineArn', secret: 'ExternalIdSecretArn' } as const;

/**
 * Distributed Map: up to 10,000 child workflow executions run in parallel, which is also the
 * default when MaxConcurrency is not set (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html).
 * The default here is Lambda's default account concurrency, 1,000 per Region
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html): more children than that
 * would only be throttled by Lambda.
 */
export const DEFAULT_MAX_CONCURRENCY = 1000;
export const MAX_MAP_CONCURRENCY = 10_000;
/** Learners whose check still fails after its retries may be this share of the class before the run is called failed. */
export const DEFAULT_TOLERATED_FAILURE_PERCENTAGE = 10;

/**
 * The child's Retry on throttling (ours, mllab.Throttled, and Lambda's own): exponential backoff
 * from 1 s, doubling, 6 attempts, with full jitter so a thousand retries do not arrive together
 * (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html, JitterStrategy).
 */
export const CHILD_RETRY = { interval: Duration.seconds(1), backoffRate: 2, maxAttempts: 6, jitterStrategy: sfn.JitterType.FULL } as const;
export const RETRIED_ERRORS = ['mllab.Throttled', 'Lambda.TooManyRequestsException', 'Lambda.ServiceException', 'Lambda.SdkClientException', 'Lambda.AWSLambdaException'] as const;

export interface ClassStackProps extends StackProps {
  /** @default DEFAULT_MAX_CONCURRENCY */
  readonly maxConcurrency?: number;
  /** @default DEFAULT_TOLERATED_FAILURE_PERCENTAGE */
  readonly toleratedFailurePercentage?: number;
}

const LOGS: logs.LogGroupProps = { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY };

/** The functions' entry point, bundled by esbuild at synthesis: a checkout has it and its lock file, an installed package has neither. */
export function classHandlerSources(): { entry: string; lockFile: string } | undefined {
  const entry = join(packageRoot(), 'lib', 'class', 'handler.ts');
  const lockFile = join(packageRoot(), 'package-lock.json');
  return existsSync(entry) && existsSync(lockFile) ? { entry, lockFile } : undefined;
}

/**
 * `MlLab-class`, the instructor's stack: the roster goes to its bucket, a state machine's Distributed
 * Map reads it (ItemReader) and runs one child per learner (a Lambda function built from the same
 * class check as `mllab class check`), writes the children's results to the bucket (ResultWriter),
 * and a last step builds the scoreboard. The function may assume only the learners' checker roles.
 */
export class ClassStack extends Stack {
  public readonly bucket: s3.Bucket;
  public readonly stateMachine: sfn.StateMachine;
  public readonly checkFunction: nodejs.NodejsFunction;
  public readonly scoreboardFunction: nodejs.NodejsFunction;
  public readonly externalIdSecret: secretsmanager.Secret;

  constructor(scope: Construct, props: ClassStackProps = {}) {
    super(scope, CLASS_STACK_NAME, { description: 'aws-ml-labs: check a class of learners with Step Functions Distributed Map', ...props, stackName: CLASS_STACK_NAME, tags: { [TAG_MANAGED_BY]: MANAGED_BY_VALUE, ...props.tags } });
    const maxConcurrency = props.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1 || maxConcurrency > MAX_MAP_CONCURRENCY) {
      throw new Error(`maxConcurrency must be a whole number from 1 to ${MAX_MAP_CONCURRENCY}, got ${maxConcurrency}`);
    }
    const tolerated = props.toleratedFailurePercentage ?? DEFAULT_TOLERATED_FAILURE_PERCENTAGE;
    if (!(tolerated >= 0 && tolerated <= 100)) throw new Error(`toleratedFailurePercentage must be 0 to 100, got ${tolerated}`);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    Validations.of(this.bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'Rosters and scoreboards expire after 90 days; access logs would need a second bucket that outlives the class.' });

    // The value is set by `mllab class deploy` from MLLAB_EXTERNAL_ID; the template never holds it.
    this.externalIdSecret = new secretsmanager.Secret(this, 'ExternalId', {
      description: 'aws-ml-labs: the external id the learners\' checker roles require (set by mllab class deploy)',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.externalIdSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The external id is agreed with every learner stack of a class; it changes per class with `mllab class deploy`, not on a rotation schedule.',
    });

    const sources = classHandlerSources();
    if (!sources) throw new Error(`${CLASS_STACK_NAME} bundles its functions from the sources (lib/class/handler.ts with package-lock.json): deploy it from a clone of aws-ml-labs after npm ci`);
    const common: nodejs.NodejsFunctionProps = {
      entry: sources.entry,
      projectRoot: packageRoot(),
      depsLockFilePath: sources.lockFile,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      // Pinned SDK versions go into the bundle, as they are tested; nothing is left to the runtime's copy.
      bundling: { minify: true, sourceMap: false, target: 'node22', externalModules: [] },
      environment: { EXTERNAL_ID_SECRET_ARN: this.externalIdSecret.secretArn, CLASS_BUCKET: this.bucket.bucketName },
    };
    this.checkFunction = new nodejs.NodejsFunction(this, 'CheckLearner', {
      ...common,
      handler: 'checkLearnerHandler',
      description: 'aws-ml-labs: checks one learner\'s lab through their checker role',
      // Each requirement's check has 30 s by default; a lab's run is bounded at 2 minutes (lib/check/runner.ts).
      timeout: Duration.minutes(3),
      logGroup: new logs.LogGroup(this, 'CheckLearnerLogs', LOGS),
    });
    this.scoreboardFunction = new nodejs.NodejsFunction(this, 'BuildScoreboard', {
      ...common,
      handler: 'buildScoreboardHandler',
      description: 'aws-ml-labs: builds the class scoreboard from the Map run\'s results',
      timeout: Duration.minutes(5),
      logGroup: new logs.LogGroup(this, 'BuildScoreboardLogs', LOGS),
    });
    this.externalIdSecret.grantRead(this.checkFunction);
    const checkerRoles = `arn:${Aws.PARTITION}:iam::*:role/${CHECKER_ROLE_PREFIX}*`;
    this.checkFunction.addToRolePolicy(new iam.PolicyStatement({ sid: 'AssumeLearnersCheckerRoles', actions: ['sts:AssumeRole'], resources: [checkerRoles] }));
    this.bucket.grantRead(this.scoreboardFunction, 'results/*');
    this.bucket.grantPut(this.scoreboardFunction, 'scoreboards/*');

    const checkOne = new tasks.LambdaInvoke(this, 'CheckOneLearner', {
      lambdaFunction: this.checkFunction,
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
    }).addRetry({ errors: [...RETRIED_ERRORS], ...CHILD_RETRY });
    const eachLearner = new sfn.DistributedMap(this, 'EachLearner', {
      itemReader: new sfn.S3CsvItemReader({ bucket: this.bucket, key: sfn.JsonPath.stringAt('$.rosterKey'), csvHeaders: sfn.CsvHeaders.useFirstRow() }),
      itemSelector: { 'lab.$': '$.lab', 'learner.$': '$$.Map.Item.Value' },
      maxConcurrency,
      toleratedFailurePercentage: tolerated,
      resultWriterV2: new sfn.ResultWriterV2({ bucket: this.bucket, prefix: 'results' }),
      resultPath: '$.mapRun',
    });
    eachLearner.itemProcessor(checkOne);
    const scoreboard = new tasks.LambdaInvoke(this, 'BuildTheScoreboard', {
      lambdaFunction: this.scoreboardFunction,
      payload: sfn.TaskInput.fromObject({
        'lab.$': '$.lab',
        'runId.$': '$.runId',
        'startedAt.$': '$$.Execution.StartTime',
        'resultWriterDetails.$': '$.mapRun.ResultWriterDetails',
      }),
      payloadResponseOnly: true,
    });
    this.stateMachine = new sfn.StateMachine(this, 'CheckClass', {
      definitionBody: sfn.DefinitionBody.fromChainable(eachLearner.next(scoreboard)),
      timeout: Duration.hours(2),
      tracingEnabled: true,
      logs: { destination: new logs.LogGroup(this, 'CheckClassLogs', LOGS), level: sfn.LogLevel.ALL, includeExecutionData: false },
    });

    RemovalPolicies.of(this).destroy();
    new CfnOutput(this, CLASS_OUTPUTS.bucket, { value: this.bucket.bucketName, description: 'Rosters, Map results and scoreboards' });
    new CfnOutput(this, CLASS_OUTPUTS.stateMachine, { value: this.stateMachine.stateMachineArn, description: 'Checks a class: start with mllab class run' });
    new CfnOutput(this, CLASS_OUTPUTS.secret, { value: this.externalIdSecret.secretArn, description: 'The class external id (value set by mllab class deploy)' });
    this.acknowledgeFindings();
  }

  private acknowledgeFindings(): void {
    for (const fn of [this.checkFunction, this.scoreboardFunction]) {
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The basic execution policy only lets the function write its own logs.',
      });
    }
    acknowledgeWildcardResources(
      this.checkFunction,
      [`arn:<AWS::Partition>:iam::*:role/${CHECKER_ROLE_PREFIX}*`],
      'The learners\' accounts are the class roster\'s, known only at run time; the function may assume only roles named like the checker roles the lab stacks create.',
    );
    acknowledgeWildcardResources(
      this.scoreboardFunction,
      [`${nagRef(this.bucket, 'Arn')}/results/*`, `${nagRef(this.bucket, 'Arn')}/scoreboards/*`],
      'Reads the Map run\'s results and writes scoreboards, each under its own prefix of the class bucket.',
    );
    acknowledgeWildcardActions(this.scoreboardFunction, BUCKET_GRANT_ACTIONS, 'The CDK\'s read grant on the results/ prefix of the class bucket.');
    // The state machine's own role, as the CDK grants a Distributed Map with an S3 ItemReader and ResultWriter.
    const machine = this.stateMachine.node.defaultChild as CfnElement;
    const name = JSON.stringify({ 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: this.getLogicalId(machine) }] }] });
    acknowledgeWildcardResources(
      this.stateMachine,
      [
        `arn:<AWS::Partition>:s3:::${nagRef(this.bucket, 'Ref').replace('.Ref>', '>')}/*`,
        `${nagRef(this.checkFunction, 'Arn')}:*`,
        `${nagRef(this.scoreboardFunction, 'Arn')}:*`,
        `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${name}:*`,
        `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${name}/*:*`,
      ],
      'The Distributed Map reads the roster and writes results in the class bucket, invokes its two functions (any version), and manages its own child executions.',
    );
    acknowledgeWildcardResources(this.stateMachine, ['*'], 'X-Ray tracing and CloudWatch Logs delivery accept no resource-level permissions.');
  }
}
