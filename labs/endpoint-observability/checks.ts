// The checks of endpoint-observability, one per requirement of its manifest (lab.ts). What an alarm
// must be is judged in alarms.ts, what its history says in history.ts; this file reads.
import {
  ApplicationAutoScalingClient,
  paginateDescribeScalableTargets,
  paginateDescribeScalingPolicies,
  type ScalingPolicy,
} from '@aws-sdk/client-application-auto-scaling';
import {
  CloudWatchClient,
  DescribeAlarmsForMetricCommand,
  GetMetricDataCommand,
  paginateDescribeAlarmHistory,
  paginateDescribeAlarms,
  type AlarmHistoryItem,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  paginateListTags,
  SageMakerClient,
  type DescribeEndpointConfigOutput,
  type DescribeEndpointOutput,
  type DescribeModelOutput,
} from '@aws-sdk/client-sagemaker';
import { collect, isNotFound } from '../../lib/aws';
import { describeTrainingJob } from '../../lib/check/sagemaker';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided, verdictFrom } from '../../lib/check/verdicts';
import { HOURS_PER_MONTH, pricesFor } from '../../lib/cost/prices';
import { STACK_OUTPUTS } from '../../lib/model';
import { TRAINING_JOB_PREFIX } from '../xgboost-builtin/lab';
import { listChurnJobs, xgboostImageProblem } from '../xgboost-builtin/training-job';
import { errorProblems, latencyProblems, thresholdInMetricUnits, viewOf, watches, type AlarmView, type WatchedMetric } from './alarms';
import { transitionsIntoAlarm, type AlarmTransition } from './history';
import {
  ALARM_PREFIX,
  COST_TAG,
  ENDPOINT_CONFIG_NAME,
  ENDPOINT_NAME,
  ERROR_METRIC,
  HOSTING_INSTANCE_TYPE,
  lab,
  LATENCY_METRIC,
  LATENCY_THRESHOLD_MS,
  MAX_CAPACITY,
  MAX_RPS_PER_INSTANCE,
  METRIC_NAMESPACE,
  MIN_CAPACITY,
  MODEL_NAME,
  PREDEFINED_METRIC,
  SAFETY_FACTOR,
  SCALABLE_DIMENSION,
  TARGET_INVOCATIONS_PER_INSTANCE,
} from './lab';

/** SageMaker answers a Describe of a missing name with ValidationException ("Could not find ..."): absent, not an error. */
function absent(err: unknown): undefined {
  if (isNotFound(err) || (err as { name?: string })?.name === 'ValidationException') return undefined;
  throw err;
}

const sagemaker = (ctx: CheckContext) => ctx.client(SageMakerClient);
const describeEndpoint = (ctx: CheckContext): Promise<DescribeEndpointOutput | undefined> => sagemaker(ctx).send(new DescribeEndpointCommand({ EndpointName: ENDPOINT_NAME })).catch(absent);
const describeConfig = (ctx: CheckContext): Promise<DescribeEndpointConfigOutput | undefined> => sagemaker(ctx).send(new DescribeEndpointConfigCommand({ EndpointConfigName: ENDPOINT_CONFIG_NAME })).catch(absent);
const describeModel = (ctx: CheckContext): Promise<DescribeModelOutput | undefined> => sagemaker(ctx).send(new DescribeModelCommand({ ModelName: MODEL_NAME })).catch(absent);

// --- R1 -------------------------------------------------------------------------------------------

