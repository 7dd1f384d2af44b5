import { join } from 'node:path';
import { CustomResource, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeWildcardResources, nagRef } from './nag';
import { stackSingleton } from './singleton';
import type { CleanupKind } from '../cleanup/handler';

/**
 * How long a clean-up may take. Deleting Studio apps takes minutes each and the home EFS's mount
 * targets take minutes more; two hours is the Provider framework's upper bound
 * (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.custom_resources.Provider.html).
 */
export const CLEANUP_TOTAL_TIMEOUT = Duration.hours(2);
export const CLEANUP_QUERY_INTERVAL = Duration.seconds(30);

// Deleted with the lab: stored logs bill per GB-month, and a retained group outlives every destroy.
const LOG_GROUP_PROPS: logs.LogGroupProps = { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY };

/**
 * The per-stack Provider behind every clean-up custom resource. onEvent only records the
 * resource; isComplete runs one non-blocking pass per call (lib/cleanup)
 * until the step reports complete, so a delete can wait as long as SageMaker takes.
 */
export class CleanupProvider extends Construct {
  public static of(scope: Construct): CleanupProvider {
    return stackSingleton(
      scope,
      'MlLabCleanupProvider',
      (c): c is CleanupProvider => c instanceof CleanupProvider,
      (stack, id) => new CleanupProvider(stack, id),
    );
  }

  public readonly onEventFunction: lambda.Function;
  public readonly isCompleteFunction: lambda.Function;
  public readonly provider: cr.Provider;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    // The compiled folder is the asset (its modules import only the SDK v3 the runtime ships).
    const code = lambda.Code.fromAsset(join(__dirname, '..', 'cleanup'), { exclude: ['*.d.ts', '*.map'] });
    const common = {
      code,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
    };
    this.onEventFunction = new lambda.Function(this, 'OnEvent', {
      ...common,
      handler: 'handler.onEvent',
      timeout: Duration.seconds(30),
      logGroup: new logs.LogGroup(this, 'OnEventLogs', LOG_GROUP_PROPS),
    });
    this.isCompleteFunction = new lambda.Function(this, 'IsComplete', {
      ...common,
      handler: 'handler.isComplete',
      timeout: Duration.minutes(5),
      logGroup: new logs.LogGroup(this, 'IsCompleteLogs', LOG_GROUP_PROPS),
    });
    this.provider = new cr.Provider(this, 'Provider', {
      onEventHandler: this.onEventFunction,
      isCompleteHandler: this.isCompleteFunction,
      totalTimeout: CLEANUP_TOTAL_TIMEOUT,
      queryInterval: CLEANUP_QUERY_INTERVAL,
      logGroup: new logs.LogGroup(this, 'FrameworkLogs', LOG_GROUP_PROPS),
      disableWaiterStateMachineLogging: false,
      waiterStateMachineLogOptions: {
        destination: new logs.LogGroup(this, 'WaiterLogs', LOG_GROUP_PROPS),
        level: sfn.LogLevel.ALL,
      },
    });

    for (const fn of [this.onEventFunction, this.isCompleteFunction]) {
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The basic execution policy only lets the clean-up function write its own logs.',
      });
    }
    Validations.of(this.provider).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The Provider framework functions only write their own logs with this policy.',
    });
    // The framework invokes its functions by versioned ARN (`<arn>:*`) and owns those policies.
    const frameworkFunctions = ['framework-onEvent', 'framework-isComplete', 'framework-onTimeout'].map((id) => this.provider.node.findChild(id));
    const invoked = [this.onEventFunction, this.isCompleteFunction, ...frameworkFunctions];
    acknowledgeWildcardResources(
      this.provider,
      invoked.map((fn) => `${nagRef(fn, 'Arn')}:*`),
      'The CDK Provider framework may invoke any version of its own functions.',
    );
    acknowledgeWildcardResources(
      this.provider.node.findChild('waiter-state-machine'),
      ['*'],
      'Step Functions log delivery (logs:CreateLogDelivery and related calls) accepts no resource-level permissions.',
    );
    Validations.of(this.provider).acknowledge({
      id: 'AwsSolutions-SF2',
      reason: 'X-Ray tracing of the clean-up waiter would bill for traces nobody reads; its execution log is kept.',
    });
  }

  /**
   * A clean-up custom resource of this kind; deleting it runs the clean-up to completion. The
   * permissions it needs go into their own policy, which the resource depends on: the policy
   * then outlives the clean-up on delete, and the Provider's functions never depend on the
   * resources being cleaned up (which would be a dependency cycle).
   */
  public cleanup(
    scope: Construct,
    id: string,
    kind: CleanupKind,
    properties: Record<string, string>,
    statements: iam.PolicyStatement[],
  ): CustomResource {
    const policy = new iam.Policy(scope, `${id}Policy`, { statements, roles: [this.isCompleteFunction.role!] });
    const resource = new CustomResource(scope, id, {
      serviceToken: this.provider.serviceToken,
      resourceType: 'Custom::MlLabCleanup',
      properties: { Kind: kind, ...properties },
    });
    resource.node.addDependency(policy);
    return resource;
  }
}
