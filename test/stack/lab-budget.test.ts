import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { LabBudget, STOP_SPEND_ACTIONS, type LabBudgetProps } from '../../lib/stack/lab-budget';
import { isSagemakerAction, sagemakerActionsSupporting } from '../../lib/stack/service-authorization';

function budgetStack(props: Partial<LabBudgetProps> = {}) {
  const stack = new Stack(new App(), 'BudgetTest');
  const role = new iam.Role(stack, 'Learner', { assumedBy: new iam.AccountRootPrincipal() });
  new LabBudget(stack, 'Budget', { labId: 'budget-lab', learnerRoles: [role], ...props });
  return stack;
}

describe('LabBudget', () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(budgetStack({ budgetLimitUsd: 35 }));
  });

  it('uses the given limit and notifies only the SNS topic when no email is given', () => {
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: Match.objectLike({ BudgetLimit: { Amount: 35, Unit: 'USD' } }),
      NotificationsWithSubscribers: Match.arrayWith([
        { Notification: Match.objectLike({ Threshold: 50 }), Subscribers: [{ SubscriptionType: 'SNS', Address: Match.anyValue() }] },
      ]),
    });
  });

  it('lets only AWS Budgets of this account publish to the alerts topic, over TLS', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'budgets.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
  });

  it('denies new training, processing, endpoints, apps, streams, crawler runs and queries once applied', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Sid: 'DenyNewSpend', Effect: 'Deny', Action: [...STOP_SPEND_ACTIONS], Resource: '*' }] },
      Roles: Match.absent(),
    });
    expect(STOP_SPEND_ACTIONS).toEqual(
      expect.arrayContaining(['sagemaker:CreateTrainingJob', 'sagemaker:CreateProcessingJob', 'sagemaker:CreateEndpoint', 'sagemaker:CreateApp', 'kinesis:CreateStream', 'glue:StartCrawler', 'athena:StartQueryExecution']),
    );
  });

  it('stops new HyperPod clusters and cluster changes (CreateCluster, UpdateCluster) once applied', () => {
    expect(STOP_SPEND_ACTIONS).toEqual(expect.arrayContaining(['sagemaker:CreateCluster', 'sagemaker:UpdateCluster']));
  });

  it('stops every action the reference data lists for sagemaker:InstanceTypes, and the old hand-kept list', () => {
    const missing = sagemakerActionsSupporting('sagemaker:InstanceTypes').filter((a) => !STOP_SPEND_ACTIONS.includes(a));
    expect(missing).toEqual([]);
    expect(STOP_SPEND_ACTIONS).toEqual(
      expect.arrayContaining([
        'sagemaker:CreateEndpoint', 'sagemaker:CreateEndpointConfig', 'sagemaker:UpdateEndpoint', 'sagemaker:CreateSpace', 'sagemaker:CreateNotebookInstance',
        'sagemaker:StartNotebookInstance', 'kinesis:RegisterStreamConsumer', 'kinesis:UpdateShardCount', 'kinesis:IncreaseStreamRetentionPeriod',
        'firehose:CreateDeliveryStream', 'glue:StartJobRun',
      ]),
    );
  });

  it('names only SageMaker actions the Service Authorization Reference data lists, each once', () => {
    const unknown = STOP_SPEND_ACTIONS.filter((a) => a.startsWith('sagemaker:') && !isSagemakerAction(a));
    expect(unknown).toEqual([]);
    expect(new Set(STOP_SPEND_ACTIONS).size).toBe(STOP_SPEND_ACTIONS.length);
  });

  it('keeps the stop-spend policy within the 6,144-character managed-policy quota', () => {
    // IAM does not count white space: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
    const policy = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))[0]!;
    expect(JSON.stringify(policy.Properties.PolicyDocument).replace(/\s/g, '').length).toBeLessThanOrEqual(6144);
  });

  it('creates the action after the budget it belongs to', () => {
    const action = Object.values(template.findResources('AWS::Budgets::BudgetsAction'))[0]!;
    const budgetId = Object.keys(template.findResources('AWS::Budgets::Budget'))[0]!;
    expect(action.DependsOn).toContain(budgetId);
  });

  it('detaches the stop-spend policy after the action is gone and before the policy and roles are deleted', () => {
    const detach = Object.entries(template.findResources('Custom::MlLabCleanup', { Properties: { Kind: 'detach-policy' } }));
    expect(detach).toHaveLength(1);
    const [detachId, resource] = detach[0]!;
    const policyId = Object.keys(template.findResources('AWS::IAM::ManagedPolicy'))[0]!;
    const roleId = Object.keys(template.findResources('AWS::IAM::Role', { Properties: { AssumeRolePolicyDocument: { Statement: [{ Principal: { AWS: Match.anyValue() } }] } } }))[0]!;
    expect(resource.Properties.PolicyArn).toEqual({ Ref: policyId });
    expect(resource.DependsOn).toContain(roleId);
    expect(Object.values(template.findResources('AWS::Budgets::BudgetsAction'))[0]!.DependsOn).toContain(detachId);
  });

  it('counts the whole account when the tag filter is turned off', () => {
    Template.fromStack(budgetStack({ scopeToLabTag: false })).hasResourceProperties('AWS::Budgets::Budget', {
      Budget: Match.objectLike({ CostFilters: Match.absent() }),
    });
  });

  it('accepts the bounds 1 and 1000', () => {
    expect(() => budgetStack({ budgetLimitUsd: 1 })).not.toThrow();
    expect(() => budgetStack({ budgetLimitUsd: 1000 })).not.toThrow();
  });

  it('fails when the limit is below 1 USD', () => {
    expect(() => budgetStack({ budgetLimitUsd: 0 })).toThrow('budgetLimitUsd must be between 1 and 1000, got 0');
  });

  it('fails when the limit is above 1000 USD', () => {
    expect(() => budgetStack({ budgetLimitUsd: 1001 })).toThrow('got 1001');
  });

  it('fails when the alert email is not an email address', () => {
    expect(() => budgetStack({ alertEmail: 'learner-at-example' })).toThrow("alertEmail must be an email address, got 'learner-at-example'");
  });

  it('fails when there is no role for the action to act on', () => {
    expect(() => budgetStack({ learnerRoles: [] })).toThrow('learnerRoles must name at least one role');
  });
});
