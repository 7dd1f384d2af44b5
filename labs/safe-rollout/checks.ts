// The checks of safe-rollout, one per requirement of its manifest (lab.ts). Every check starts from the
// endpoint as DescribeEndpoint reports it: the learner names the variants, so their names, live
// weights and instance counts are read, never assumed.
import { ApplicationAutoScalingClient, paginateDescribeScalableTargets, paginateDescribeScalingPolicies, type ScalableTarget, type ScalingPolicy } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, GetMetricDataCommand, paginateDescribeAlarms, type MetricAlarm, type MetricDataQuery, type MetricStat } from '@aws-sdk/client-cloudwatch';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  SageMakerClient,
  type DescribeEndpointConfigOutput,
  type DescribeEndpointOutput,
  type DescribeModelOutput,
  type ProductionVariant,
} from '@aws-sdk/client-sagemaker';
import { collect, isServiceError } from '../../lib/aws';
import { describeTrainingJob, headArtefact } from '../../lib/check/sagemaker';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided, verdictFrom } from '../../lib/check/verdicts';
import { TRAINING_JOB_PREFIX, XGBOOST_REPOSITORY, XGBOOST_VERSION } from '../xgboost-builtin/lab';
import { listChurnJobs, xgboostImageProblem } from '../xgboost-builtin/training-job';
import {
  CANDIDATE_SHARE,
  ENDPOINT_NAME,
  ERROR_METRICS,
  HOSTING_INSTANCE_TYPE,
  lab,
  LOOKBACK_DAYS,
  MAX_FIRST_STEP_PERCENT,
  METRIC_NAMESPACE,
  MIN_SERVED_PER_VARIANT,
  NAME_PREFIX,
  SCALABLE_DIMENSION,
  SCALING_MAX_CAPACITY,
  SCALING_MIN_CAPACITY,
} from './lab';
import { percent, sameShare, secondsToAlarm, splitOf, stepPercent, type LiveVariant, type Split } from './rollout';

// --- reading the endpoint ------------------------------------------------------------------------

/**
 * SageMaker answers a Describe call for a missing name with ValidationException ("Could not find
 * ..."); with the lab's fixed, valid names no other validation error can occur.
 */
async function unlessMissing<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (err) {
    if (isServiceError(err, 'ValidationException', 'ResourceNotFound')) return undefined;
    throw err;
  }
}

const readEndpoint = (ctx: CheckContext): Promise<DescribeEndpointOutput | undefined> =>
  unlessMissing(ctx.client(SageMakerClient).send(new DescribeEndpointCommand({ EndpointName: ENDPOINT_NAME })));
const readConfig = (ctx: CheckContext, name: string): Promise<DescribeEndpointConfigOutput | undefined> =>
  unlessMissing(ctx.client(SageMakerClient).send(new DescribeEndpointConfigCommand({ EndpointConfigName: name })));
const readModel = (ctx: CheckContext, name: string): Promise<DescribeModelOutput | undefined> =>
  unlessMissing(ctx.client(SageMakerClient).send(new DescribeModelCommand({ ModelName: name })));

const NO_ENDPOINT = `No endpoint named ${ENDPOINT_NAME} exists in this region.`;

/** The live variants: current weights (desired ones while an update has not applied them yet). */
function liveVariants(endpoint: DescribeEndpointOutput): LiveVariant[] | undefined {
  const variants = (endpoint.ProductionVariants ?? []).map((v) => ({ name: v.VariantName!, weight: v.CurrentWeight ?? v.DesiredWeight, instances: v.CurrentInstanceCount ?? v.DesiredInstanceCount }));
  return variants.every((v) => v.weight !== undefined) ? (variants as LiveVariant[]) : undefined;
}

type Rollout = { readonly endpoint: DescribeEndpointOutput; readonly split: Split } | { readonly verdict: CheckVerdict };