async function checkEndpoint(ctx: CheckContext): Promise<CheckVerdict> {
  const endpoint = await describeEndpoint(ctx);
  if (!endpoint) return fail(`No endpoint named ${ENDPOINT_NAME} exists in ${ctx.region}.`);
  const problems: string[] = [];
  if (endpoint.EndpointConfigName !== ENDPOINT_CONFIG_NAME) problems.push(`${ENDPOINT_NAME} runs the endpoint configuration ${endpoint.EndpointConfigName}; it must run ${ENDPOINT_CONFIG_NAME}.`);
  if (endpoint.EndpointStatus !== 'InService') {
    const transient = ['Creating', 'Updating', 'SystemUpdating'].includes(endpoint.EndpointStatus ?? '');
    problems.push(`${ENDPOINT_NAME} is ${endpoint.EndpointStatus}.${endpoint.FailureReason ? ` Failure reason: ${endpoint.FailureReason}` : ''}${transient ? ' Run the check again once it is InService.' : ''}`);
  }
  const config = await describeConfig(ctx);
  if (!config) return fail(...problems, `No endpoint configuration named ${ENDPOINT_CONFIG_NAME} exists in ${ctx.region}.`);
  const variants = config.ProductionVariants ?? [];
  if (variants.length !== 1) return fail(...problems, `${ENDPOINT_CONFIG_NAME} has ${variants.length} production variants; the lab watches one, so its alarms and its scaling have one variant to name.`);
  const variant = variants[0]!;
  if (variant.ServerlessConfig) {
    problems.push(`Variant ${variant.VariantName} is serverless: it has no instances, so there is no instance count to scale and no minimum capacity to bill while idle, and the scenario is about both. Give it InstanceType ${HOSTING_INSTANCE_TYPE}.`);
  } else if (variant.InstanceType !== HOSTING_INSTANCE_TYPE) {
    problems.push(`Variant ${variant.VariantName} runs ${variant.InstanceType}; the lab hosts the 50 KB model on ${HOSTING_INSTANCE_TYPE}, the cheapest real-time instance type, and the stack's guardrail allows no other.`);
  } else if ((variant.InitialInstanceCount ?? 0) !== MIN_CAPACITY) {
    problems.push(`Variant ${variant.VariantName} starts with ${variant.InitialInstanceCount} instance(s); it starts at the scaling minimum of ${MIN_CAPACITY}, and auto scaling (R5) adds the second when traffic needs it.`);
  }
  if (variant.ModelName !== MODEL_NAME) problems.push(`Variant ${variant.VariantName} serves ${variant.ModelName}; it must serve ${MODEL_NAME}.`);
  problems.push(...(await modelProblems(ctx)));
  return verdictFrom(problems, [`${ENDPOINT_NAME} is InService: ${ENDPOINT_CONFIG_NAME}, variant ${variant.VariantName}, ${variant.InitialInstanceCount} x ${variant.InstanceType}, serving ${MODEL_NAME}.`]);
}

async function modelProblems(ctx: CheckContext): Promise<string[]> {
  const model = await describeModel(ctx);
  if (!model) return [`No model named ${MODEL_NAME} exists in ${ctx.region}.`];
  const containers = model.PrimaryContainer ? [model.PrimaryContainer] : (model.Containers ?? []);
  if (containers.length !== 1) return [`${MODEL_NAME} has ${containers.length} containers; one XGBoost container serves the churn model.`];
  const container = containers[0]!;
  const problems: string[] = [];
  const image = xgboostImageProblem(container.Image, `The image of ${MODEL_NAME}`);
  if (image) problems.push(`${image} A model is served by the algorithm and version that trained it.`);
  const data = container.ModelDataUrl ?? container.ModelDataSource?.S3DataSource?.S3Uri;
  const completed = (await listChurnJobs(ctx)).filter((j) => j.TrainingJobStatus === 'Completed');
  for (const summary of completed) {
    if ((await describeTrainingJob(ctx, summary.TrainingJobName!)).ModelArtifacts?.S3ModelArtifacts === data) return problems;
  }
  problems.push(
    completed.length === 0
      ? `No '${TRAINING_JOB_PREFIX}*' training job has Completed: the lab serves the model the xgboost-builtin lab trained, so finish that lab first (and keep its stack, where the artefact lives).`
      : `${MODEL_NAME} serves ${data ?? 'no model data'}, which is not the model.tar.gz of any Completed '${TRAINING_JOB_PREFIX}*' job: the endpoint must serve the model that was validated.`,
  );
  return problems;
}

// --- what R2, R3, R5 and R6 share -----------------------------------------------------------------

type Variant = { readonly variant: string } | { readonly problem: string };

/** The endpoint's variant name, which its metrics and its scalable target are named by. */
async function variantOf(ctx: CheckContext): Promise<Variant> {
  const endpoint = await describeEndpoint(ctx);
  const variant = endpoint?.ProductionVariants?.[0]?.VariantName;
  return variant ? { variant } : { problem: `${ENDPOINT_NAME} reports no production variant, so the metrics and the scalable target of its variant cannot be named.` };
}

