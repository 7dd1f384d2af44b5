import type { LabManifest } from '../model';
import { UsageError } from './errors';
import type { CommandContext } from './io';
import { didYouMean } from './suggest';

/** The lab with this id, or a UsageError that suggests the closest id. */
export function requireLab(ctx: CommandContext, id: string): LabManifest {
  const labs = ctx.labs();
  const lab = labs.find((l) => l.id === id);
  if (!lab) {
    const ids = labs.map((l) => l.id);
    throw new UsageError(`unknown lab '${id}'${didYouMean(id, ids)} (${ids.length ? `labs: ${ids.join(', ')}` : 'no labs are registered'})`);
  }
  return lab;
}
