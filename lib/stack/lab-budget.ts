import { ArnFormat, Stack, Token, Validations } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { MAX_BUDGET_USD, MIN_BUDGET_USD, TAG_LAB } from '../model';
import { CleanupProvider } from '../environments/cleanup-provider';
import { INSTANCE_TYPE_ACTIONS } from './guardrails';

export const DEFAULT_BUDGET_USD = 20;

/** Percent-of-limit thresholds: actual spend, then the month's forecast at the limit. */
export const ACTUAL_THRESHOLDS = [50, 80, 100] as const;
export const FORECASTED_THRESHOLDS = [100] as const;

/**
 * SageMaker actions that start or grow spend but carry no `sagemaker:InstanceTypes` key, so the
 * instance-type list below does not reach them: endpoints and their capacity, notebook starts,
 * HyperPod nodes, jobs SageMaker sizes itself (AutoML, recommendations, optimisation, compilation,
 * labeling, model customisation), pipeline runs, MLflow servers and reserved capacity. Each name
 * is one the reference lists (test/stack/lab-budget.test.ts holds them to the data).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html
 */
const SAGEMAKER_SPEND_WITHOUT_INSTANCE_TYPES = [
  'sagemaker:CreateEndpoint',
  'sagemaker:UpdateEndpoint',
  'sagemaker:UpdateEndpointWeightsAndCapacities',
  'sagemaker:CreateInferenceComponent',
  'sagemaker:UpdateInferenceComponent',
  'sagemaker:CreateInferenceExperiment',
  'sagemaker:StartInferenceExperiment',
  'sagemaker:StartNotebookInstance',
  // A stopped monitoring schedule's executions start processing jobs again (model-monitor-drift).
  'sagemaker:StartMonitoringSchedule',
  // A pipeline execution starts the processing and training jobs its definition names (pipeline-registry).
  'sagemaker:StartPipelineExecution',
  'sagemaker:RetryPipelineExecution',
  'sagemaker:BatchAddClusterNodes',
  'sagemaker:CreateAutoMLJob',
  'sagemaker:CreateAutoMLJobV2',
  'sagemaker:CreateInferenceRecommendationsJob',
  'sagemaker:CreateOptimizationJob',
  'sagemaker:CreateCompilationJob',
  'sagemaker:CreateLabelingJob',
  'sagemaker:CreateJob',
  'sagemaker:DeployHubModel',
  'sagemaker:TrainHubModel',
  'sagemaker:StartPipelineExecution',
  'sagemaker:CreateMlflowTrackingServer',
  'sagemaker:StartMlflowTrackingServer',
  'sagemaker:CreateMlflowApp',
  'sagemaker:CreateReservedCapacity',
  'sagemaker:CreateTrainingPlan',
] as const;

/**
 * What the budget action denies at 100%: anything that starts new spend. Every SageMaker action
 * that takes an instance type (from the Service Authorization Reference data, so HyperPod's
 * CreateCluster and UpdateCluster are in), the SageMaker actions above, and the other services'
 * spend. Running resources keep running (stopping them is teardown's job); the learner just
 * cannot add to the bill.
 */
export const STOP_SPEND_ACTIONS: readonly string[] = [
  ...new Set([
    ...INSTANCE_TYPE_ACTIONS,
    ...SAGEMAKER_SPEND_WITHOUT_INSTANCE_TYPES,
    'kinesis:CreateStream',
    'kinesis:RegisterStreamConsumer',
    'kinesis:UpdateShardCount',
    'kinesis:IncreaseStreamRetentionPeriod',
    'firehose:CreateDeliveryStream',
    'glue:StartCrawler',
    'glue:StartJobRun',
    'athena:StartQueryExecution',
    // Glue Data Quality evaluations bill DPU-hours (data-bias-quality).
    'glue:StartDataQualityRulesetEvaluationRun',
    'glue:StartDataQualityRuleRecommendationRun',
    // Scaling an endpoint out adds instance-hours; a raised maximum or a new policy would let it
    // (endpoint-observability, safe-rollout, inference-choice). Service Authorization Reference:
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsapplicationautoscaling.html
    'application-autoscaling:RegisterScalableTarget',
    'application-autoscaling:PutScalingPolicy',
    // A customer-managed key bills a month, prorated hourly, until it is scheduled for deletion (secure-training).
    'kms:CreateKey',
  ]),
];

