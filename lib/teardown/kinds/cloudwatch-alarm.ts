// How a lab declares it: `learnerResources: [{ kind: 'cloudwatch:alarm', name: '<alarm name>' }]`, or
// `{ kind: 'cloudwatch:alarm', name: '<prefix>', match: 'prefix' }` for every alarm whose name starts
// with the prefix; an alarm the learner tags `mllab:lab=<lab id>` is the lab's too (the tagging API
// lists alarms as `arn:aws:cloudwatch:<region>:<account>:alarm:<name>`,
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_TagResource.html). Nothing is
// listed, and no CloudWatch call is made, for a lab that neither declares nor tags an alarm.
import { DeleteAlarmsCommand, paginateDescribeAlarms, type CloudWatchClient, type CompositeAlarm, type LogAlarm, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { collect, isServiceError } from '../../aws';
import { HOURS_PER_MONTH } from '../../cost/prices';
import { DONE, hourly, waiting, type LabResource, type ListContext, type Price, type TeardownKindModule } from '../kind';

/** DescribeAlarms returns metric alarms only unless asked for the others (DescribeAlarmsInput.AlarmTypes). */
const ALL_TYPES = ['MetricAlarm', 'CompositeAlarm', 'LogAlarm'] as const;

type AnyAlarm = (MetricAlarm | CompositeAlarm | LogAlarm) & { readonly type: (typeof ALL_TYPES)[number] };

export const cloudwatchAlarm: TeardownKindModule<'cloudwatch:alarm'> = {
  kind: 'cloudwatch:alarm',
  action: 'delete',
  because: 'an alarm bills per alarm-month and notifies the lab stack\'s topic until deleted',
  // Its actions may name the stack's alerts topic; nothing has to go before it.
  after: [],
  before: ['cloudformation:stack'],
  arnType: 'cloudwatch:alarm',
  list: async (ctx) => {
    const declared = (ctx.lab.learnerResources ?? []).filter((l) => l.kind === 'cloudwatch:alarm');
    if (declared.length === 0 && !ctx.claims.hasTagged('cloudwatch:alarm')) return [];
    // Every alarm when one is tagged (its name may follow no declared pattern), else by the declared names as prefixes.
    const prefixes: (string | undefined)[] = ctx.claims.hasTagged('cloudwatch:alarm') ? [undefined] : [...new Set(declared.map((l) => l.name))];
    const seen = new Map<string, AnyAlarm>();
    for (const prefix of prefixes) for (const a of await describeAlarms(ctx.clients.cloudwatch, prefix ? { AlarmNamePrefix: prefix } : {})) seen.set(a.AlarmName!, a);
    const found: LabResource[] = [];
    for (const [name, alarm] of seen) {
      if (managedByScaling(alarm)) continue;
      const owner = ctx.claims.of('cloudwatch:alarm', name);
      if (owner) found.push({ kind: 'cloudwatch:alarm', name, ref: {}, ...owner, status: alarm.StateValue, ...alarmHourly(ctx, alarm) });
    }
    return found;
  },
  advance: async (ctx, r) => {
    const cw = ctx.clients.cloudwatch;
    if ((await describeAlarms(cw, { AlarmNames: [r.name] })).length === 0) return DONE;
    // A composite alarm still naming it in its rule keeps it from deletion (DeleteAlarms,
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DeleteAlarms.html): wait
    // for the lab's composite alarms to go first; another's is never changed.
    const parents = await collect(paginateDescribeAlarms({ client: cw }, { ParentsOfAlarmName: r.name }), (p) => p.CompositeAlarms);
    if (parents.length > 0) return waiting(`composite alarm(s) ${parents.map((p) => p.AlarmName).join(', ')} still reference it`);
    try {
      await ctx.once(`DeleteAlarms ${r.name}`, () => cw.send(new DeleteAlarmsCommand({ AlarmNames: [r.name] })));
    } catch (err) {
      if (isServiceError(err, 'ResourceNotFound')) return DONE;
      throw err;
    }
    // DeleteAlarms does not say which names it deleted: the next pass reads again.
    return waiting('DeleteAlarms sent');
  },
};

async function describeAlarms(cw: CloudWatchClient, input: { AlarmNamePrefix?: string; AlarmNames?: string[] }): Promise<AnyAlarm[]> {
  return collect(paginateDescribeAlarms({ client: cw }, { ...input, AlarmTypes: [...ALL_TYPES] }), (p) => [
    ...(p.MetricAlarms ?? []).map((a) => ({ ...a, type: 'MetricAlarm' as const })),
    ...(p.CompositeAlarms ?? []).map((a) => ({ ...a, type: 'CompositeAlarm' as const })),
    ...(p.LogAlarms ?? []).map((a) => ({ ...a, type: 'LogAlarm' as const })),
  ]);
}

/**
 * A target tracking policy creates and owns its alarms (`TargetTracking-<resource id>-AlarmHigh-...`),
 * whose action is the policy's ARN, and they must not be deleted by hand; deleting the policy deletes
 * them (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html).
 */
function managedByScaling(alarm: AnyAlarm): boolean {
  return (alarm.AlarmActions ?? []).some((a) => /^arn:[^:]+:autoscaling:[^:]*:[^:]*:scalingPolicy:/.test(a));
}

/**
 * CloudWatch bills a metric alarm per metric it evaluates (a metric-math alarm per metric in its
 * expression), at the high-resolution rate when its period is under 60 seconds, and a composite
 * alarm per alarm (https://aws.amazon.com/cloudwatch/pricing/).
 */
function alarmHourly(ctx: ListContext, alarm: AnyAlarm): Price {
  if (alarm.type === 'LogAlarm') return { costNote: 'a log alarm: not priced here' };
  if (alarm.type === 'CompositeAlarm') return perMonth(ctx, 'cloudwatch:composite-alarm-month', 1, 'composite alarm');
  const m = alarm as MetricAlarm;
  const stats = m.Metrics?.filter((q) => q.MetricStat) ?? [];
  const metrics = m.Metrics ? stats.length : 1;
  const periods = m.Metrics ? stats.map((q) => q.MetricStat!.Period ?? 60) : [m.Period ?? 60];
  const high = periods.some((p) => p < 60);
  return perMonth(ctx, high ? 'cloudwatch:high-resolution-alarm-month' : 'cloudwatch:alarm-month', metrics, `${metrics} alarm metric(s), ${high ? 'high' : 'standard'} resolution`);
}

function perMonth(ctx: ListContext, key: string, quantity: number, what: string): Price {
  return hourly(ctx.prices, key, quantity / HOURS_PER_MONTH, what);
}