/**
 * The endpoint and which variant is production and which the candidate, for R2-R5 (which depend on
 * R1, so a missing endpoint or an odd number of variants was already reported there).
 */
async function rollout(ctx: CheckContext): Promise<Rollout> {
  const endpoint = await readEndpoint(ctx);
  if (!endpoint) return { verdict: fail(NO_ENDPOINT) };
  const variants = liveVariants(endpoint);
  if (!variants) return { verdict: undecided(`DescribeEndpoint reports no weight for a variant of ${ENDPOINT_NAME}, so which variant is production cannot be told; run the check again once the endpoint is InService.`) };
  const split = variants.length === 2 ? splitOf(variants[0]!, variants[1]!) : undefined;
  if (!split) return { verdict: fail(`${ENDPOINT_NAME} has ${variants.length} production variant(s) with weights ${variants.map((v) => v.weight).join(', ') || 'none'}; the rollout needs two, production and candidate (R1).`) };
  return { endpoint, split };
}

// --- R1 the endpoint and its weights ---------------------------------------------------------------

function variantProblems(config: DescribeEndpointConfigOutput | undefined, live: LiveVariant, role: string): string[] {
  const declared: ProductionVariant | undefined = config?.ProductionVariants?.find((v) => v.VariantName === live.name);
  const problems: string[] = [];
  if (declared?.ServerlessConfig) {
    problems.push(`The ${role} variant ${live.name} is serverless: it has no instances to count, so Application Auto Scaling cannot bound it by DesiredInstanceCount, and the scenario compares two instance-based variants.`);
  } else if (declared && declared.InstanceType !== HOSTING_INSTANCE_TYPE) {
    problems.push(`The ${role} variant ${live.name} runs on ${declared.InstanceType ?? 'no instance type'}; the lab allows ${HOSTING_INSTANCE_TYPE}, the cheapest real-time instance, which serves a 50 KB XGBoost model with room to spare.`);
  }
  const max = role === 'production' ? SCALING_MAX_CAPACITY : 1;
  if (live.instances !== undefined && (live.instances < 1 || live.instances > max)) {
    problems.push(`The ${role} variant ${live.name} runs ${live.instances} instance(s); the lab runs one${role === 'production' ? ` (auto scaling may add a second, up to ${SCALING_MAX_CAPACITY})` : ''}: every instance bills by the hour whether it serves or not.`);
  }
  return problems;
}

