import { CloudWatchClient, DeleteAlarmsCommand, DescribeAlarmsCommand, type DescribeAlarmsInput, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { HOURS_PER_MONTH } from '../../../lib/cost/prices';
import { cloudwatchAlarm } from '../../../lib/teardown/kinds/cloudwatch-alarm';
import { stepOf, STACK_STEP } from '../../../lib/teardown/order';
import { advanceContext, arn, itDeletes, itListsOnlyWhatIsClaimed, LAB_ID, LISTED, listContext, resource, writes } from './kit';

const cloudwatch = mockClient(CloudWatchClient);

/** The account's alarms by name; composite alarms with the names their rule references. */
let metricAlarms: MetricAlarm[] = [];
let composites: { AlarmName: string; children: string[] }[] = [];

beforeEach(() => {
  cloudwatch.reset();
  metricAlarms = LISTED.map((AlarmName) => ({ AlarmName, StateValue: 'OK', Period: 60 }));
  composites = [];
  cloudwatch.on(DescribeAlarmsCommand).callsFake((i: DescribeAlarmsInput) => {
    if (i.ParentsOfAlarmName) return { CompositeAlarms: composites.filter((c) => c.children.includes(i.ParentsOfAlarmName!)).map((c) => ({ AlarmName: c.AlarmName })) };
    const match = (name: string) => (i.AlarmNames ? i.AlarmNames.includes(name) : name.startsWith(i.AlarmNamePrefix ?? ''));
    // Only the types asked for, as DescribeAlarms answers (metric alarms only when AlarmTypes is omitted).
    const types = i.AlarmTypes ?? ['MetricAlarm'];
    return {
      MetricAlarms: types.includes('MetricAlarm') ? metricAlarms.filter((a) => match(a.AlarmName!)) : [],
      CompositeAlarms: types.includes('CompositeAlarm') ? composites.filter((c) => match(c.AlarmName)).map((c) => ({ AlarmName: c.AlarmName, AlarmRule: c.children.map((n) => `ALARM("${n}")`).join(' OR ') })) : [],
    };
  });
  cloudwatch.on(DeleteAlarmsCommand).resolves({});
});

itListsOnlyWhatIsClaimed(cloudwatchAlarm);

const named = (name: string, match?: 'prefix') => listContext({ learnerResources: [{ kind: 'cloudwatch:alarm', name, ...(match ? { match } : {}) }] });

test('a lab that names no alarm and tags none: nothing listed, no CloudWatch call', async () => {
  expect(await cloudwatchAlarm.list(listContext({ learnerResources: [{ kind: 'sagemaker:endpoint', name: 'churn-', match: 'prefix' }] }))).toEqual([]);
  expect(cloudwatch.calls()).toHaveLength(0);
});

test('an exact name claims that alarm only, not a longer name that starts with it; composite alarms are listed too', async () => {
  metricAlarms.push({ AlarmName: 'churn-1-copy' });
  composites.push({ AlarmName: 'churn-1', children: [] });
  const found = await cloudwatchAlarm.list(named('churn-1'));
  expect(found.map((r) => r.name)).toEqual(['churn-1']);
  expect(cloudwatch.commandCalls(DescribeAlarmsCommand)[0]!.args[0].input).toMatchObject({ AlarmNamePrefix: 'churn-1', AlarmTypes: ['MetricAlarm', 'CompositeAlarm', 'LogAlarm'] });
});

test('an alarm tagged for the lab with its real ARN form (alarm:<name>) is claimed, whatever its name', async () => {
  const ctx = listContext({ tagged: { [LAB_ID]: [arn('cloudwatch', 'alarm:prod-1')] } });
  expect((await cloudwatchAlarm.list(ctx)).map((r) => [r.name, r.claim])).toEqual([['prod-1', 'tag']]);
});

test("a target tracking policy's alarms are never listed, even under the lab's prefix: they go with their policy", async () => {
  metricAlarms = [{
    AlarmName: 'churn-TargetTracking-endpoint/churn-ep/variant/AllTraffic-AlarmHigh-1a2b',
    AlarmActions: ['arn:aws:autoscaling:us-east-1:111122223333:scalingPolicy:1a2b:resource/sagemaker/endpoint/churn-ep/variant/AllTraffic:policyName/churn-invocations'],
  }, { AlarmName: 'churn-p90-latency', AlarmActions: [arn('sns', 'MlLab-churn-lab-alerts')] }];
  expect((await cloudwatchAlarm.list(named('churn-', 'prefix'))).map((r) => r.name)).toEqual(['churn-p90-latency']);
});

test('priced per alarm metric-month: standard, high resolution, metric math per metric, composite', async () => {
  metricAlarms = [
    { AlarmName: 'churn-std', Period: 60 },
    { AlarmName: 'churn-fast', Period: 10 },
    { AlarmName: 'churn-math', Metrics: [{ Id: 'e1', Expression: 'm1/m2' }, { Id: 'm1', MetricStat: { Metric: { MetricName: 'ModelLatency' }, Period: 60, Stat: 'p90' } }, { Id: 'm2', MetricStat: { Metric: { MetricName: 'OverheadLatency' }, Period: 60, Stat: 'p90' } }] },
  ];
  composites = [{ AlarmName: 'churn-any', children: ['churn-std'] }];
  const cost = Object.fromEntries((await cloudwatchAlarm.list(named('churn-', 'prefix'))).map((r) => [r.name, (r.costPerHourUsd ?? NaN) * HOURS_PER_MONTH]));
  expect(cost['churn-std']).toBeCloseTo(0.1);
  expect(cost['churn-fast']).toBeCloseTo(0.3);
  expect(cost['churn-math']).toBeCloseTo(0.2);
  expect(cost['churn-any']).toBeCloseTo(0.5);
});

itDeletes({
  kind: cloudwatchAlarm, resource: resource('cloudwatch:alarm', 'churn-1'), mocks: [cloudwatch], expected: ['DeleteAlarms'],
  gone: () => (metricAlarms = metricAlarms.filter((a) => a.AlarmName !== 'churn-1')),
});

test('an alarm a composite alarm still references is waited for, not deleted; once the composite is gone it is', async () => {
  composites = [{ AlarmName: 'churn-any', children: ['churn-1'] }];
  const ctx = advanceContext();
  expect(await cloudwatchAlarm.advance(ctx, resource('cloudwatch:alarm', 'churn-1'))).toEqual({ done: false, waiting: 'composite alarm(s) churn-any still reference it' });
  expect(writes(cloudwatch)).toEqual([]);
  composites = [];
  await cloudwatchAlarm.advance(ctx, resource('cloudwatch:alarm', 'churn-1'));
  expect(cloudwatch.commandCalls(DeleteAlarmsCommand).map((c) => c.args[0].input)).toEqual([{ AlarmNames: ['churn-1'] }]);
});

test('deleted before the lab stack, whose alerts topic its actions name', () => {
  expect(stepOf('cloudwatch:alarm')).toBeLessThan(STACK_STEP);
});
