// The labs `mllab selftest` can prove end to end, and how: offline on loopback emulators, and/or in a
// real account with the lab's reference solution. Loaded only by the selftest command.
import type { LabSelftest } from '../lib/selftest';
import { offlineDriver, onlineSolution } from './streaming-ingest/selftest';

export const SELFTESTS: Readonly<Record<string, LabSelftest>> = {
  'streaming-ingest': { offline: offlineDriver, online: onlineSolution },
};
