// Option value parsers shared by commands: each refuses a bad value with one line naming the option.
import { MAX_BUDGET_USD, MIN_BUDGET_USD, SERVICE_NAMES, type ServiceName } from '../model';
import { UsageError } from './errors';
import { requireRegionFormat } from './region-format';
import { didYouMean } from './suggest';
import { echo } from './text';

export function positiveInteger(max: number) {
  return (raw: string, flag: string): number => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || n < 1 || n > max) {
      throw new UsageError(`${flag} must be a whole number between 1 and ${max}, got '${echo(raw)}'`);
    }
    return n;
  };
}

/** Seconds, as a number (`30`, `2.5`), returned in milliseconds. */
export function secondsToMs(min: number, max: number) {
  return (raw: string, flag: string): number => {
    const n = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw.trim()) || n < min || n > max) {
      throw new UsageError(`${flag} must be a number of seconds between ${min} and ${max}, got '${echo(raw)}'`);
    }
    return Math.round(n * 1000);
  };
}

export function serviceList(raw: string, flag: string): ServiceName[] {
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError(`${flag} needs at least one service, e.g. ${flag} Firehose,S3`);
  for (const name of names) {
    if (!(SERVICE_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(`${flag}: unknown service '${echo(name)}'${didYouMean(name, SERVICE_NAMES)} (one of ${SERVICE_NAMES.join(', ')})`);
    }
  }
  return names as ServiceName[];
}

export function nonEmpty(raw: string, flag: string): string {
  if (raw.trim() === '') throw new UsageError(`${flag} needs a value`);
  return raw;
}

/** A lab budget in US dollars a month, within the range the lab stack accepts (lib/model). */
export function budgetUsd(raw: string, flag: string): number {
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || n < MIN_BUDGET_USD || n > MAX_BUDGET_USD) {
    throw new UsageError(`${flag} must be a number of US dollars a month between ${MIN_BUDGET_USD} and ${MAX_BUDGET_USD}, got '${echo(raw)}'`);
  }
  return n;
}

export function emailAddress(raw: string, flag: string): string {
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(raw.trim())) throw new UsageError(`${flag} must be an email address, got '${echo(raw)}'`);
  return raw.trim();
}

/** `--regions all` or `--regions us-east-1,eu-west-1` (each name is checked against the SDK's partition data when the command runs). */
export function parseRegions(raw: string, flag: string): 'all' | string[] {
  if (raw.trim() === 'all') return 'all';
  const names = raw.split(',').map((r) => r.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError(`${flag} needs 'all' or a comma list of regions, e.g. ${flag} us-east-1,eu-west-1`);
  return names.map((r) => requireRegionFormat(r, flag));
}