/** The lab's metric alarms (named by the prefix teardown deletes), read once per run. */
async function labAlarms(ctx: CheckContext): Promise<AlarmView[]> {
  const alarms = await collect(paginateDescribeAlarms({ client: ctx.client(CloudWatchClient) }, { AlarmNamePrefix: ALARM_PREFIX }), (p) => p.MetricAlarms);
  return alarms.map(viewOf);
}

/** Alarms on the metric that are not named with the prefix, for a finding: teardown would leave them. */
async function misnamed(ctx: CheckContext, metric: string, variant: string): Promise<string[]> {
  const out = await ctx.client(CloudWatchClient).send(
    new DescribeAlarmsForMetricCommand({ Namespace: METRIC_NAMESPACE, MetricName: metric, Dimensions: [{ Name: 'EndpointName', Value: ENDPOINT_NAME }, { Name: 'VariantName', Value: variant }] }),
  );
  return (out.MetricAlarms ?? []).map((a) => a.AlarmName!).filter((n) => !n.startsWith(ALARM_PREFIX));
}

type Judged = { readonly passing: AlarmView[]; readonly verdict: CheckVerdict };

/**
 * One alarm of the lab's that meets `problemsOf` passes. Otherwise an alarm the check cannot decide
 * makes the requirement undecided (it may be the one that meets it); else the findings of the
 * alarms on the metric fail it.
 */
async function judgeAlarms(
  ctx: CheckContext,
  metric: string,
  problemsOf: (view: { alarm: MetricAlarm; metric: WatchedMetric }, variant: string, topicArn: string) => string[],
  describe: (view: { alarm: MetricAlarm; metric: WatchedMetric }) => string,
  near: (views: readonly AlarmView[]) => string[],
): Promise<Judged> {
  const v = await variantOf(ctx);
  if ('problem' in v) return { passing: [], verdict: fail(v.problem) };
  const topic = await ctx.stackOutput(STACK_OUTPUTS.alertsTopicArn);
  const views = await labAlarms(ctx);
  const candidates = views.filter((view) => watches(view, metric));
  const judged = candidates.flatMap((view) => ('undecidable' in view ? [] : [{ view, problems: problemsOf(view, v.variant, topic) }]));
  const passing = judged.filter((j) => j.problems.length === 0).map((j) => j.view);
  if (passing.length > 0) return { passing, verdict: pass(...passing.map((p) => describe(p as { alarm: MetricAlarm; metric: WatchedMetric }))) };
  const undecidable = candidates.flatMap((view) => ('undecidable' in view ? [view.undecidable] : []));
  if (undecidable.length > 0) return { passing, verdict: undecided(...undecidable, ...judged.flatMap((j) => j.problems)) };
  if (judged.length > 0) return { passing, verdict: fail(...judged.flatMap((j) => j.problems)) };
  const elsewhere = await misnamed(ctx, metric, v.variant);
  return {
    passing,
    verdict: fail(
      `No alarm named '${ALARM_PREFIX}*' watches ${metric} of ${ENDPOINT_NAME} (${views.length} alarm(s) carry the prefix).`,
      ...near(views),
      ...(elsewhere.length > 0 ? [`${elsewhere.join(', ')} watch(es) it under another name: teardown deletes only alarms named '${ALARM_PREFIX}*', and an alarm cannot be renamed, so create it again under the prefix and delete the old one.`] : []),
    ),
  };
}

// --- R2, R3 ---------------------------------------------------------------------------------------

const latencyAlarms = (ctx: CheckContext) =>
  judgeAlarms(
    ctx,
    LATENCY_METRIC,
    latencyProblems,
    (v) => `${v.alarm.AlarmName}: ${v.metric.stat} of ${LATENCY_METRIC} above ${LATENCY_THRESHOLD_MS} ms (${thresholdInMetricUnits(v)} microseconds) over ${v.alarm.EvaluationPeriods} x ${v.metric.period} s, notifying the alerts topic.`,
    (views) =>
      views.some((view) => watches(view, 'OverheadLatency'))
        ? ['An alarm of yours watches OverheadLatency: that is the time SageMaker itself adds around the model (authentication, routing, the payload), which a slow model or a big request does not raise. The model\'s own time, what the objective is about, is ModelLatency.']
        : [],
  );

