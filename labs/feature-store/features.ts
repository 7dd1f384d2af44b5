// What the checks of the feature-store lab compare, without the SDK: feature values by their type,
// offline store locations, and the event-time partitions of the offline store's files.
import { EVENT_TIME_FEATURE, type FeatureType } from './lab';

/**
 * Whether a value read back from Feature Store (always a string, FeatureValue.ValueAsString) is the
 * expected value of the shipped data, compared as the feature's type: Integral and Fractional as
 * numbers (`3` and `3.0`, `64.5` and `64.50` are the same Fractional), String as text. The event time
 * is compared as an instant, whichever documented form it was written in: ISO-8601
 * (`yyyy-MM-dd'T'HH:mm:ssZ` or with milliseconds) or Unix seconds.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateFeatureGroup.html (EventTimeFeatureName)
 */
export function sameValue(feature: string, type: FeatureType, actual: string, expected: string): boolean {
  if (feature === EVENT_TIME_FEATURE) {
    const a = instantOf(actual);
    return a !== undefined && a === instantOf(expected);
  }
  if (type === 'String') return actual === expected;
  const a = numberOf(actual);
  const e = numberOf(expected);
  if (a === undefined || e === undefined) return false;
  if (type === 'Integral') return Number.isInteger(a) && a === e;
  // IEEE doubles: what was written as 64.5 may read back as 64.49999999999999.
  return Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e));
}

function numberOf(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Milliseconds since the epoch of an ISO-8601 timestamp or of Unix seconds; undefined for anything else. */
export function instantOf(value: string): number | undefined {
  const seconds = numberOf(value);
  if (seconds !== undefined) return Math.round(seconds * 1000);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `2026-11-30T23:00:00Z` -> `2026-11-30`: the UTC day of an event time, as the offline store partitions by it. */
export function dayOf(eventTime: string): string | undefined {
  const ms = instantOf(eventTime);
  return ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 10);
}

/**
 * The UTC day of the event-time partition an offline store file sits in, from its key: Glue table
 * format `.../data/year=2026/month=11/day=30/hour=23/<file>.parquet`, Iceberg table format
 * `.../data/<8 characters>/<event time feature>_trunc=2026-11-30/<file>.parquet`.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-offline.html
 */
export function partitionDayOf(key: string): string | undefined {
  const glue = /(?:^|\/)year=(\d{4})\/month=(\d{2})\/day=(\d{2})\//.exec(key);
  if (glue) return `${glue[1]}-${glue[2]}-${glue[3]}`;
  const iceberg = /_trunc=(\d{4}-\d{2}-\d{2})\//.exec(key);
  return iceberg?.[1];
}

/**
 * `{ bucket, key }` of an offline store URI. S3StorageConfig.S3Uri matches `^(https|s3)://([^/]+)/?(.*)$`
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_S3StorageConfig.html), so besides
 * `s3://bucket/prefix` it may be an HTTPS URL of S3: virtual-hosted (`https://bucket.s3.region.amazonaws.com/prefix`)
 * or path-style (`https://s3.region.amazonaws.com/bucket/prefix`).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
 */
export function parseOfflineUri(uri: string): { bucket: string; key: string } | undefined {
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri.trim());
  if (s3) return { bucket: s3[1]!, key: s3[2]! };
  const virtual = /^https:\/\/(.+?)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?\/?(.*)$/.exec(uri.trim());
  if (virtual) return { bucket: virtual[1]!, key: virtual[2]! };
  const path = /^https:\/\/s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?\/([^/]+)\/?(.*)$/.exec(uri.trim());
  return path ? { bucket: path[1]!, key: path[2]! } : undefined;
}

/** A key as a folder prefix: `a/b` -> `a/b/`. */
export function asFolder(key: string): string {
  return key === '' || key.endsWith('/') ? key : `${key}/`;
}
