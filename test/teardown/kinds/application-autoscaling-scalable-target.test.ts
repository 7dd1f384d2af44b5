import { ApplicationAutoScalingClient, DeregisterScalableTargetCommand, DescribeScalableTargetsCommand, type ScalableTarget } from '@aws-sdk/client-application-auto-scaling';
import { mockClient } from 'aws-sdk-client-mock';
import type { LearnerResource } from '../../../lib/model';
import { applicationAutoscalingScalableTarget } from '../../../lib/teardown/kinds/application-autoscaling-scalable-target';
import { stepOf } from '../../../lib/teardown/order';
import { awsError } from '../../support/check-harness';
import { advanceContext, arn, itDeletesAtOnce, LAB_ID, listContext, OTHER_LAB_ID, resource } from './kit';

const scaling = mockClient(ApplicationAutoScalingClient);

const target = (ResourceId: string, ScalableDimension: ScalableTarget['ScalableDimension'] = 'sagemaker:variant:DesiredInstanceCount'): ScalableTarget => ({
  ServiceNamespace: 'sagemaker', ResourceId, ScalableDimension, MinCapacity: 1, MaxCapacity: 2, RoleARN: 'r', CreationTime: new Date(),
});

/** What the account registered: the lab's endpoint, another lab's look-alike, nobody's, and an inference component. */
const REGISTERED = [
  target('endpoint/churn-1/variant/AllTraffic'),
  target('endpoint/churn-1/variant/Canary'),
  target('endpoint/churn-other/variant/AllTraffic'),
  target('endpoint/prod-1/variant/AllTraffic'),
  target('endpoint/prod-churn-1/variant/AllTraffic'),
  target('inference-component/churn-ic', 'sagemaker:inference-component:DesiredCopyCount'),
];

const DECLARED: LearnerResource[] = [
  { kind: 'sagemaker:endpoint', name: 'churn-', match: 'prefix' },
  { kind: 'application-autoscaling:scalable-target', name: 'churn-', match: 'prefix' },
];

beforeEach(() => {
  scaling.reset();
  scaling.on(DescribeScalableTargetsCommand, { ServiceNamespace: 'sagemaker' }).resolves({ ScalableTargets: REGISTERED });
  scaling.on(DeregisterScalableTargetCommand).resolves({});
});

test("list claims the variants of the lab's endpoints only: not another lab's tagged look-alike, nobody's, nor an inference component", async () => {
  const ctx = listContext({ learnerResources: DECLARED, tagged: { [OTHER_LAB_ID]: [arn('sagemaker', 'endpoint/churn-other')] } });
  const found = await applicationAutoscalingScalableTarget.list(ctx);
  expect(found.map((r) => [r.name, r.ref.scalableDimension, r.why])).toEqual([
    ['endpoint/churn-1/variant/AllTraffic', 'sagemaker:variant:DesiredInstanceCount', "variant of endpoint churn-1 (name prefix 'churn-')"],
    ['endpoint/churn-1/variant/Canary', 'sagemaker:variant:DesiredInstanceCount', "variant of endpoint churn-1 (name prefix 'churn-')"],
  ]);
  expect(found[0]).toMatchObject({ costPerHourUsd: 0, costNote: "free; keeps 1..2 instance(s), billed on the endpoint's line" });
});

test('a lab that does not declare the scaling of its endpoints: nothing listed, no Application Auto Scaling call', async () => {
  expect(await applicationAutoscalingScalableTarget.list(listContext({ learnerResources: [DECLARED[0]!] }))).toEqual([]);
  expect(scaling.calls()).toHaveLength(0);
});

test('a scaling declaration alone claims nothing: the endpoint must be the lab\'s too (named, tagged or of its stack)', async () => {
  expect(await applicationAutoscalingScalableTarget.list(listContext({ learnerResources: [DECLARED[1]!] }))).toEqual([]);
  const tagged = listContext({ learnerResources: [{ kind: 'application-autoscaling:scalable-target', name: 'prod-1' }], tagged: { [LAB_ID]: [arn('sagemaker', 'endpoint/prod-1')] } });
  expect((await applicationAutoscalingScalableTarget.list(tagged)).map((r) => r.name)).toEqual(['endpoint/prod-1/variant/AllTraffic']);
});

itDeletesAtOnce({
  kind: applicationAutoscalingScalableTarget, resource: resource('application-autoscaling:scalable-target', 'endpoint/churn-1/variant/AllTraffic', { scalableDimension: 'sagemaker:variant:DesiredInstanceCount' }),
  mocks: [scaling], expected: ['DeregisterScalableTarget'],
  missing: () => scaling.on(DeregisterScalableTargetCommand).rejects(awsError('ObjectNotFoundException')),
});

test('deregister names the namespace, the resource id and the dimension it was listed with', async () => {
  await applicationAutoscalingScalableTarget.advance(advanceContext(), resource('application-autoscaling:scalable-target', 'endpoint/churn-1/variant/AllTraffic', { scalableDimension: 'sagemaker:variant:DesiredInstanceCount' }));
  expect(scaling.commandCalls(DeregisterScalableTargetCommand).map((c) => c.args[0].input)).toEqual([{ ServiceNamespace: 'sagemaker', ResourceId: 'endpoint/churn-1/variant/AllTraffic', ScalableDimension: 'sagemaker:variant:DesiredInstanceCount' }]);
});

test('deregistered after its policies and before its endpoint is deleted', () => {
  expect(stepOf('application-autoscaling:scalable-target')).toBeGreaterThan(stepOf('application-autoscaling:scaling-policy'));
  expect(stepOf('sagemaker:endpoint')).toBeGreaterThan(stepOf('application-autoscaling:scalable-target'));
});
