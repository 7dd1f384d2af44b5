import { join } from 'node:path';
import { SELFTESTS } from '../../../labs/selftests';
import { packageRoot } from '../../package-root';
import { selftest, type PhaseReport, type SelftestDriver } from '../../selftest';
import { askYesNo, canAsk } from '../confirm';
import { UsageError } from '../errors';
import type { CommandContext } from '../io';
import { requireLab } from '../labs';
import { resolveRegion } from '../region';
import { onlineDriver } from '../selftest-online';
import { echo } from '../text';

export interface SelftestCommandOptions {
  readonly offline?: boolean;
  readonly record?: string;
  readonly yes?: boolean;
  readonly region?: string;
  readonly profile?: string;
}

const PHASE_WIDTH = 10;

export async function run(ctx: CommandContext, args: string[], options: SelftestCommandOptions): Promise<number> {
  const lab = requireLab(ctx, args[0]!);
  const support = SELFTESTS[lab.id];
  const provable = Object.entries(SELFTESTS).filter(([, s]) => (options.offline ? s.offline : s.online)).map(([id]) => id);
  let driver: SelftestDriver;
  if (options.offline) {
    if (!support?.offline) throw new UsageError(`mllab selftest --offline: the loopback emulators (kinesalite, s3rver) serve ${provable.join(', ')} only, not ${echo(lab.id)}`);
    driver = support.offline(join(packageRoot(), 'labs', lab.id));
  } else {
    if (!support?.online) throw new UsageError(`mllab selftest: ${echo(lab.id)} has no automated reference solution yet (selftest can prove ${provable.join(', ')}); try the lab by hand, or --offline where it exists`);
    const region = await resolveRegion({ flag: options.region, env: ctx.env, ...(options.profile ? { profile: options.profile } : {}) });
    const what = `deploys MlLab-${lab.id} in ${region}, applies the reference solution (about USD ${lab.estimatedCostUsd.toFixed(2)}), then tears everything down`;
    if (!options.yes) {
      if (!canAsk(ctx.io)) throw new UsageError(`mllab selftest ${lab.id} ${what}: confirm with --yes (no terminal to ask on)`);
      if (!(await askYesNo(ctx.io, `mllab selftest ${lab.id} ${what}. Go on? [y/N] `))) {
        ctx.err('Nothing was deployed.');
        return 1;
      }
    }
    driver = onlineDriver(ctx, lab, support.online, region, options.profile);
  }
  ctx.out(`selftest ${lab.id} (${driver.where})`);
  const paint = (ok: boolean) => ctx.terminal.paint(ok ? 'green' : 'red', ok ? '✔' : '✘');
  const result = await selftest(lab, await ctx.checks(lab.id), driver, {
    ...(options.record ? { record: options.record } : {}),
    onPhase: (p: PhaseReport) => ctx.out(`  ${paint(p.ok)} ${p.phase.padEnd(PHASE_WIDTH)}${seconds(p.ms).padStart(8)}  ${p.detail}`),
  });
  ctx.out(`estimated cost to complete in a real account: USD ${lab.estimatedCostUsd.toFixed(2)} (mllab cost ${lab.id})`);
  ctx.out(result.ok ? `selftest ${lab.id} passed: every phase went as a lab must` : `selftest ${lab.id} FAILED: see the phases marked ✘`);
  return result.ok ? 0 : 1;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