export interface LabBudgetProps {
  readonly labId: string;
  /**
   * Monthly limit in US dollars.
   * @default 20
   */
  readonly budgetLimitUsd?: number;
  /**
   * Also notify this address directly.
   * @default - notifications go to the stack's SNS topic only
   */
  readonly alertEmail?: string;
  /** The roles the budget action attaches the stop-spend policy to. */
  readonly learnerRoles: readonly iam.IRole[];
  /**
   * Count only costs tagged `mllab:lab=<lab id>` (needs the cost-allocation tag activated).
   * @default true
   */
  readonly scopeToLabTag?: boolean;
}

/**
 * A monthly cost budget for the lab with alerts at 50/80/100% actual and 100% forecasted, and a
 * budget action that at 100% automatically attaches a deny policy to the learner-facing roles.
 * Budgets data lags by hours, so this is a backstop behind the guardrails, not a hard wall.
 * It emits no stack outputs: the stack that composes it does (lib/stack/outputs.ts).
 */
export class LabBudget extends Construct {
  public readonly budget: budgets.CfnBudget;
  public readonly action: budgets.CfnBudgetsAction;
  public readonly topic: sns.Topic;
  public readonly stopSpendPolicy: iam.ManagedPolicy;
  public readonly actionRole: iam.Role;
  public readonly budgetName: string;