const errorAlarms = (ctx: CheckContext) =>
  judgeAlarms(
    ctx,
    ERROR_METRIC,
    errorProblems,
    (v) => `${v.alarm.AlarmName}: ${v.metric.stat} of ${ERROR_METRIC} ${v.alarm.ComparisonOperator} ${thresholdInMetricUnits(v)} over ${v.alarm.EvaluationPeriods} x ${v.metric.period} s, notifying the alerts topic.`,
    (views) =>
      views.some((view) => watches(view, 'Invocation4XXErrors'))
        ? ['An alarm of yours watches Invocation4XXErrors: those are requests the model refused (a malformed row, a column too many), the caller\'s mistake. Invocation5XXErrors counts the model failing to answer, which is what pages the on-call team.']
        : [],
  );

// --- R4 -------------------------------------------------------------------------------------------

async function checkTags(ctx: CheckContext): Promise<CheckVerdict> {
  const resources: [string, string | undefined][] = [
    [ENDPOINT_NAME, (await describeEndpoint(ctx))?.EndpointArn],
    [ENDPOINT_CONFIG_NAME, (await describeConfig(ctx))?.EndpointConfigArn],
    [MODEL_NAME, (await describeModel(ctx))?.ModelArn],
  ];
  const problems: string[] = [];
  for (const [name, arn] of resources) {
    if (!arn) {
      problems.push(`${name} does not exist, so it carries no tag.`);
      continue;
    }
    const tags = await collect(paginateListTags({ client: sagemaker(ctx) }, { ResourceArn: arn }), (p) => p.Tags);
    const exact = tags.find((t) => t.Key === COST_TAG.key);
    if (exact?.Value === COST_TAG.value) continue;
    const near = tags.find((t) => t.Key?.trim().toLowerCase() === COST_TAG.key);
    if (exact) {
      problems.push(`${name} carries ${COST_TAG.key}=${JSON.stringify(exact.Value)}; finance groups costs by the value exactly as written, so ${JSON.stringify(exact.Value)} and ${JSON.stringify(COST_TAG.value)} are two cost centres in Cost Explorer.`);
    } else if (near) {
      problems.push(`${name} carries the key ${JSON.stringify(near.Key)}; tag keys are case-sensitive, so it is another key than ${JSON.stringify(COST_TAG.key)} and its costs land in another column of the cost report.`);
    } else {
      problems.push(`${name} does not carry the tag ${COST_TAG.key}=${COST_TAG.value}${tags.length ? ` (it carries ${tags.map((t) => t.Key).join(', ')})` : ''}.`);
    }
  }
  return verdictFrom(problems, [`${resources.map(([n]) => n).join(', ')} carry ${COST_TAG.key}=${COST_TAG.value}.`]);
}

// --- R5 -------------------------------------------------------------------------------------------

/** USD per hour of `count` hosting instances, from the committed price table. */
function hostingHourly(ctx: CheckContext, count: number): string {
  const usd = pricesFor(ctx.region).price(`sagemaker:hosting-hour:${HOSTING_INSTANCE_TYPE}`).usd * count;
  return `USD ${usd.toFixed(3)} an hour, ${(usd * HOURS_PER_MONTH).toFixed(2)} a ${HOURS_PER_MONTH}-hour month`;
}

