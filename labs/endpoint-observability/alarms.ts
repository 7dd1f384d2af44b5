// What R2 and R3 ask of an alarm, judged from DescribeAlarms' MetricAlarm alone (no calls here): which
// metric it watches, with which statistic, threshold, window and actions, and what each wrong choice
// costs the on-call team. A metric-math alarm is judged when its expression is the metric itself or
// the metric scaled by a constant (`m1/1000` turns microseconds into milliseconds); any other
// expression is reported as undecidable, never as wrong.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricAlarm.html
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create-alarm-on-metric-math-expression.html
import type { Dimension, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import {
  ENDPOINT_NAME,
  LATENCY_PERCENTILE,
  LATENCY_THRESHOLD_MICROSECONDS,
  LATENCY_THRESHOLD_MS,
  LOW_SAMPLE_COUNT,
  MAX_DETECTION_SECONDS,
  METRIC_NAMESPACE,
  METRIC_PERIOD_SECONDS,
} from './lab';

/** The metric an alarm evaluates, in the metric's own unit once `scale` is undone. */
export interface WatchedMetric {
  readonly namespace?: string;
  readonly name?: string;
  readonly dimensions: readonly Dimension[];
  /** `Average`, `p90`, ... as the alarm states it. */
  readonly stat?: string;
  readonly period?: number;
  /** The alarm compares `metric x scale` with its threshold (1 for a plain alarm). */
  readonly scale: number;
}

export type AlarmView =
  | { readonly alarm: MetricAlarm; readonly metric: WatchedMetric }
  | { readonly alarm: MetricAlarm; readonly undecidable: string; readonly metricNames: readonly string[] };

const SCALED = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*(?:([*/])\s*([0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?))?\s*$/;

/** How CloudWatch evaluates an alarm, as far as the check can decide it. */
export function viewOf(alarm: MetricAlarm): AlarmView {
  const queries = alarm.Metrics ?? [];
  if (queries.length === 0) {
    return {
      alarm,
      metric: { namespace: alarm.Namespace, name: alarm.MetricName, dimensions: alarm.Dimensions ?? [], stat: alarm.ExtendedStatistic ?? alarm.Statistic, period: alarm.Period, scale: 1 },
    };
  }
  const stats = queries.filter((q) => q.MetricStat);
  const metricNames = stats.map((q) => q.MetricStat!.Metric?.MetricName ?? '?');
  const expressions = queries.filter((q) => q.Expression !== undefined);
  const undecidable = (why: string): AlarmView => ({ alarm, metricNames, undecidable: `${alarm.AlarmName} is a metric-math alarm ${why}; the check decides only an expression that is one metric, possibly times or divided by a constant.` });
  if (stats.length !== 1) return undecidable(`over ${stats.length} metrics`);
  const stat = stats[0]!;
  let scale = 1;
  if (expressions.length > 1) return undecidable(`with ${expressions.length} expressions`);
  if (expressions.length === 1) {
    const expression = expressions[0]!.Expression!;
    const m = SCALED.exec(expression);
    if (!m || m[1] !== stat.Id) return undecidable(`on the expression '${expression}'`);
    const factor = m[3] === undefined ? 1 : Number(m[3]);
    if (!(factor > 0)) return undecidable(`on the expression '${expression}'`);
    scale = m[2] === '/' ? 1 / factor : factor;
  }
  const s = stat.MetricStat!;
  return { alarm, metric: { namespace: s.Metric?.Namespace, name: s.Metric?.MetricName, dimensions: s.Metric?.Dimensions ?? [], stat: s.Stat, period: s.Period, scale } };
}

/** The alarm's threshold in the metric's own unit. */
export function thresholdInMetricUnits(view: { alarm: MetricAlarm; metric: WatchedMetric }): number | undefined {
  const t = view.alarm.Threshold;
  return t === undefined ? undefined : t / view.metric.scale;
}

/** Whether the view watches `metric` of the lab's endpoint (any variant), or names it in an undecidable expression. */
export function watches(view: AlarmView, metric: string): boolean {
  if ('undecidable' in view) return view.metricNames.includes(metric);
  return view.metric.namespace === METRIC_NAMESPACE && view.metric.name === metric && dimension(view.metric.dimensions, 'EndpointName') === ENDPOINT_NAME;
}

export function dimension(dimensions: readonly Dimension[], name: string): string | undefined {
  return dimensions.find((d) => d.Name === name)?.Value;
}

/** `p90`, `p90.0`, `p90.00`: a percentile statistic and its value; undefined for any other statistic. */
export function percentileOf(stat: string | undefined): number | undefined {
  const m = /^p(\d{1,3}(?:\.\d+)?)$/.exec(stat ?? '');
  return m ? Number(m[1]) : undefined;
}

const ms = (microseconds: number) => `${(microseconds / 1000).toLocaleString('en-US', { maximumFractionDigits: 3 })} ms`;

/** Problems every alarm of R2 and R3 shares: the variant's dimensions, a window within minutes, the topic among its ALARM actions. */
function commonProblems(view: { alarm: MetricAlarm; metric: WatchedMetric }, variant: string, topicArn: string): string[] {
  const { alarm, metric } = view;
  const name = alarm.AlarmName;
  const problems: string[] = [];
  const dims = metric.dimensions;
  const extra = dims.filter((d) => d.Name !== 'EndpointName' && d.Name !== 'VariantName').map((d) => d.Name);
  const alarmVariant = dimension(dims, 'VariantName');
  if (alarmVariant === undefined) {
    problems.push(`${name} watches ${metric.name} with the dimension EndpointName only: SageMaker publishes it per EndpointName and VariantName together, and CloudWatch treats each combination of dimensions as its own metric, so the alarm watches a metric that never receives data. Add VariantName ${variant}.`);
  } else if (alarmVariant !== variant) {
    problems.push(`${name} watches the variant '${alarmVariant}', but ${ENDPOINT_NAME}'s variant is '${variant}': the alarm watches a metric that never receives data.`);
  }
  if (extra.length > 0) problems.push(`${name} adds the dimension(s) ${extra.join(', ')}, which SageMaker does not publish ${metric.name} with: the alarm watches a metric that never receives data.`);
  const period = metric.period ?? 0;
  const periods = alarm.EvaluationPeriods ?? 1;
  if (period < METRIC_PERIOD_SECONDS) {
    problems.push(`${name} evaluates ${period}-second periods, but SageMaker publishes endpoint invocation metrics once a minute: most ${period}-second periods hold no data, and a period under 60 seconds is billed as a high-resolution alarm (USD 0.30 a month instead of 0.10).`);
  } else if (period * periods > MAX_DETECTION_SECONDS) {
    problems.push(`${name} needs ${periods} period(s) of ${period} s of breaching data, ${(period * periods) / 60} minutes, before it goes into ALARM; the on-call team must know within ${MAX_DETECTION_SECONDS / 60} minutes.`);
  }
  if (alarm.ActionsEnabled === false) problems.push(`${name} has its actions disabled (ActionsEnabled false): it changes state but notifies no one.`);
  if (!(alarm.AlarmActions ?? []).includes(topicArn)) {
    const elsewhere = [...(alarm.OKActions ?? []), ...(alarm.InsufficientDataActions ?? [])].includes(topicArn);
    problems.push(
      elsewhere
        ? `${name} notifies the alerts topic only on OK or INSUFFICIENT_DATA, not when it goes into ALARM: the on-call team hears that things are fine, never that they are not. Put ${topicArn} in its AlarmActions.`
        : `${name}'s AlarmActions (${(alarm.AlarmActions ?? []).join(', ') || 'none'}) do not include the lab's alerts topic ${topicArn}, which the on-call team subscribes to.`,
    );
  }
  return problems;
}

/** What keeps a ModelLatency alarm from meeting R2; empty when it meets it. */
export function latencyProblems(view: { alarm: MetricAlarm; metric: WatchedMetric }, variant: string, topicArn: string): string[] {
  const { alarm, metric } = view;
  const name = alarm.AlarmName;
  const problems = commonProblems(view, variant, topicArn);
  const percentile = percentileOf(metric.stat);
  if (percentile === undefined) {
    problems.push(statisticProblem(name, metric.stat));
  } else if (percentile !== LATENCY_PERCENTILE) {
    problems.push(
      `${name} alarms on p${percentile}; the objective is about 9 requests in 10 (p${LATENCY_PERCENTILE}). ` +
        (percentile > LATENCY_PERCENTILE
          ? `p${percentile} pages the on-call team as soon as ${Math.round(100 - percentile)} request(s) in 100 are slow, which the objective tolerates.`
          : `p${percentile} stays low until more than ${Math.round(100 - percentile)} requests in 100 are slow, after the objective is already missed.`),
    );
  }
  if (percentile !== undefined && alarm.EvaluateLowSampleCountPercentile === 'ignore') {
    problems.push(
      `${name} sets EvaluateLowSampleCountPercentile to 'ignore': for p${LATENCY_PERCENTILE}, a minute with fewer than ${LOW_SAMPLE_COUNT} requests (10 / (1 - 0.${LATENCY_PERCENTILE})) leaves the state unchanged, and this endpoint's slow minutes (a few bulk re-scoring requests) have far fewer, so the alarm would never fire on them. Leave it at 'evaluate'.`,
    );
  }
  const threshold = thresholdInMetricUnits(view);
  const op = alarm.ComparisonOperator;
  if (op !== 'GreaterThanThreshold' && op !== 'GreaterThanOrEqualToThreshold') {
    problems.push(`${name} compares with ${op ?? 'no operator'}: a latency alarm goes into ALARM when latency is above its threshold (GreaterThanThreshold or GreaterThanOrEqualToThreshold).`);
  } else if (threshold === undefined || Math.abs(threshold - LATENCY_THRESHOLD_MICROSECONDS) > 1e-6 * LATENCY_THRESHOLD_MICROSECONDS) {
    problems.push(thresholdProblem(name, threshold, metric.scale));
  }
  return problems;
}

function statisticProblem(name: string | undefined, stat: string | undefined): string {
  switch (stat) {
    case 'Average':
      return `${name} alarms on the Average. In a minute where 85 of 100 requests take 5 ms and 15 take 400 ms, the Average is 64 ms, under ${LATENCY_THRESHOLD_MS} ms, while 15 customers in 100 wait 400 ms; the p${LATENCY_PERCENTILE} of that minute is 400 ms and raises the alarm. Use the ExtendedStatistic p${LATENCY_PERCENTILE}.`;
    case 'Maximum':
      return `${name} alarms on the Maximum: one slow request in a minute (a single bulk re-scoring call) pages the on-call team, while the objective tolerates 1 slow request in 10. Use the ExtendedStatistic p${LATENCY_PERCENTILE}.`;
    case 'Minimum':
      return `${name} alarms on the Minimum, the fastest request of the minute: it stays low while most customers wait. Use the ExtendedStatistic p${LATENCY_PERCENTILE}.`;
    case 'Sum':
    case 'SampleCount':
      return `${name} alarms on the ${stat}, which grows with the number of requests, not with how long each one takes. Use the ExtendedStatistic p${LATENCY_PERCENTILE}.`;
    default:
      if (/^(tm|wm|tc|ts|TM|WM|TC|TS|IQM|PR)/.test(stat ?? '')) {
        return `${name} alarms on '${stat}', a trimmed or windowed statistic: it leaves out the slowest requests, exactly those the alarm is for. Use the percentile p${LATENCY_PERCENTILE}.`;
      }
      return `${name} alarms on '${stat ?? 'no statistic'}'; the objective is stated as a percentile: use the ExtendedStatistic p${LATENCY_PERCENTILE}.`;
  }
}

function thresholdProblem(name: string | undefined, threshold: number | undefined, scale: number): string {
  const stated = `${LATENCY_THRESHOLD_MS} ms is ${LATENCY_THRESHOLD_MICROSECONDS.toLocaleString('en-US')} in ModelLatency's unit, microseconds`;
  if (threshold === undefined) return `${name} has no threshold; ${stated}.`;
  const written = scale === 1 ? `${threshold}` : `${threshold * scale} (on the metric ${scale < 1 ? `divided by ${1 / scale}` : `times ${scale}`}, ${threshold} microseconds)`;
  if (Math.abs(threshold - LATENCY_THRESHOLD_MS) < 1e-9) {
    return `${name}'s threshold is ${written}: SageMaker publishes ModelLatency in microseconds, so that is ${ms(threshold)}. Every request breaches it, even a one-customer answer in a few milliseconds, so the alarm sits in ALARM and the on-call team learns to ignore it. ${stated}.`;
  }
  if (Math.abs(threshold - LATENCY_THRESHOLD_MS / 1000) < 1e-9) {
    return `${name}'s threshold is ${written}, written in seconds: ModelLatency is in microseconds, so that is ${ms(threshold)} and every request breaches it. ${stated}.`;
  }
  return `${name}'s threshold is ${written} microseconds, ${ms(threshold)}; ${stated}.`;
}

/**
 * Whether an Invocation5XXErrors alarm goes into ALARM on the first error of a period. Each 5XX
 * answer counts 1 and every other answer 0, so the Sum of a period is its error count and its
 * Average and Maximum are above 0 as soon as one request failed.
 */
function anyErrorProblem(name: string | undefined, stat: string | undefined, op: string | undefined, threshold: number | undefined): string | undefined {
  const above = op === 'GreaterThanThreshold';
  const atLeast = op === 'GreaterThanOrEqualToThreshold';
  if (!above && !atLeast) return `${name} compares with ${op ?? 'no operator'}: an error alarm goes into ALARM when errors are above its threshold.`;
  const t = threshold ?? NaN;
  switch (stat) {
    case 'Sum':
      if ((above && t >= 0 && t < 1) || (atLeast && t > 0 && t <= 1)) return undefined;
      return `${name} goes into ALARM only when the Sum of 5XX errors in a period is ${above ? 'above' : 'at least'} ${t}: it tolerates ${above ? Math.floor(t) : Math.ceil(t) - 1} failed request(s) per period, and the on-call team must hear about the first (above 0, or at least 1).`;
    case 'Average':
    case 'Maximum':
      if (above && t === 0) return undefined;
      return `${name} alarms on the ${stat} of Invocation5XXErrors ${above ? 'above' : 'at or above'} ${t}: each answer counts 1 when it failed and 0 otherwise, so the ${stat} is above 0 from the first failure, and ${stat === 'Average' ? `${t} is an error rate, not "any error"` : 'no other threshold means "any error"'}. Use the Sum above 0 (or the ${stat} above 0).`;
    case 'SampleCount':
      return `${name} alarms on the SampleCount of Invocation5XXErrors, which counts every answer, failed or not: it rises with traffic. Use the Sum, which counts failed answers.`;
    case 'Minimum':
      return `${name} alarms on the Minimum of Invocation5XXErrors, which stays 0 as long as one answer of the period succeeded. Use the Sum above 0.`;
    default:
      return `${name} alarms on '${stat ?? 'no statistic'}' of Invocation5XXErrors; Sum (or Average) are the statistics SageMaker documents for it. Use the Sum above 0.`;
  }
}

/** What keeps an Invocation5XXErrors alarm from meeting R3; empty when it meets it. */
export function errorProblems(view: { alarm: MetricAlarm; metric: WatchedMetric }, variant: string, topicArn: string): string[] {
  const problems = commonProblems(view, variant, topicArn);
  const threshold = anyErrorProblem(view.alarm.AlarmName, view.metric.stat, view.alarm.ComparisonOperator, thresholdInMetricUnits(view));
  if (threshold) problems.push(threshold);
  return problems;
}
