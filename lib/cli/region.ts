import { partition } from '@aws-sdk/core/client';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { UsageError } from './errors';
import { requireRegionFormat } from './region-format';
import { didYouMean } from './suggest';
import { echo } from './text';

/**
 * Refuses a region that is misspelt or unknown to the SDK's partition data (the same data the SDK
 * resolves endpoints from), so a typo is exit 2 and not a timeout against a host that does not exist.
 */
export function validateRegion(region: string, from: string): string {
  requireRegionFormat(region, from);
  // The partition data gives a description only for regions it lists; unknown names match by pattern only.
  if (!(partition(region) as { description?: string }).description) {
    throw new UsageError(`${from}: '${echo(region)}' is not a known AWS region (see https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html)`);
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
  // A profile the user named (--profile, else AWS_PROFILE) must exist, wherever the region comes
  // from: the credentials come from it, and "no credentials" would not say the name is wrong.
  const named = sources.profile ?? (sources.env.AWS_PROFILE || undefined);
  const profiles = await sharedProfiles(sources.env);
  if (named !== undefined) requireProfile(named, sources.profile !== undefined ? '--profile' : 'AWS_PROFILE', profiles, sources.env);
  if (sources.flag !== undefined) return validateRegion(sources.flag, '--region');
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = sources.env[name];
    if (value) return validateRegion(value, name);
  }
  const profile = named ?? 'default';
  const fromProfile = profiles.get(profile)?.region;
  if (fromProfile) return validateRegion(fromProfile, `profile '${profile}'`);
  if (sources.fallback) return validateRegion(sources.fallback.region, sources.fallback.from);
  throw new UsageError(`no region: pass --region (e.g. --region us-east-1), set AWS_REGION, or set a region in profile '${profile}'`);
}

/** Every profile of the shared config and credentials files, with its settings (the config file's first). */
async function sharedProfiles(env: Record<string, string | undefined>): Promise<Map<string, Record<string, string | undefined>>> {
  const files = await loadSharedConfigFiles({
    ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}),
    ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
    ignoreCache: true,
  });
  const profiles = new Map<string, Record<string, string | undefined>>();
  for (const [name, settings] of Object.entries(files.credentialsFile ?? {})) profiles.set(name, { ...settings });
  for (const [name, settings] of Object.entries(files.configFile ?? {})) profiles.set(name, { ...profiles.get(name), ...settings });
  return profiles;
}

/** A profile the user named that is in neither file is named as missing, with where it was looked for. */
function requireProfile(profile: string, from: string, profiles: ReadonlyMap<string, unknown>, env: Record<string, string | undefined>): void {
  if (profiles.has(profile)) return;
  const config = env.AWS_CONFIG_FILE ?? '~/.aws/config';
  const credentials = env.AWS_SHARED_CREDENTIALS_FILE ?? '~/.aws/credentials';
  const known = [...profiles.keys()];
  throw new UsageError(
    `${from}: profile '${echo(profile)}' does not exist in ${config} or ${credentials}${didYouMean(profile, known)} ` +
      `(${known.length ? `profiles: ${known.join(', ')}` : 'no profiles are configured'}; create it with \`aws configure --profile ${echo(profile)}\`)`,
  );
}