async function checkScaling(ctx: CheckContext): Promise<CheckVerdict> {
  const v = await variantOf(ctx);
  if ('problem' in v) return fail(v.problem);
  const resourceId = `endpoint/${ENDPOINT_NAME}/variant/${v.variant}`;
  const scaling = ctx.client(ApplicationAutoScalingClient);
  const targets = await collect(paginateDescribeScalableTargets({ client: scaling }, { ServiceNamespace: 'sagemaker', ResourceIds: [resourceId], ScalableDimension: SCALABLE_DIMENSION }), (p) => p.ScalableTargets);
  const target = targets.find((t) => t.ResourceId === resourceId && t.ScalableDimension === SCALABLE_DIMENSION);
  if (!target) return fail(`${resourceId} is not registered with Application Auto Scaling for ${SCALABLE_DIMENSION}: the variant keeps the instance count it started with, whatever the traffic.`);
  const problems: string[] = [];
  const min = target.MinCapacity ?? 0;
  const max = target.MaxCapacity ?? 0;
  if (min > MIN_CAPACITY) {
    problems.push(`MinCapacity is ${min}: the minimum is what the variant runs when nobody calls, at night and at weekends, so it decides the idle bill: ${min} x ${HOSTING_INSTANCE_TYPE} is ${hostingHourly(ctx, min)}, against ${hostingHourly(ctx, MIN_CAPACITY)} at the scenario's minimum of ${MIN_CAPACITY}.`);
  } else if (min < MIN_CAPACITY) {
    problems.push(`MinCapacity is ${min}: a variant without inference components cannot run on 0 instances, and a real-time endpoint must answer the first request of the morning without waiting for an instance. The scenario's minimum is ${MIN_CAPACITY}.`);
  }
  if (max < MAX_CAPACITY) problems.push(`MaxCapacity is ${max}: auto scaling can never add an instance, so a burst meets one instance and its latency.`);
  else if (max > MAX_CAPACITY) problems.push(`MaxCapacity is ${max}: a runaway client could keep ${max} x ${HOSTING_INSTANCE_TYPE} up, ${hostingHourly(ctx, max)}; the scenario caps the variant at ${MAX_CAPACITY}.`);
  const suspended = target.SuspendedState;
  if (suspended?.DynamicScalingOutSuspended || suspended?.DynamicScalingInSuspended) {
    problems.push(`Dynamic scaling ${suspended.DynamicScalingOutSuspended ? 'out' : 'in'} is suspended on the target (SuspendedState), so its policies do not act.`);
  }
  const policies = await collect(paginateDescribeScalingPolicies({ client: scaling }, { ServiceNamespace: 'sagemaker', ResourceId: resourceId, ScalableDimension: SCALABLE_DIMENSION }), (p) => p.ScalingPolicies);
  const policyProblems = policies.map((p) => [p, policyProblemsOf(p, v.variant)] as const);
  const good = policyProblems.find(([, ps]) => ps.length === 0);
  if (!good) {
    problems.push(
      ...(policies.length === 0
        ? [`${resourceId} has no scaling policy: registering the target sets the bounds, a policy decides when to move between them.`]
        : policyProblems.flatMap(([, ps]) => ps)),
    );
  }
  return verdictFrom(problems, [
    `${resourceId}: ${min} to ${max} instances, target tracking policy ${good?.[0].PolicyName} at ${TARGET_INVOCATIONS_PER_INSTANCE} invocations per instance a minute.`,
    `Idle, the variant runs its minimum: ${min} x ${HOSTING_INSTANCE_TYPE}, ${hostingHourly(ctx, min)}; at its maximum, ${hostingHourly(ctx, max)}.`,
  ]);
}