async function checkEndpoint(ctx: CheckContext): Promise<CheckVerdict> {
  const endpoint = await readEndpoint(ctx);
  if (!endpoint) return fail(`${NO_ENDPOINT} Create it from an endpoint configuration whose name starts with '${NAME_PREFIX}'.`);
  const problems: string[] = [];
  if (endpoint.EndpointStatus !== 'InService') {
    const reason = endpoint.FailureReason ? ` Failure reason: ${endpoint.FailureReason}` : '';
    const busy = ['Creating', 'Updating', 'SystemUpdating', 'RollingBack'].includes(endpoint.EndpointStatus ?? '');
    problems.push(`${ENDPOINT_NAME} is ${endpoint.EndpointStatus}.${reason}${busy ? ' Run the check again once it is InService.' : ''}`);
  }
  if (!endpoint.EndpointConfigName?.startsWith(NAME_PREFIX)) {
    problems.push(`${ENDPOINT_NAME} uses endpoint configuration ${endpoint.EndpointConfigName}; name it '${NAME_PREFIX}...' so teardown finds it.`);
  }
  const shadows = endpoint.ShadowProductionVariants ?? [];
  if (shadows.length > 0) {
    problems.push(
      `${ENDPOINT_NAME} has shadow variant ${shadows.map((s) => s.VariantName).join(', ')}: a shadow receives a copy of the requests but its answers are never returned, so no customer is ever scored by the new model. The scenario asks the candidate to answer ${percent(CANDIDATE_SHARE)} of real requests, which only a second production variant with a weight does.`,
    );
  }
  const variants = liveVariants(endpoint);
  if (!variants) return problems.length > 0 ? fail(...problems) : undecided(`DescribeEndpoint reports no weight for a variant of ${ENDPOINT_NAME}; run the check again once it is InService.`);
  if (variants.length !== 2) {
    problems.push(`${ENDPOINT_NAME} has ${variants.length} production variant(s) (${variants.map((v) => v.name).join(', ')}); the rollout needs two: production, serving the current model, and a candidate serving the new one.`);
    return fail(...problems);
  }
  const split = splitOf(variants[0]!, variants[1]!);
  if (!split) return fail(...problems, `The weights of ${ENDPOINT_NAME} add up to 0, so no variant receives requests.`);
  const { production, candidate } = split;
  if (!sameShare(candidate.share, CANDIDATE_SHARE)) {
    problems.push(
      `Weights ${production.name} ${production.weight} and ${candidate.name} ${candidate.weight} send ${percent(candidate.share)} of requests to the candidate; the scenario asks for ${percent(CANDIDATE_SHARE)}. Weights are relative: a variant gets its weight divided by the sum of the weights` +
        (sameShare(candidate.share, 0.5) ? ', so equal weights put half of the customers on an unproven model.' : '.'),
    );
  }
  const config = await readConfig(ctx, endpoint.EndpointConfigName ?? '');
  problems.push(...variantProblems(config, production, 'production'), ...variantProblems(config, candidate, 'candidate'));
  // DescribeEndpoint names no instance type: without the configuration (deleted while in use) it cannot be judged.
  if (!config && problems.length === 0) {
    return undecided(`${ENDPOINT_NAME} runs endpoint configuration ${endpoint.EndpointConfigName}, which DescribeEndpointConfig cannot find (deleted while in use?), so the variants' instance types cannot be read.`);
  }
  return verdictFrom(problems, [
    `${ENDPOINT_NAME} is InService with ${endpoint.EndpointConfigName}: production ${production.name} (weight ${production.weight}, ${percent(production.share)}), candidate ${candidate.name} (weight ${candidate.weight}, ${percent(candidate.share)}), on ${HOSTING_INSTANCE_TYPE}.`,
  ]);
}

// --- R2 the two models ---------------------------------------------------------------------------------

function modelDataOf(model: DescribeModelOutput): { readonly image?: string; readonly data?: string; readonly containers: number } {
  const containers = model.PrimaryContainer ? [model.PrimaryContainer] : (model.Containers ?? []);
  const only = containers.length === 1 ? containers[0] : undefined;
  return { image: only?.Image, data: only?.ModelDataUrl ?? only?.ModelDataSource?.S3DataSource?.S3Uri, containers: containers.length };
}

