import type { LabManifest } from '../model';
import { UsageError } from './errors';
import type { CommandContext } from './io';
import { didYouMean } from './suggest';
import { echo } from './text';

/** The lab with this id, or a UsageError that suggests the closest id. */
export function requireLab(ctx: CommandContext, id: string): LabManifest {
  const labs = ctx.labs();
  const lab = labs.find((l) => l.id === id);
  if (!lab) {
    const ids = labs.map((l) => l.id);
    const known = ids.length ? `labs: ${ids.join(', ')}` : 'no labs are registered';
    if (id.trim() === '') throw new UsageError(`the lab id is empty; give one of the labs (${known}; see mllab list)`);
    throw new UsageError(`unknown lab '${echo(id)}'${didYouMean(id, ids)} (${known})`);
  }
  return lab;
}