  constructor(scope: Construct, id: string, props: LabBudgetProps) {
    super(scope, id);
    const limit = props.budgetLimitUsd ?? DEFAULT_BUDGET_USD;
    if (!Token.isUnresolved(limit) && (!Number.isFinite(limit) || limit < MIN_BUDGET_USD || limit > MAX_BUDGET_USD)) {
      throw new Error(`budgetLimitUsd must be between ${MIN_BUDGET_USD} and ${MAX_BUDGET_USD}, got ${limit}`);
    }
    if (props.alertEmail !== undefined && !Token.isUnresolved(props.alertEmail) && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(props.alertEmail)) {
      throw new Error(`alertEmail must be an email address, got '${props.alertEmail}'`);
    }
    if (props.learnerRoles.length === 0) throw new Error('learnerRoles must name at least one role for the budget action');
    // Budget names may not contain ':' or '\' (https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html).
    this.budgetName = `MlLab-${props.labId}`;

    this.topic = new sns.Topic(this, 'AlertsTopic', { displayName: `aws-ml-labs budget alerts (${props.labId})`, enforceSSL: true });
    // The topic's own policy replaces SNS's default one, so only the services named here may publish,
    // each for this account only: AWS Budgets (its alerts and actions) and the learner's CloudWatch
    // alarms, which a policy naming Budgets alone refuses ("... is not authorized to perform:
    // SNS:Publish" in the alarm's history, and no alert is sent).
    // https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger
    // https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html
    const account = Stack.of(this).account;
    const alarms = Stack.of(this).formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const publishers: [string, string, Record<string, Record<string, string>>][] = [
      ['AllowBudgetsToPublish', 'budgets.amazonaws.com', {}],
      ['AllowCloudWatchAlarmsToPublish', 'cloudwatch.amazonaws.com', { ArnLike: { 'aws:SourceArn': alarms } }],
    ];
    for (const [sid, service, conditions] of publishers) {
      this.topic.addToResourcePolicy(
        new iam.PolicyStatement({
          sid,
          principals: [new iam.ServicePrincipal(service)],
          actions: ['sns:Publish'],
          resources: [this.topic.topicArn],
          conditions: { StringEquals: { 'aws:SourceAccount': account }, ...conditions },
        }),
      );
    }
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason: 'Budget alerts carry no sensitive data, and Budgets cannot publish to a topic encrypted with the AWS managed SNS key.',
    });

    const subscribers: budgets.CfnBudget.SubscriberProperty[] = [{ subscriptionType: 'SNS', address: this.topic.topicArn }];
    if (props.alertEmail) subscribers.push({ subscriptionType: 'EMAIL', address: props.alertEmail });
    const notification = (notificationType: 'ACTUAL' | 'FORECASTED', threshold: number) => ({
      notification: { notificationType, comparisonOperator: 'GREATER_THAN', threshold, thresholdType: 'PERCENTAGE' },
      subscribers,
    });

    this.budget = new budgets.CfnBudget(this, 'Resource', {
      budget: {
        budgetName: this.budgetName,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: limit, unit: 'USD' },
        // A user-defined cost-allocation tag is filtered as `user:<key>$<value>`
        // (https://docs.aws.amazon.com/cli/latest/reference/budgets/create-budget.html).
        ...((props.scopeToLabTag ?? true) ? { costFilters: { TagKeyValue: [`user:${TAG_LAB}$${props.labId}`] } } : {}),
      },
      notificationsWithSubscribers: [
        ...ACTUAL_THRESHOLDS.map((t) => notification('ACTUAL', t)),
        ...FORECASTED_THRESHOLDS.map((t) => notification('FORECASTED', t)),
      ],
    });

    this.stopSpendPolicy = new iam.ManagedPolicy(this, 'StopSpendPolicy', {
      description: `aws-ml-labs: attached by the budget action when ${props.labId} reaches its budget; denies new spend`,
      statements: [
        new iam.PolicyStatement({ sid: 'DenyNewSpend', effect: iam.Effect.DENY, actions: [...STOP_SPEND_ACTIONS], resources: ['*'] }),
      ],
    });

    this.actionRole = new iam.Role(this, 'ActionRole', {
      assumedBy: new iam.ServicePrincipal('budgets.amazonaws.com'),
      description: 'Lets AWS Budgets attach (and detach) the stop-spend policy to the lab roles',
      inlinePolicies: {
        AttachStopSpendPolicy: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
              resources: props.learnerRoles.map((r) => r.roleArn),
              conditions: { ArnEquals: { 'iam:PolicyARN': this.stopSpendPolicy.managedPolicyArn } },
            }),
          ],
        }),
      },
    });

    const actionSubscribers: budgets.CfnBudgetsAction.SubscriberProperty[] = [{ type: 'SNS', address: this.topic.topicArn }];
    if (props.alertEmail) actionSubscribers.push({ type: 'EMAIL', address: props.alertEmail });
    this.action = new budgets.CfnBudgetsAction(this, 'StopSpendAction', {
      budgetName: this.budgetName,
      actionType: 'APPLY_IAM_POLICY',
      approvalModel: 'AUTOMATIC',
      notificationType: 'ACTUAL',
      actionThreshold: { type: 'PERCENTAGE', value: 100 },
      definition: {
        iamActionDefinition: {
          policyArn: this.stopSpendPolicy.managedPolicyArn,
          roles: props.learnerRoles.map((r) => r.roleName),
        },
      },
      executionRoleArn: this.actionRole.roleArn,
      subscribers: actionSubscribers,
    });
    this.action.addResourceDependency(this.budget);

    // The action attaches the policy outside CloudFormation; detach it before the policy and
    // the roles are deleted (the action itself goes first, so it cannot attach it again).
    const detach = CleanupProvider.of(this).cleanup(this, 'StopSpendDetach', 'detach-policy', { PolicyArn: this.stopSpendPolicy.managedPolicyArn }, [
      new iam.PolicyStatement({ actions: ['iam:ListEntitiesForPolicy'], resources: [this.stopSpendPolicy.managedPolicyArn] }),
      new iam.PolicyStatement({
        actions: ['iam:DetachRolePolicy'],
        resources: props.learnerRoles.map((r) => r.roleArn),
        conditions: { ArnEquals: { 'iam:PolicyARN': this.stopSpendPolicy.managedPolicyArn } },
      }),
    ]);
    for (const role of props.learnerRoles) detach.node.addDependency(role);
    this.action.node.addDependency(detach);
  }
}
