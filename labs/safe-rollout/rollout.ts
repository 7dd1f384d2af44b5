// The arithmetic of a guarded rollout, apart from the SDK so the tests can hold it to the AWS pages:
// how variant weights split traffic, how big the first step of a blue/green update is, and how soon
// a CloudWatch alarm can fire. labs/safe-rollout/checks.ts reads the values; this decides on them.

/** One production variant as DescribeEndpoint reports it, reduced to what the rollout needs. */
export interface LiveVariant {
  readonly name: string;
  readonly weight: number;
  readonly instances: number | undefined;
}

export interface Split {
  readonly production: LiveVariant & { readonly share: number };
  readonly candidate: LiveVariant & { readonly share: number };
}

/**
 * Weights are relative: a variant gets its weight over the sum of the weights, so 9/1, 0.9/0.1 and
 * 90/10 are the same split. The variant with the smaller share is the candidate.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/model-ab-testing.html
 */
export function splitOf(a: LiveVariant, b: LiveVariant): Split | undefined {
  const total = a.weight + b.weight;
  if (!(total > 0)) return undefined;
  const [production, candidate] = a.weight >= b.weight ? [a, b] : [b, a];
  return { production: { ...production, share: production.weight / total }, candidate: { ...candidate, share: candidate.weight / total } };
}

/** Shares are compared as percentages to a millionth, so binary fractions (0.9/0.1) compare equal. */
export function sameShare(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-6;
}

export const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`;

/** `CapacitySize` of a traffic routing step (API_CapacitySize). */
export interface StepSize {
  readonly Type?: string;
  readonly Value?: number;
}

/**
 * A step as a percentage of a variant's capacity: CAPACITY_PERCENT is one already; INSTANCE_COUNT is
 * measured against the smallest variant, the one a fixed count covers the largest share of.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CapacitySize.html
 */
export function stepPercent(size: StepSize | undefined, smallestVariantInstances: number | undefined): number | undefined {
  if (!size || size.Value === undefined) return undefined;
  if (size.Type === 'CAPACITY_PERCENT') return size.Value;
  if (size.Type === 'INSTANCE_COUNT' && smallestVariantInstances && smallestVariantInstances > 0) return (size.Value / smallestVariantInstances) * 100;
  return undefined;
}

/** What decides how soon a metric alarm can fire. */
export interface AlarmTiming {
  readonly Period?: number;
  readonly EvaluationPeriods?: number;
  readonly DatapointsToAlarm?: number;
}

/**
 * The earliest an alarm can reach ALARM once errors start: it needs DatapointsToAlarm breaching
 * data points (EvaluationPeriods when not set), one per period.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarm-evaluation
 */
export function secondsToAlarm(alarm: AlarmTiming, period = alarm.Period): number | undefined {
  const points = alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods;
  return period !== undefined && points !== undefined ? period * points : undefined;
}
