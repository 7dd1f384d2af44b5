import {
  DeleteAppCommand,
  DeleteSpaceCommand,
  DeleteUserProfileCommand,
  DescribeDomainCommand,
  ListAppsCommand,
  ListSpacesCommand,
  ListUserProfilesCommand,
  SageMakerClient,
  type AppDetails,
  type SpaceDetails,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { advanceAppsCleanup } from '../../lib/cleanup';
import type { CleanupProgress } from '../../lib/cleanup';
import { awsError } from '../support/check-harness';

const sm = mockClient(SageMakerClient);
const sagemaker = new SageMakerClient({ region: 'us-east-1' });
const domainId = 'd-abc123';

/**
 * A scripted domain: a deleted app stays Deleting for `deletingPolls` list calls, SageMaker
 * answers ResourceInUse where the real service does (a space with live apps, a profile with
 * live apps or spaces), and `busyOnce` apps refuse their first DeleteApp.
 */
class FakeDomain {
  public apps: (AppDetails & { pollsLeft?: number })[] = [];
  public spaces: (SpaceDetails & { pollsLeft?: number })[] = [];
  public profiles: { UserProfileName: string; Status: 'InService' | 'Deleting'; pollsLeft?: number }[] = [];
  public busyOnce = new Set<string>();
  public exists = true;

  constructor(private readonly deletingPolls: number) {
    sm.on(DescribeDomainCommand).callsFake(async () => {
      if (!this.exists) throw awsError('ResourceNotFound');
      return { DomainId: domainId, Status: 'InService' };
    });
    sm.on(ListAppsCommand).callsFake(async () => {
      for (const app of this.apps) {
        if (app.Status === 'Deleting' && --app.pollsLeft! <= 0) app.Status = 'Deleted';
      }
      return { Apps: this.apps.map(({ pollsLeft: _ignored, ...app }) => app) };
    });
    sm.on(ListSpacesCommand).callsFake(async () => {
      this.spaces = this.spaces.filter((s) => !(s.Status === 'Deleting' && --s.pollsLeft! < 0));
      return { Spaces: this.spaces.map(({ pollsLeft: _ignored, ...s }) => s) };
    });
    sm.on(ListUserProfilesCommand).callsFake(async () => {
      this.profiles = this.profiles.filter((p) => !(p.Status === 'Deleting' && --p.pollsLeft! < 0));
      return { UserProfiles: this.profiles.map(({ pollsLeft: _ignored, ...p }) => p) };
    });
    sm.on(DeleteAppCommand).callsFake(async (input) => {
      const app = this.apps.find((a) => a.AppName === input.AppName && a.SpaceName === input.SpaceName && a.UserProfileName === input.UserProfileName);
      if (!app) throw awsError('ResourceNotFound');
      if (this.busyOnce.delete(app.AppName!)) throw awsError('ResourceInUse', 'app is Pending');
      app.Status = 'Deleting';
      app.pollsLeft = this.deletingPolls;
      return {};
    });
    sm.on(DeleteSpaceCommand).callsFake(async (input) => {
      if (this.apps.some((a) => a.SpaceName === input.SpaceName && a.Status !== 'Deleted')) throw awsError('ResourceInUse', 'space has apps');
      const space = this.spaces.find((s) => s.SpaceName === input.SpaceName);
      if (!space) throw awsError('ResourceNotFound');
      space.Status = 'Deleting';
      space.pollsLeft = 1;
      return {};
    });
    sm.on(DeleteUserProfileCommand).callsFake(async (input) => {
      const name = input.UserProfileName;
      const blocked =
        this.apps.some((a) => a.UserProfileName === name && a.Status !== 'Deleted') ||
        this.spaces.some((s) => s.OwnershipSettingsSummary?.OwnerUserProfileName === name);
      if (blocked) throw awsError('ResourceInUse', 'profile has apps or spaces');
      const profile = this.profiles.find((p) => p.UserProfileName === name)!;
      profile.Status = 'Deleting';
      profile.pollsLeft = 1;
      return {};
    });
  }
}

async function untilComplete(run: () => Promise<CleanupProgress>, maxPasses = 20): Promise<CleanupProgress[]> {
  const passes: CleanupProgress[] = [];
  for (let i = 0; i < maxPasses; i++) {
    const progress = await run();
    passes.push(progress);
    if (progress.complete) return passes;
  }
  throw new Error(`not complete after ${maxPasses} passes: ${JSON.stringify(passes.at(-1))}`);
}

beforeEach(() => sm.reset());

describe('advanceAppsCleanup', () => {
  it('deletes apps, waits while they are Deleting, then deletes the space they blocked', async () => {
    const world = new FakeDomain(3);
    world.apps = [
      { DomainId: domainId, SpaceName: 'learner-space', AppType: 'JupyterLab', AppName: 'default', Status: 'InService' },
      { DomainId: domainId, SpaceName: 'learner-space', AppType: 'CodeEditor', AppName: 'editor', Status: 'Pending' },
      { DomainId: domainId, UserProfileName: 'learner', AppType: 'JupyterServer', AppName: 'old', Status: 'Deleted' },
    ];
    world.spaces = [{ DomainId: domainId, SpaceName: 'learner-space', Status: 'InService' }];
    world.busyOnce.add('editor');

    const passes = await untilComplete(() => advanceAppsCleanup({ sagemaker }, { domainId }));

    // pass 1: JupyterLab deleted, CodeEditor busy; passes 2-4: Deleting; then the space goes.
    expect(passes[0]!.actions).toEqual(["delete JupyterLab app 'default' of space 'learner-space'"]);
    expect(passes[0]!.waitingFor).toEqual(
      expect.arrayContaining([
        expect.stringContaining("CodeEditor app 'editor' of space 'learner-space' is busy (ResourceInUse)"),
        "space 'learner-space' waits for its 2 app(s) to be deleted",
      ]),
    );
    expect(passes[1]!.actions).toEqual(["delete CodeEditor app 'editor' of space 'learner-space'"]);
    expect(passes.filter((p) => p.waitingFor.some((w) => w.endsWith('is Deleting'))).length).toBeGreaterThanOrEqual(2);
    expect(sm).toHaveReceivedCommandTimes(DeleteSpaceCommand, 1);
    expect(sm).toHaveReceivedCommandWith(DeleteSpaceCommand, { DomainId: domainId, SpaceName: 'learner-space' });
    // A Deleted app is never deleted again, and a space app is addressed by its space, not a profile.
    expect(sm).not.toHaveReceivedCommandWith(DeleteAppCommand, { AppName: 'old' });
    expect(sm).toHaveReceivedCommandWith(DeleteAppCommand, { AppType: 'JupyterLab', AppName: 'default', SpaceName: 'learner-space', DomainId: domainId });
    expect(passes.at(-1)).toEqual({ complete: true, actions: [], waitingFor: [] });
    expect(passes.length).toBeGreaterThanOrEqual(6);
  });

  it('keeps waiting for a space that is still InService behind a Deleting app', async () => {
    const world = new FakeDomain(50);
    world.apps = [{ DomainId: domainId, SpaceName: 's1', AppType: 'JupyterLab', AppName: 'default', Status: 'Deleting', pollsLeft: 50 } as AppDetails];
    world.spaces = [{ DomainId: domainId, SpaceName: 's1', Status: 'InService' }];
    for (let i = 0; i < 5; i++) {
      const progress = await advanceAppsCleanup({ sagemaker }, { domainId });
      expect(progress.complete).toBe(false);
      expect(progress.waitingFor).toContain("space 's1' waits for its 1 app(s) to be deleted");
    }
    expect(sm).not.toHaveReceivedCommand(DeleteSpaceCommand);
    expect(sm).not.toHaveReceivedCommand(DeleteAppCommand);
  });

  it('deletes user profiles only when asked, after their apps and private spaces', async () => {
    const world = new FakeDomain(1);
    world.apps = [{ DomainId: domainId, UserProfileName: 'learner', AppType: 'JupyterServer', AppName: 'default', Status: 'InService' }];
    world.spaces = [{ DomainId: domainId, SpaceName: 'mine', Status: 'InService', OwnershipSettingsSummary: { OwnerUserProfileName: 'learner' } }];
    world.profiles = [{ UserProfileName: 'learner', Status: 'InService' }];

    const first = await advanceAppsCleanup({ sagemaker }, { domainId, deleteUserProfiles: true });
    expect(first.waitingFor).toContain("user profile 'learner' waits for its 1 app(s) and 1 private space(s) to be deleted");
    await untilComplete(() => advanceAppsCleanup({ sagemaker }, { domainId, deleteUserProfiles: true }));
    expect(sm).toHaveReceivedCommandWith(DeleteUserProfileCommand, { DomainId: domainId, UserProfileName: 'learner' });
    expect(world.profiles).toEqual([]);
  });

  it('leaves user profiles to CloudFormation by default', async () => {
    const world = new FakeDomain(1);
    world.profiles = [{ UserProfileName: 'learner', Status: 'InService' }];
    const progress = await advanceAppsCleanup({ sagemaker }, { domainId });
    expect(progress.complete).toBe(true);
    expect(sm).not.toHaveReceivedCommand(ListUserProfilesCommand);
    expect(sm).not.toHaveReceivedCommand(DeleteUserProfileCommand);
  });

  it('is complete at once when the domain is already gone', async () => {
    const world = new FakeDomain(1);
    world.exists = false;
    const progress = await advanceAppsCleanup({ sagemaker }, { domainId });
    expect(progress).toEqual({ complete: true, actions: [], waitingFor: [] });
    expect(sm).not.toHaveReceivedCommand(ListAppsCommand);
  });

  it('throws an API error it cannot wait out, so the stack delete fails with the reason', async () => {
    sm.on(DescribeDomainCommand).resolves({ DomainId: domainId });
    sm.on(ListAppsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: sagemaker:ListApps', 403));
    await expect(advanceAppsCleanup({ sagemaker }, { domainId })).rejects.toThrow('sagemaker:ListApps');
  });
});
