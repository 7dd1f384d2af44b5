import { UsageError } from './errors';
import { echo } from './text';

const REGION_FORMAT = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/**
 * Refuses what cannot be a region name. Cheap, so option parsers use it before a command loads;
 * `validateRegion` (region.ts) also checks the name against the SDK's partition data.
 */
export function requireRegionFormat(region: string, from: string): string {
  if (!REGION_FORMAT.test(region)) {
    throw new UsageError(`${from}: '${echo(region)}' is not an AWS region name (expected a name like us-east-1)`);
  }
  return region;
}
