// What teardown takes for this lab, with the names the manifest declares: its two alarms (never a
// target tracking alarm, never another's), the scalable target of its endpoint's variant and the
// policy on it (never another endpoint's, even one whose name starts the same), before the endpoint.
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/endpoint-observability/lab';
import { KINDS } from '../../../lib/teardown/kinds';
import { stepOf, STACK_STEP } from '../../../lib/teardown/order';
import { listContext } from '../../teardown/kinds/kit';
import { referencePolicy, referenceTarget, RESOURCE_ID } from './fixtures';

const cloudwatch = mockClient(CloudWatchClient);
const scaling = mockClient(ApplicationAutoScalingClient);
const ctx = () => listContext({ learnerResources: lab.learnerResources });
const other = 'endpoint/churn-observed-shadow/variant/AllTraffic';

beforeEach(() => {
  cloudwatch.reset();
  scaling.reset();
  cloudwatch.on(DescribeAlarmsCommand).callsFake((i) => ({
    MetricAlarms: [
      { AlarmName: 'churn-observed-p90-model-latency', Period: 60 },
      { AlarmName: 'churn-observed-model-5xx', Period: 60 },
      { AlarmName: `churn-observed-TargetTracking-${RESOURCE_ID}-AlarmHigh-0a1b`, AlarmActions: [referencePolicy().PolicyARN!] },
      { AlarmName: 'prod-churn-observed-latency', Period: 60 },
    ].filter((a) => a.AlarmName.startsWith(i.AlarmNamePrefix ?? '')),
  }));
  scaling.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [referenceTarget(), referenceTarget({ ResourceId: other }), referenceTarget({ ResourceId: 'endpoint/prod/variant/AllTraffic' })] });
  scaling.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: [referencePolicy(), referencePolicy({}, { ResourceId: other })] });
});

test("teardown lists the lab's alarms, its variant's target and policy, and nothing else", async () => {
  const names = async (kind: keyof typeof KINDS) => (await KINDS[kind].list(ctx())).map((r) => r.name).sort();
  expect(await names('cloudwatch:alarm')).toEqual(['churn-observed-model-5xx', 'churn-observed-p90-model-latency']);
  expect(await names('application-autoscaling:scalable-target')).toEqual([RESOURCE_ID]);
  expect(await names('application-autoscaling:scaling-policy')).toEqual(['churn-observed-invocations-per-instance']);
});

test('the policy and the target go before the endpoint, the alarms before the stack whose topic they notify', () => {
  expect(stepOf('application-autoscaling:scaling-policy')).toBeLessThan(stepOf('application-autoscaling:scalable-target'));
  expect(stepOf('application-autoscaling:scalable-target')).toBeLessThan(stepOf('sagemaker:endpoint'));
  expect(stepOf('cloudwatch:alarm')).toBeLessThan(STACK_STEP);
});
