// The lab stack's CloudFormation template, synthesized in process through the same app
// `cdk deploy` uses (lib/stack/app.ts), so `mllab cost` prices exactly what would be deployed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labStackName } from '../model';
import { createLabApp } from '../stack/app';
import type { TemplateLike } from './estimate';

/** Signature of `createLabApp` (lib/stack/app.ts). */
export type LabAppFactory = (options: { context?: Record<string, unknown>; outdir?: string }) => { synth(): { getStackByName(name: string): { template: unknown } } };

export function synthesizeLabTemplate(labId: string, createApp?: LabAppFactory): TemplateLike {
  const factory = createApp ?? createLabApp;
  const outdir = mkdtempSync(join(tmpdir(), 'mllab-cost-'));
  try {
    const assembly = factory({ context: { lab: labId }, outdir }).synth();
    return assembly.getStackByName(labStackName(labId)).template as TemplateLike;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
