import { ApplicationAutoScalingClient, DeleteScalingPolicyCommand, DescribeScalingPoliciesCommand, type ScalingPolicy } from '@aws-sdk/client-application-auto-scaling';
import { mockClient } from 'aws-sdk-client-mock';
import { applicationAutoscalingScalingPolicy } from '../../../lib/teardown/kinds/application-autoscaling-scaling-policy';
import { stepOf } from '../../../lib/teardown/order';
import { awsError } from '../../support/check-harness';
import { advanceContext, arn, itDeletesAtOnce, listContext, OTHER_LAB_ID, resource } from './kit';

const scaling = mockClient(ApplicationAutoScalingClient);

const policy = (PolicyName: string, ResourceId: string): ScalingPolicy => ({
  PolicyARN: `arn:aws:autoscaling:us-east-1:111122223333:scalingPolicy:1a2b:resource/sagemaker/${ResourceId}:policyName/${PolicyName}`,
  PolicyName, ServiceNamespace: 'sagemaker', ResourceId, ScalableDimension: 'sagemaker:variant:DesiredInstanceCount', PolicyType: 'TargetTrackingScaling', CreationTime: new Date(),
});

beforeEach(() => {
  scaling.reset();
  scaling.on(DescribeScalingPoliciesCommand, { ServiceNamespace: 'sagemaker' }).resolves({
    ScalingPolicies: [
      policy('invocations', 'endpoint/churn-1/variant/AllTraffic'),
      policy('invocations', 'endpoint/churn-other/variant/AllTraffic'),
      policy('churn-invocations', 'endpoint/prod-1/variant/AllTraffic'),
      policy('invocations', 'endpoint/prod-churn-1/variant/AllTraffic'),
    ],
  });
  scaling.on(DeleteScalingPolicyCommand).resolves({});
});

test("list claims the policies on the lab's endpoints' variants, by the endpoint, never by the policy's name", async () => {
  const ctx = listContext({
    learnerResources: [{ kind: 'sagemaker:endpoint', name: 'churn-', match: 'prefix' }, { kind: 'application-autoscaling:scalable-target', name: 'churn-', match: 'prefix' }],
    tagged: { [OTHER_LAB_ID]: [arn('sagemaker', 'endpoint/churn-other')] },
  });
  const found = await applicationAutoscalingScalingPolicy.list(ctx);
  expect(found.map((r) => [r.name, r.ref.resourceId, r.status])).toEqual([['invocations', 'endpoint/churn-1/variant/AllTraffic', 'TargetTrackingScaling']]);
  expect(applicationAutoscalingScalingPolicy.label!(found[0]!)).toBe('scaling policy invocations of endpoint/churn-1/variant/AllTraffic');
});

test('a lab that does not declare the scaling of its endpoints: nothing listed, no call', async () => {
  expect(await applicationAutoscalingScalingPolicy.list(listContext({ learnerResources: [{ kind: 'sagemaker:endpoint', name: 'churn-', match: 'prefix' }] }))).toEqual([]);
  expect(scaling.calls()).toHaveLength(0);
});

const churnPolicy = resource('application-autoscaling:scaling-policy', 'invocations', { resourceId: 'endpoint/churn-1/variant/AllTraffic', scalableDimension: 'sagemaker:variant:DesiredInstanceCount' });

itDeletesAtOnce({
  kind: applicationAutoscalingScalingPolicy, resource: churnPolicy, mocks: [scaling], expected: ['DeleteScalingPolicy'],
  missing: () => scaling.on(DeleteScalingPolicyCommand).rejects(awsError('ObjectNotFoundException')),
});

test('delete names the policy, the namespace, the resource id and the dimension', async () => {
  await applicationAutoscalingScalingPolicy.advance(advanceContext(), churnPolicy);
  expect(scaling.commandCalls(DeleteScalingPolicyCommand).map((c) => c.args[0].input)).toEqual([
    { PolicyName: 'invocations', ServiceNamespace: 'sagemaker', ResourceId: 'endpoint/churn-1/variant/AllTraffic', ScalableDimension: 'sagemaker:variant:DesiredInstanceCount' },
  ]);
});

test('deleted before its scalable target, so before its endpoint', () => {
  expect(stepOf('application-autoscaling:scaling-policy')).toBeLessThan(stepOf('application-autoscaling:scalable-target'));
});