/** Target tracking on invocations per instance, predefined or the same metric customised. */
function policyProblemsOf(policy: ScalingPolicy, variant: string): string[] {
  const name = policy.PolicyName;
  if (policy.PolicyType !== 'TargetTrackingScaling') {
    return [`Policy ${name} is ${policy.PolicyType}: with step scaling you write the alarms and the steps yourself; the scenario asks for target tracking, which creates and adjusts its alarms to hold the metric at the target.`];
  }
  const c = policy.TargetTrackingScalingPolicyConfiguration;
  const problems: string[] = [];
  const predefined = c?.PredefinedMetricSpecification?.PredefinedMetricType;
  const custom = c?.CustomizedMetricSpecification;
  const customOk =
    custom?.MetricName === 'InvocationsPerInstance' &&
    custom.Namespace === METRIC_NAMESPACE &&
    custom.Statistic === 'Sum' &&
    (custom.Dimensions ?? []).length === 2 &&
    (custom.Dimensions ?? []).some((d) => d.Name === 'EndpointName' && d.Value === ENDPOINT_NAME) &&
    (custom.Dimensions ?? []).some((d) => d.Name === 'VariantName' && d.Value === variant);
  if (predefined !== PREDEFINED_METRIC && !customOk) {
    problems.push(
      `Policy ${name} tracks ${predefined ?? custom?.MetricName ?? 'no metric'}; the scenario scales on invocations per instance (${PREDEFINED_METRIC}, or the customised Sum of InvocationsPerInstance of ${ENDPOINT_NAME}'s variant), the load its load test measured.`,
    );
  }
  const target = c?.TargetValue;
  if (target !== TARGET_INVOCATIONS_PER_INSTANCE) {
    const perSecond = (target ?? 0) / 60;
    problems.push(
      target === MAX_RPS_PER_INSTANCE * SAFETY_FACTOR
        ? `Policy ${name} targets ${target}: that is requests per SECOND, but ${PREDEFINED_METRIC} counts invocations per instance per MINUTE, so the policy scales out at ${target} requests a minute and keeps the variant at its maximum. ${MAX_RPS_PER_INSTANCE} x ${SAFETY_FACTOR} x 60 = ${TARGET_INVOCATIONS_PER_INSTANCE}.`
        : `Policy ${name} targets ${target} invocations per instance a minute (${perSecond.toFixed(1)} a second); the load test found ${MAX_RPS_PER_INSTANCE} a second per instance, and at the safety factor of ${SAFETY_FACTOR} the target is ${MAX_RPS_PER_INSTANCE} x ${SAFETY_FACTOR} x 60 = ${TARGET_INVOCATIONS_PER_INSTANCE}.`,
    );
  }
  if (c?.DisableScaleIn) problems.push(`Policy ${name} disables scale-in: after a burst the variant stays at its maximum, and the idle bill with it.`);
  return problems;
}

// --- R6 -------------------------------------------------------------------------------------------

/** DescribeAlarmHistory returns at most 100 items a page; more than this many pages since the alarm was configured is not read. */
const MAX_HISTORY_PAGES = 10;
/** The newest evaluated transitions into ALARM confirmed against the metric data, at most. */
const MAX_CONFIRMATIONS = 3;

async function checkExercised(ctx: CheckContext): Promise<CheckVerdict> {
  const { passing } = await latencyAlarms(ctx);
  if (passing.length === 0) return fail(`No alarm meets R2, so none can have been exercised.`);
  const findings: string[] = [];
  let undecidedWhy: string | undefined;
  for (const view of passing) {
    if ('undecidable' in view) continue;
    const name = view.alarm.AlarmName!;
    const since = view.alarm.AlarmConfigurationUpdatedTimestamp;
    const read = await historySince(ctx, name, since);
    if ('unread' in read) {
      undecidedWhy = read.unread;
      continue;
    }
    const transitions = transitionsIntoAlarm(read.items).filter((t) => !since || t.at >= since);
    const evaluated = transitions.filter((t): t is Extract<AlarmTransition, { by: 'evaluation' }> => t.by === 'evaluation');
    for (const t of evaluated.slice(0, MAX_CONFIRMATIONS)) {
      const confirmed = await confirm(ctx, view, t);
      if (confirmed.state === 'confirmed') return pass(`${name} went into ALARM at ${t.at.toISOString()}: ${confirmed.finding}`);
      if (confirmed.state === 'unconfirmed') undecidedWhy = confirmed.finding;
      else findings.push(confirmed.finding);
    }
    const byHand = transitions.filter((t) => t.by === 'hand');
    if (byHand.length > 0) {
      findings.push(
        `${name} went into ALARM ${byHand.length} time(s) since it was configured, each set by hand (reason: "${byHand[0]!.reason}"): SetAlarmState proves that the alerts topic receives the alarm's message, not that the alarm responds to slow requests.`,
      );
    }
    if (transitions.length === 0) {
      findings.push(
        `${name} has not gone into ALARM since it was last configured (${since?.toISOString() ?? 'unknown time'}). The p90 of a minute rises above ${LATENCY_THRESHOLD_MS} ms only when more than 1 request in 10 of that minute is slow; one-customer requests are answered in a few milliseconds, the bulk re-scoring requests are not. Metrics reach CloudWatch about a minute after the requests, and the alarm evaluates after its period ends.`,
      );
    }
  }
  if (undecidedWhy && findings.length === 0) return undecided(undecidedWhy);
  if (undecidedWhy) return undecided(undecidedWhy, ...findings);
  return fail(...findings);
}

