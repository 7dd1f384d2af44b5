import {
  DeleteAppCommand,
  DeleteSpaceCommand,
  DeleteUserProfileCommand,
  DescribeDomainCommand,
  paginateListApps,
  paginateListSpaces,
  paginateListUserProfiles,
  type AppDetails,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { collect, isServiceError, ProgressLog, type CleanupProgress } from './progress';

export interface AppsCleanupClients {
  readonly sagemaker: SageMakerClient;
}

export interface AppsCleanupOptions {
  readonly domainId: string;
  /**
   * Also delete the domain's user profiles once their apps and spaces are gone.
   * @default false - the lab stack's CloudFormation deletes the user profile it created
   */
  readonly deleteUserProfiles?: boolean;
}

/**
 * One non-blocking pass of emptying a Studio domain: apps first, then spaces once their apps are
 * gone, then (optionally) user profiles once their apps and private spaces are gone. SageMaker
 * refuses to delete a space or profile that still has apps, and a domain that still has any of
 * them, and deleting an app takes minutes, so each pass starts what it can and reports the rest.
 * See https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeleteDomain.html
 */
export async function advanceAppsCleanup(clients: AppsCleanupClients, options: AppsCleanupOptions): Promise<CleanupProgress> {
  const { sagemaker } = clients;
  const { domainId } = options;
  const log = new ProgressLog();

  try {
    await sagemaker.send(new DescribeDomainCommand({ DomainId: domainId }));
  } catch (error) {
    // A domain that no longer exists has no apps, spaces or profiles left.
    if (isServiceError(error, 'ResourceNotFound')) return log.result();
    throw error;
  }

  const apps = await collect(paginateListApps({ client: sagemaker }, { DomainIdEquals: domainId }), (p) => p.Apps);
  // A deleted app stays listed with status Deleted for a while; it no longer blocks anything.
  const liveApps = apps.filter((app) => app.Status !== 'Deleted');
  for (const app of liveApps) await deleteApp(sagemaker, domainId, app, log);

  const spaces = await collect(paginateListSpaces({ client: sagemaker }, { DomainIdEquals: domainId }), (p) => p.Spaces);
  for (const space of spaces) {
    const name = space.SpaceName ?? '';
    const label = `space '${name}'`;
    if (space.Status === 'Deleting') {
      log.wait(`${label} is Deleting`);
      continue;
    }
    const blocking = liveApps.filter((app) => app.SpaceName === name);
    if (blocking.length > 0) {
      log.wait(`${label} waits for its ${blocking.length} app(s) to be deleted`);
      continue;
    }
    await attempt(log, label, () => sagemaker.send(new DeleteSpaceCommand({ DomainId: domainId, SpaceName: name })));
  }

  if (options.deleteUserProfiles) {
    const profiles = await collect(paginateListUserProfiles({ client: sagemaker }, { DomainIdEquals: domainId }), (p) => p.UserProfiles);
    for (const profile of profiles) {
      const name = profile.UserProfileName ?? '';
      const label = `user profile '${name}'`;
      if (profile.Status === 'Deleting') {
        log.wait(`${label} is Deleting`);
        continue;
      }
      const ownApps = liveApps.filter((app) => app.UserProfileName === name).length;
      const ownSpaces = spaces.filter((s) => s.OwnershipSettingsSummary?.OwnerUserProfileName === name).length;
      if (ownApps + ownSpaces > 0) {
        log.wait(`${label} waits for its ${ownApps} app(s) and ${ownSpaces} private space(s) to be deleted`);
        continue;
      }
      await attempt(log, label, () =>
        sagemaker.send(new DeleteUserProfileCommand({ DomainId: domainId, UserProfileName: name })),
      );
    }
  }

  return log.result();
}

function appLabel(app: AppDetails): string {
  const owner = app.SpaceName ? `space '${app.SpaceName}'` : `user profile '${app.UserProfileName ?? ''}'`;
  return `${app.AppType ?? 'app'} app '${app.AppName ?? ''}' of ${owner}`;
}

async function deleteApp(sagemaker: SageMakerClient, domainId: string, app: AppDetails, log: ProgressLog): Promise<void> {
  const label = appLabel(app);
  if (app.Status === 'Deleting') {
    log.wait(`${label} is Deleting`);
    return;
  }
  await attempt(log, label, () =>
    sagemaker.send(
      new DeleteAppCommand({
        DomainId: domainId,
        AppType: app.AppType,
        AppName: app.AppName,
        ...(app.SpaceName ? { SpaceName: app.SpaceName } : { UserProfileName: app.UserProfileName }),
      }),
    ),
  );
}

/**
 * Starts one deletion. ResourceInUse means SageMaker is still busy with the resource (an app
 * still Pending, a space whose last app is finishing): try again on the next pass.
 * ResourceNotFound means someone else finished the job.
 */
async function attempt(log: ProgressLog, label: string, remove: () => Promise<unknown>): Promise<void> {
  try {
    await remove();
    log.act(`delete ${label}`);
    log.wait(`${label} is being deleted`);
  } catch (error) {
    if (isServiceError(error, 'ResourceNotFound')) return;
    if (isServiceError(error, 'ResourceInUse')) {
      log.wait(`${label} is busy (ResourceInUse), retrying on the next pass`);
      return;
    }
    throw error;
  }
}
