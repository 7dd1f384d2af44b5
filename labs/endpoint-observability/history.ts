// Reading an alarm's StateUpdate history items (no calls here). HistoryData is a JSON document with
// the old and the new state; when CloudWatch's evaluation of the metric changed the state, the new
// state carries `stateReasonData` with the window it queried (startDate, queryDate), the period, the
// threshold and the data points it saw. A state set by hand with SetAlarmState carries only the
// caller's reason (and whatever StateReasonData the caller chose to pass), as the aws-cli example of
// describe-alarm-history shows ("stateReason":"testing purposes", no stateReasonData).
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_AlarmHistoryItem.html
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_SetAlarmState.html
// https://github.com/aws/aws-cli/blob/develop/awscli/examples/cloudwatch/describe-alarm-history.rst
import type { AlarmHistoryItem } from '@aws-sdk/client-cloudwatch';

export interface Evaluation {
  /** Start of the window CloudWatch queried. */
  readonly start: Date;
  /** When CloudWatch queried it; the window ends at most one period later. */
  readonly query: Date;
  readonly period?: number;
  readonly threshold?: number;
  readonly datapoints: readonly number[];
}

export type AlarmTransition =
  | { readonly at: Date; readonly by: 'evaluation'; readonly evaluation: Evaluation; readonly reason: string }
  | { readonly at: Date; readonly by: 'hand'; readonly reason: string };

/** CloudWatch writes dates as `2014-04-09T18:44:00.000+0000`: the offset without a colon, which ISO 8601 parsers do not all accept. */
export function parseCloudWatchDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The transitions into ALARM among StateUpdate items; items that are not, or that cannot be read, are left out. */
export function transitionsIntoAlarm(items: readonly AlarmHistoryItem[]): AlarmTransition[] {
  const found: AlarmTransition[] = [];
  for (const item of items) {
    if (item.HistoryItemType !== 'StateUpdate' || !item.Timestamp || !item.HistoryData) continue;
    let data: any;
    try {
      data = JSON.parse(item.HistoryData);
    } catch {
      continue;
    }
    const next = data?.newState;
    if (next?.stateValue !== 'ALARM') continue;
    const reason = String(next.stateReason ?? '');
    const r = next.stateReasonData;
    const start = parseCloudWatchDate(r?.startDate);
    const query = parseCloudWatchDate(r?.queryDate);
    if (!r || !start || !query) {
      found.push({ at: item.Timestamp, by: 'hand', reason });
      continue;
    }
    const datapoints = Array.isArray(r.recentDatapoints) ? r.recentDatapoints.filter((v: unknown): v is number => typeof v === 'number') : [];
    found.push({
      at: item.Timestamp,
      by: 'evaluation',
      reason,
      evaluation: { start, query, datapoints, ...(typeof r.period === 'number' ? { period: r.period } : {}), ...(typeof r.threshold === 'number' ? { threshold: r.threshold } : {}) },
    });
  }
  return found.sort((a, b) => b.at.getTime() - a.at.getTime());
}
