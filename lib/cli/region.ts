import { partition } from '@aws-sdk/core/client';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { UsageError } from './errors';
import { requireRegionFormat } from './region-format';

/**
 * Refuses a region that is misspelt or unknown to the SDK's partition data (the same data the SDK
 * resolves endpoints from), so a typo is exit 2 and not a timeout against a host that does not exist.
 */
export function validateRegion(region: string, from: string): string {
  requireRegionFormat(region, from);
  // The partition data gives a description only for regions it lists; unknown names match by pattern only.
  if (!(partition(region) as { description?: string }).description) {
    throw new UsageError(`${from}: '${region}' is not a known AWS region (see https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html)`);
  }
  return region;
}

export interface RegionSources {
  readonly flag?: string;
  readonly env: Record<string, string | undefined>;
  readonly profile?: string;
  /** Used last, e.g. the region a replayed cassette was recorded in. */
  readonly fallback?: { readonly region: string; readonly from: string };
}

/** --region, else AWS_REGION / AWS_DEFAULT_REGION, else the profile's region, else the fallback. */
export async function resolveRegion(sources: RegionSources): Promise<string> {
  if (sources.flag !== undefined) return validateRegion(sources.flag, '--region');
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = sources.env[name];
    if (value) return validateRegion(value, name);
  }
  const profile = sources.profile ?? sources.env.AWS_PROFILE ?? 'default';
  const fromProfile = await profileRegion(profile, sources.env);
  if (fromProfile) return validateRegion(fromProfile, `profile '${profile}'`);
  if (sources.fallback) return validateRegion(sources.fallback.region, sources.fallback.from);
  throw new UsageError(`no region: pass --region (e.g. --region us-east-1), set AWS_REGION, or set a region in profile '${profile}'`);
}

async function profileRegion(profile: string, env: Record<string, string | undefined>): Promise<string | undefined> {
  const files = await loadSharedConfigFiles({
    ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}),
    ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
    ignoreCache: true,
  });
  return files.configFile?.[profile]?.region ?? files.credentialsFile?.[profile]?.region;
}
