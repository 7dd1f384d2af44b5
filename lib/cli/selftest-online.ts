// `mllab selftest <lab>` in the instructor's own account: deploy with the CDK toolkit, check with the
// caller's credentials, apply the lab's reference solution through its selftest hook, then the same
// teardown and sweep as `mllab teardown --yes`.
import { pricesFor } from '../cost/prices';
import { deployLab, destroyLab } from '../deploy';
import { recordingTransport } from '../cassette';
import { CheckSession, liveTransport } from '../check/session';
import type { LabManifest } from '../model';
import type { OnlineSolution, SelftestDriver } from '../selftest';
import * as teardown from '../teardown';
import type { CommandContext } from './io';

export function onlineDriver(ctx: CommandContext, lab: LabManifest, solution: OnlineSolution, region: string, profile?: string): SelftestDriver {
  const auth = profile ? { profile } : {};
  let outputs: Readonly<Record<string, string>> = {};
  let outcome: teardown.TeardownOutcome | undefined;
  const clients = teardown.createTeardownClients({ region, ...auth });
  return {
    where: `account of ${profile ? `profile ${profile}` : 'the default credentials'}, ${region}`,
    async deploy() {
      ({ outputs } = await deployLab({ labId: lab.id, region, ...auth, onProgress: (line) => ctx.err(`  ${line}`), ...(ctx.io.createLabApp ? { createApp: ctx.io.createLabApp } : {}) }));
      return `MlLab-${lab.id} deployed (${Object.keys(outputs).length} outputs)`;
    },
    session(_state, record) {
      const recorder = record ? recordingTransport(liveTransport, region) : undefined;
      const session = new CheckSession({ region, ...auth, ...(recorder ? { transport: recorder } : {}) });
      return { session, ...(recorder ? { recorded: () => recorder.cassette() } : {}) };
    },
    solve: () => solution.solve(region, outputs, profile),
    wait: () => solution.wait(region, outputs, profile),
    async teardown() {
      outcome = await teardown.teardownLab(clients, lab, pricesFor(region), {
        yes: true,
        otherLabIds: ctx.labs().map((l) => l.id).filter((id) => id !== lab.id),
        onProgress: (line) => ctx.err(`  ${line}`),
        destroyStack: async () => {
          await destroyLab({ labId: lab.id, region, ...auth, confirm: true, onProgress: (line) => ctx.err(`  ${line}`), ...(ctx.io.createLabApp ? { createApp: ctx.io.createLabApp } : {}) });
        },
      });
      return `${outcome.execution?.actions.length ?? 0} teardown actions`;
    },
    async sweep() {
      const left = outcome?.sweep?.items ?? [];
      return [...left.map((i) => `${i.resource.kind} ${i.resource.name}`), ...(outcome?.sweep?.unhandledTagged ?? [])];
    },
    async close() {
      clients.destroy();
    },
  };
}