async function checkModels(ctx: CheckContext): Promise<CheckVerdict> {
  const found = await rollout(ctx);
  if ('verdict' in found) return found.verdict;
  const config = await readConfig(ctx, found.endpoint.EndpointConfigName ?? '');
  if (!config) return undecided(`${ENDPOINT_NAME} reports endpoint configuration ${found.endpoint.EndpointConfigName}, which DescribeEndpointConfig cannot find, so the models it serves cannot be read; run the check again.`);
  const modelOf = (variant: string) => config.ProductionVariants?.find((v) => v.VariantName === variant)?.ModelName;
  const roles = [
    { role: 'production', variant: found.split.production.name, model: modelOf(found.split.production.name) },
    { role: 'candidate', variant: found.split.candidate.name, model: modelOf(found.split.candidate.name) },
  ];
  const problems: string[] = [];
  if (roles[0]!.model === roles[1]!.model) {
    return fail(`Both variants serve model ${roles[0]!.model}: the split would compare a model with itself, and nothing new reaches ${percent(CANDIDATE_SHARE)} of customers. The candidate variant serves the new model version.`);
  }
  // Which Completed training job wrote each artefact: one listing and one description per job, memoised.
  const jobByArtefact = new Map<string, string>();
  for (const summary of (await listChurnJobs(ctx)).filter((j) => j.TrainingJobStatus === 'Completed')) {
    const job = await describeTrainingJob(ctx, summary.TrainingJobName!);
    if (job.ModelArtifacts?.S3ModelArtifacts) jobByArtefact.set(job.ModelArtifacts.S3ModelArtifacts, job.TrainingJobName!);
  }
  const served: { role: string; model: string; data: string; job: string }[] = [];
  const unreadable: string[] = [];
  for (const { role, variant, model: name } of roles) {
    const model = name ? await readModel(ctx, name) : undefined;
    if (!model) {
      problems.push(`The ${role} variant ${variant} serves model ${name ?? '(none)'}, which does not exist.`);
      continue;
    }
    if (!name!.startsWith(NAME_PREFIX)) problems.push(`Model ${name} (${role}) is not named '${NAME_PREFIX}...'; teardown finds the lab's models by that prefix.`);
    const { image, data, containers } = modelDataOf(model);
    if (containers !== 1) {
      problems.push(`Model ${name} (${role}) has ${containers} containers; one XGBoost container serves one model.`);
      continue;
    }
    const imageProblem = xgboostImageProblem(image, `The image of ${name} (${role})`);
    if (imageProblem) problems.push(`${imageProblem} A model is served by the algorithm and version that trained it, or the container cannot read model.tar.gz.`);
    const job = data ? jobByArtefact.get(data) : undefined;
    if (!data || !job) {
      problems.push(
        jobByArtefact.size === 0
          ? `No '${TRAINING_JOB_PREFIX}*' training job has Completed in this region: finish the xgboost-builtin lab first (twice: the candidate is a second training job).`
          : `Model ${name} (${role}) serves ${data ?? 'no model data'}, which is not the artefact of any Completed '${TRAINING_JOB_PREFIX}*' training job; serve what the xgboost-builtin lab trained and validated.`,
      );
      continue;
    }
    served.push({ role, model: name!, data, job });
  }
  if (served.length === 2 && served[0]!.data === served[1]!.data) {
    problems.push(`Both models serve ${served[0]!.data} (from ${served[0]!.job}): the same artefact under two names is not a new version, and the split can only measure noise. The candidate serves the artefact of another training job.`);
  }
  for (const s of served) {
    const head = await headArtefact(ctx, s.data);
    // Auto scaling and blue/green updates start new instances, and each downloads the artefact.
    if (head.state === 'missing') problems.push(`${s.data} (${s.role}, from ${s.job}) no longer exists: the next instance that auto scaling or a blue/green update starts cannot load the model.`);
    else if (head.state === 'missing-or-unreadable') unreadable.push(head.finding);
  }
  if (problems.length > 0) return fail(...problems, ...unreadable);
  if (unreadable.length > 0) return undecided(...unreadable);
  return pass(...served.map((s) => `${s.role}: ${s.model} serves ${s.data} from ${s.job} with ${XGBOOST_REPOSITORY}:${XGBOOST_VERSION}.`));
}

// --- R3 the deployment guardrail ---------------------------------------------------------------------

const GUARDRAILS = 'https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-configuration.html';

