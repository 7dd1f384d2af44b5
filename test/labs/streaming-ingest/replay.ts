// Replays one of a lab's cassettes (labs/<id>/cassettes/<file>) offline, as `mllab check --replay` would.
// Lab-agnostic: the streaming labs' tests and the registry test share it (a candidate for test/support).
import { join } from 'node:path';
import { loadCassette, replayTransport } from '../../../lib/cassette';
import { runLab, type CheckRunResult } from '../../../lib/check/runner';
import { CheckSession } from '../../../lib/check/session';
import type { LabDefinition } from '../../../lib/check/types';

export const LABS_DIR = join(__dirname, '..', '..', '..', 'labs');

export async function replayLab(lab: LabDefinition, file: string): Promise<CheckRunResult> {
  const cassette = loadCassette(join(LABS_DIR, lab.id, 'cassettes', file));
  const session = new CheckSession({ region: cassette.region, transport: replayTransport(cassette, { source: file }), maxAttempts: 1 });
  try {
    return await runLab(session, lab);
  } finally {
    session.destroy();
  }
}

export function statuses(result: CheckRunResult): Record<string, string> {
  return Object.fromEntries(result.requirements.map((r) => [r.id, r.status]));
}
