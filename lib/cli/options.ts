// Option value parsers shared by commands: each refuses a bad value with one line naming the option.
import { SERVICE_NAMES, type ServiceName } from '../model';
import { UsageError } from './errors';
import { didYouMean } from './suggest';

export function positiveInteger(max: number) {
  return (raw: string, flag: string): number => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || n < 1 || n > max) {
      throw new UsageError(`${flag} must be a whole number between 1 and ${max}, got '${raw}'`);
    }
    return n;
  };
}

/** Seconds, as a number (`30`, `2.5`), returned in milliseconds. */
export function secondsToMs(min: number, max: number) {
  return (raw: string, flag: string): number => {
    const n = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw.trim()) || n < min || n > max) {
      throw new UsageError(`${flag} must be a number of seconds between ${min} and ${max}, got '${raw}'`);
    }
    return Math.round(n * 1000);
  };
}

export function serviceList(raw: string, flag: string): ServiceName[] {
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError(`${flag} needs at least one service, e.g. ${flag} Firehose,S3`);
  for (const name of names) {
    if (!(SERVICE_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(`${flag}: unknown service '${name}'${didYouMean(name, SERVICE_NAMES)} (one of ${SERVICE_NAMES.join(', ')})`);
    }
  }
  return names as ServiceName[];
}

export function nonEmpty(raw: string, flag: string): string {
  if (raw.trim() === '') throw new UsageError(`${flag} needs a value`);
  return raw;
}

/** A lab budget in US dollars a month, within the range the lab stack accepts (lib/stack/lab-budget). */
export function budgetUsd(raw: string, flag: string): number {
  // Required here, not imported: lab-budget loads aws-cdk-lib, which only deploy needs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MIN_BUDGET_USD, MAX_BUDGET_USD } = require('../stack/lab-budget') as { MIN_BUDGET_USD: number; MAX_BUDGET_USD: number };
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || n < MIN_BUDGET_USD || n > MAX_BUDGET_USD) {
    throw new UsageError(`${flag} must be a number of US dollars a month between ${MIN_BUDGET_USD} and ${MAX_BUDGET_USD}, got '${raw}'`);
  }
  return n;
}

export function emailAddress(raw: string, flag: string): string {
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(raw.trim())) throw new UsageError(`${flag} must be an email address, got '${raw}'`);
  return raw.trim();
}