type History = { readonly items: AlarmHistoryItem[] } | { readonly unread: string };

async function historySince(ctx: CheckContext, name: string, since: Date | undefined): Promise<History> {
  const items: AlarmHistoryItem[] = [];
  let pages = 0;
  const paginator = paginateDescribeAlarmHistory(
    { client: ctx.client(CloudWatchClient) },
    { AlarmName: name, HistoryItemType: 'StateUpdate', ScanBy: 'TimestampDescending', ...(since ? { StartDate: since } : {}) },
  );
  for await (const page of paginator) {
    items.push(...(page.AlarmHistoryItems ?? []));
    if (++pages >= MAX_HISTORY_PAGES && page.NextToken) {
      // The newest are in hand: only an alarm that never fired by evaluation among them is undecided.
      if (transitionsIntoAlarm(items).some((t) => t.by === 'evaluation')) return { items };
      return { unread: `${name} changed state more than ${items.length} times since it was configured and CloudWatch offers more history; the older changes were not read.` };
    }
  }
  return { items };
}

type Confirmation = { readonly state: 'confirmed' | 'contradicted' | 'unconfirmed'; readonly finding: string };

/**
 * A transition recorded as an evaluation is confirmed when CloudWatch's own data for the window it
 * queried breaches the threshold: a state set by hand with made-up StateReasonData is not.
 */
async function confirm(ctx: CheckContext, view: { alarm: MetricAlarm; metric: WatchedMetric }, t: Extract<AlarmTransition, { by: 'evaluation' }>): Promise<Confirmation> {
  const { metric, alarm } = view;
  const period = metric.period ?? 60;
  const end = new Date(Math.max(t.evaluation.query.getTime(), t.evaluation.start.getTime() + period * 1000));
  const out = await ctx.client(CloudWatchClient).send(
    new GetMetricDataCommand({
      StartTime: t.evaluation.start,
      EndTime: end,
      MetricDataQueries: [{ Id: 'latency', MetricStat: { Metric: { Namespace: metric.namespace, MetricName: metric.name, Dimensions: [...metric.dimensions] }, Period: period, Stat: metric.stat }, ReturnData: true }],
    }),
  );
  const result = out.MetricDataResults?.find((r) => r.Id === 'latency');
  const values = result?.Values ?? [];
  const threshold = thresholdInMetricUnits(view) ?? Infinity;
  const breaching = values.filter((value) => (alarm.ComparisonOperator === 'GreaterThanOrEqualToThreshold' ? value >= threshold : value > threshold));
  const window = `${t.evaluation.start.toISOString()} to ${end.toISOString()}`;
  if (breaching.length > 0) {
    return { state: 'confirmed', finding: `CloudWatch's ${metric.stat} of ${LATENCY_METRIC} reached ${(Math.max(...breaching) / 1000).toFixed(1)} ms in ${window}, above ${LATENCY_THRESHOLD_MS} ms: real slow requests, not a state set by hand.` };
  }
  if (values.length === 0 || result?.StatusCode !== 'Complete' || out.NextToken) {
    return { state: 'unconfirmed', finding: `${alarm.AlarmName} went into ALARM at ${t.at.toISOString()}, but CloudWatch returned ${values.length === 0 ? 'no' : 'incomplete'} ${LATENCY_METRIC} data for ${window} (StatusCode ${result?.StatusCode ?? 'none'}), so whether real requests caused it cannot be told. One-minute data is kept for 15 days; run the check again, or exercise the alarm again.` };
  }
  return {
    state: 'contradicted',
    finding: `${alarm.AlarmName}'s history says it went into ALARM at ${t.at.toISOString()} on evaluated data, but CloudWatch's ${metric.stat} of ${LATENCY_METRIC} for ${window} peaks at ${(Math.max(...values) / 1000).toFixed(1)} ms, not above ${LATENCY_THRESHOLD_MS} ms: that state was set by hand.`,
  };
}

export const checks = defineChecks(lab, {
  R1: checkEndpoint,
  R2: async (ctx) => (await latencyAlarms(ctx)).verdict,
  R3: async (ctx) => (await errorAlarms(ctx)).verdict,
  R4: checkTags,
  R5: checkScaling,
  R6: checkExercised,
});