/** The error metric of the endpoint an alarm's metric (or one metric of its math) watches, if any. */
function errorMetricOf(alarm: MetricAlarm, variants: readonly string[]): { readonly stat: MetricStat | undefined; readonly problem?: string } {
  const stats: MetricStat[] = alarm.Metrics
    ? alarm.Metrics.flatMap((m) => (m.MetricStat ? [m.MetricStat] : []))
    : [{ Metric: { Namespace: alarm.Namespace, MetricName: alarm.MetricName, Dimensions: alarm.Dimensions }, Period: alarm.Period, Stat: alarm.Statistic ?? alarm.ExtendedStatistic }];
  const errors = stats.filter((s) => s.Metric?.Namespace === METRIC_NAMESPACE && (ERROR_METRICS as readonly string[]).includes(s.Metric.MetricName ?? ''));
  if (errors.length === 0) {
    const watched = stats.map((s) => `${s.Metric?.Namespace}/${s.Metric?.MetricName}`).join(', ');
    return { stat: undefined, problem: `Alarm ${alarm.AlarmName} watches ${watched || 'no metric'}, not the endpoint's invocation errors (${METRIC_NAMESPACE} ${ERROR_METRICS.join(' or ')}): the scenario rolls back when errors rise.` };
  }
  for (const stat of errors) {
    const dims = new Map((stat.Metric?.Dimensions ?? []).map((d) => [d.Name, d.Value]));
    if (dims.get('EndpointName') !== ENDPOINT_NAME) continue;
    const variant = dims.get('VariantName');
    if (variant !== undefined && variants.includes(variant)) return { stat };
    return {
      stat: undefined,
      problem:
        variant === undefined
          ? `Alarm ${alarm.AlarmName} watches ${stat.Metric?.MetricName} of ${ENDPOINT_NAME} without a VariantName dimension: SageMaker publishes invocation metrics per variant (EndpointName and VariantName), so this metric never receives data and the alarm never fires.`
          : `Alarm ${alarm.AlarmName} watches variant ${variant}, which ${ENDPOINT_NAME} does not have (its variants are ${variants.join(' and ')}); the metric never receives data. AllTraffic in the AWS examples is the SDK's default variant name, not a wildcard.`,
    };
  }
  return { stat: undefined, problem: `Alarm ${alarm.AlarmName} watches ${errors[0]!.Metric?.MetricName} of endpoint ${new Map((errors[0]!.Metric?.Dimensions ?? []).map((d) => [d.Name, d.Value])).get('EndpointName') ?? '(no EndpointName)'}, not of ${ENDPOINT_NAME}.` };
}

async function checkGuardrail(ctx: CheckContext): Promise<CheckVerdict> {
  const found = await rollout(ctx);
  if ('verdict' in found) return found.verdict;
  const config = found.endpoint.LastDeploymentConfig;
  if (!config) {
    return fail(`${ENDPOINT_NAME} reports no deployment configuration (LastDeploymentConfig): an update without one shifts all traffic to the new fleet at once, with no baking period and no alarm to roll it back. Update the endpoint with a DeploymentConfig.`);
  }
  if (config.RollingUpdatePolicy) {
    return fail(`${ENDPOINT_NAME}'s last deployment configuration is a rolling update: the deployment guardrails exclusions rule rolling deployments out for multi-variant endpoints such as this one, and the scenario asks for a blue/green update whose canary bakes under an alarm while the old fleet still stands by.`);
  }
  const routing = config.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration;
  const problems: string[] = [];
  const smallest = Math.min(found.split.production.instances ?? 1, found.split.candidate.instances ?? 1);
  if (!routing) {
    problems.push(`${ENDPOINT_NAME}'s last deployment configuration has no blue/green traffic routing, so SageMaker shifts all traffic at once.`);
  } else if (routing.Type === 'ALL_AT_ONCE') {
    problems.push(`Traffic shifting is ALL_AT_ONCE: every request moves to the new fleet in one step, so by the time an alarm fires every customer has met the new fleet. CANARY (or LINEAR) turns on a small part of it first and bakes it under the alarm.`);
  } else {
    const size = routing.Type === 'LINEAR' ? routing.LinearStepSize : routing.CanarySize;
    const step = stepPercent(size, smallest);
    if (step === undefined) problems.push(`The ${routing.Type} step size is ${size ? `${size.Type} ${size.Value}` : 'not set'}, which cannot be read as a share of the fleet.`);
    else if (step > MAX_FIRST_STEP_PERCENT) {
      const count = size?.Type === 'INSTANCE_COUNT' ? ` (${size.Value} instance(s) of a variant of ${smallest})` : '';
      problems.push(`The first ${routing.Type} step turns on ${Math.round(step)}% of the new fleet${count}; the scenario allows at most ${MAX_FIRST_STEP_PERCENT}%, so that a bad update reaches as few customers as the candidate does.${size?.Type === 'INSTANCE_COUNT' ? ' With one-instance variants, give the step as CAPACITY_PERCENT.' : ''}`);
    }
  }
  const names = (config.AutoRollbackConfiguration?.Alarms ?? []).map((a) => a.AlarmName).filter((n): n is string => !!n);
  if (names.length === 0) {
    problems.push(`No alarm is configured for automatic rollback (AutoRollbackConfiguration): the baking period only waits, and nothing rolls a failing update back. See ${GUARDRAILS}.`);
    return fail(...problems);
  }
  // DescribeAlarms returns metric alarms only unless composite ones are asked for too (API_DescribeAlarms).
  const pages = paginateDescribeAlarms({ client: ctx.client(CloudWatchClient) }, { AlarmNames: names, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] });
  const metricAlarms: MetricAlarm[] = [];
  const composites: string[] = [];
  for await (const page of pages) {
    metricAlarms.push(...(page.MetricAlarms ?? []));
    composites.push(...(page.CompositeAlarms ?? []).map((c) => c.AlarmName!));
  }
  const missing = names.filter((n) => !metricAlarms.some((a) => a.AlarmName === n) && !composites.includes(n));
  const wait = routing?.WaitIntervalInSeconds;
  const variants = [found.split.production.name, found.split.candidate.name];
  const alarmProblems: string[] = missing.map((n) => `Rollback alarm ${n} does not exist in this region: SageMaker cannot watch an alarm that is not there.`);
  let good: { alarm: MetricAlarm; seconds: number } | undefined;
  for (const alarm of metricAlarms) {
    const { stat, problem } = errorMetricOf(alarm, variants);
    if (!stat) {
      alarmProblems.push(problem!);
      continue;
    }
    const seconds = secondsToAlarm(alarm, stat.Period ?? alarm.Period);
    if (seconds === undefined || (wait !== undefined && seconds > wait)) {
      alarmProblems.push(
        `Alarm ${alarm.AlarmName} needs ${alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods} breaching period(s) of ${stat.Period ?? alarm.Period} s (${seconds ?? '?'} s) to fire, longer than the ${wait ?? '?'} s baking period (WaitIntervalInSeconds): the canary would be promoted before the alarm could see it fail. Shorten the period or lengthen the baking.`,
      );
      continue;
    }
    if (!alarm.AlarmName?.startsWith(NAME_PREFIX)) {
      alarmProblems.push(`Alarm ${alarm.AlarmName} watches the right errors; name it '${NAME_PREFIX}...' so teardown finds and deletes it.`);
      continue;
    }
    good = { alarm, seconds };
    break;
  }
  if (!good) {
    if (alarmProblems.length === 0 && composites.length > 0) {
      return problems.length > 0 ? fail(...problems) : undecided(`The rollback alarms are composite (${composites.join(', ')}); the check reads metric alarms only, so whether one watches ${ENDPOINT_NAME}'s errors cannot be told. Add a metric alarm on ${ERROR_METRICS.join(' or ')}.`);
    }
    problems.push(...alarmProblems);
  }
  if (problems.length > 0) return fail(...problems);
  const size = routing!.Type === 'LINEAR' ? routing!.LinearStepSize : routing!.CanarySize;
  return pass(
    `${ENDPOINT_NAME}'s last deployment configuration: blue/green ${routing!.Type}, first step ${size?.Type} ${size?.Value}, baking ${wait} s, rolled back by alarm ${good!.alarm.AlarmName} (${good!.alarm.MetricName ?? 'metric math'} of ${ENDPOINT_NAME}, able to fire after ${good!.seconds} s).`,
  );
}

// --- R4 traffic on both variants ----------------------------------------------------------------------

/** Hourly sums over the window; each variant's metrics are its own (dimensions EndpointName, VariantName). */
const PERIOD_SECONDS = 3600;
const SERIES = [
  ['invocations', 'Invocations'],
  ['errors4xx', 'Invocation4XXErrors'],
  ['errors5xx', 'Invocation5XXErrors'],
] as const;

async function checkTraffic(ctx: CheckContext): Promise<CheckVerdict> {
  const found = await rollout(ctx);
  if ('verdict' in found) return found.verdict;
  const variants = [
    { role: 'production', name: found.split.production.name },
    { role: 'candidate', name: found.split.candidate.name },
  ];
  const queries: MetricDataQuery[] = variants.flatMap((v, i) =>
    SERIES.map(([id, MetricName]) => ({
      Id: `v${i}_${id}`,
      MetricStat: {
        Metric: { Namespace: METRIC_NAMESPACE, MetricName, Dimensions: [{ Name: 'EndpointName', Value: ENDPOINT_NAME }, { Name: 'VariantName', Value: v.name }] },
        Period: PERIOD_SECONDS,
        Stat: 'Sum',
      },
      ReturnData: true,
    })),
  );
  // Whole hours, so the window (and the memo key) stays the same for the length of a run.
  const end = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  const out = await ctx.client(CloudWatchClient).send(new GetMetricDataCommand({ StartTime: new Date(end.getTime() - LOOKBACK_DAYS * 86_400_000), EndTime: end, MetricDataQueries: queries }));
  const results = out.MetricDataResults ?? [];
  const sum = (id: string) => results.find((r) => r.Id === id)?.Values?.reduce((a, b) => a + b, 0) ?? 0;
  const counts = variants.map((v, i) => {
    const invocations = sum(`v${i}_invocations`);
    const errors = sum(`v${i}_errors4xx`) + sum(`v${i}_errors5xx`);
    return { ...v, invocations, errors, served: Math.max(0, invocations - errors) };
  });
  const line = (c: (typeof counts)[number]) => `${c.role} ${c.name}: ${c.invocations} invocation(s), ${c.errors} with a 4XX or 5XX error, ${c.served} served`;
  const short = counts.filter((c) => c.served < MIN_SERVED_PER_VARIANT);
  if (short.length === 0) return pass(`In the last ${LOOKBACK_DAYS} days: ${counts.map(line).join('; ')}.`);
  // Too few counts only when CloudWatch returned every data point (StatusCode Complete, no NextToken).
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataResult.html
  const incomplete = queries.map((q) => q.Id!).filter((id) => results.find((r) => r.Id === id)?.StatusCode !== 'Complete');
  if (incomplete.length > 0 || out.NextToken) {
    return undecided(`${counts.map(line).join('; ')} so far, but CloudWatch did not return every data point (${incomplete.join(', ') || 'more pages'}); run the check again, and if this persists, check that the checker may call cloudwatch:GetMetricData.`);
  }
  const findings = [`In the last ${LOOKBACK_DAYS} days: ${counts.map(line).join('; ')}. Each variant must answer at least ${MIN_SERVED_PER_VARIANT}; metrics reach CloudWatch a few minutes after the requests.`];
  const candidate = counts[1]!;
  if (short.includes(candidate) && candidate.invocations < MIN_SERVED_PER_VARIANT) {
    findings.push(`At a ${percent(CANDIDATE_SHARE)} weight the candidate sees about one request in ten: send the endpoint about 200 requests, so its share is visible and comparable with production's.`);
  }
  if (counts.some((c) => c.errors > 0)) {
    findings.push('Errors are not answers: 4XX means the request was refused (built-in XGBoost expects ContentType text/csv and the twelve feature columns without the label), 5XX that the model failed; the endpoint\'s log group says which.');
  }
  return fail(...findings);
}

// --- R5 auto scaling of the production variant ------------------------------------------------------

const resourceIdOf = (variant: string) => `endpoint/${ENDPOINT_NAME}/variant/${variant}`;

async function checkScaling(ctx: CheckContext): Promise<CheckVerdict> {
  const found = await rollout(ctx);
  if ('verdict' in found) return found.verdict;
  const { production, candidate } = found.split;
  const client = ctx.client(ApplicationAutoScalingClient);
  const targets = await collect(
    paginateDescribeScalableTargets({ client }, { ServiceNamespace: 'sagemaker', ResourceIds: [resourceIdOf(production.name), resourceIdOf(candidate.name)], ScalableDimension: SCALABLE_DIMENSION }),
    (page) => page.ScalableTargets,
  );
  const target: ScalableTarget | undefined = targets.find((t) => t.ResourceId === resourceIdOf(production.name));
  if (!target) {
    return fail(
      targets.length > 0
        ? `Only the candidate variant ${candidate.name} is a scalable target: it answers ${percent(candidate.share)} of requests, so load grows on production ${production.name} (${percent(production.share)}), which is the variant to scale.`
        : `No scalable target is registered for ${resourceIdOf(production.name)} (dimension ${SCALABLE_DIMENSION}): without one the production variant keeps its instance count whatever the load.`,
    );
  }
  const problems: string[] = [];
  if (target.MinCapacity !== SCALING_MIN_CAPACITY) {
    problems.push(
      (target.MinCapacity ?? 0) > SCALING_MIN_CAPACITY
        ? `MinCapacity is ${target.MinCapacity}: ${target.MinCapacity} instances bill every hour even when traffic is low; the scenario's minimum is ${SCALING_MIN_CAPACITY}.`
        : `MinCapacity is ${target.MinCapacity}; a real-time variant keeps at least one instance, and the scenario's minimum is ${SCALING_MIN_CAPACITY}.`,
    );
  }
  if (target.MaxCapacity !== SCALING_MAX_CAPACITY) {
    problems.push(
      (target.MaxCapacity ?? 0) > SCALING_MAX_CAPACITY
        ? `MaxCapacity is ${target.MaxCapacity}: a traffic spike could start ${target.MaxCapacity} instances; the lab's bound is ${SCALING_MAX_CAPACITY}, which keeps its cost predictable.`
        : `MaxCapacity is ${target.MaxCapacity}, equal to the minimum: the target can never add an instance. The scenario's bound is ${SCALING_MAX_CAPACITY}.`,
    );
  }
  const policies: ScalingPolicy[] = await collect(
    paginateDescribeScalingPolicies({ client }, { ServiceNamespace: 'sagemaker', ResourceId: target.ResourceId, ScalableDimension: SCALABLE_DIMENSION }),
    (page) => page.ScalingPolicies,
  );
  if (policies.length === 0) problems.push(`${target.ResourceId} has bounds but no scaling policy, so it never scales: attach one (target tracking on SageMakerVariantInvocationsPerInstance, for example).`);
  const described = policies.map((p) => `${p.PolicyName} (${p.PolicyType}${p.TargetTrackingScalingPolicyConfiguration ? `, target ${p.TargetTrackingScalingPolicyConfiguration.TargetValue} on ${p.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification?.PredefinedMetricType ?? 'a custom metric'}` : ''})`);
  return verdictFrom(problems, [`${target.ResourceId} scales between ${target.MinCapacity} and ${target.MaxCapacity} instances with ${described.join(', ')}.`]);
}

export const checks = defineChecks(lab, {
  R1: checkEndpoint,
  R2: checkModels,
  R3: checkGuardrail,
  R4: checkTraffic,
  R5: checkScaling,
});
