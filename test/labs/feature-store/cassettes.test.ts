// Replays the lab's cassettes offline. The cassettes were recorded from the fixture states
// (RECORD_FEATURE_STORE_CASSETTES=1 re-records them) and are committed, so the replay below reads
// the files, not the fixtures.
import { join } from 'node:path';
import { recordingTransport, writeCassette } from '../../../lib/cassette';
import { exitCodeOf } from '../../../lib/check/runner';
import { liveTransport } from '../../../lib/check/session';
import { snapshotsOf } from '../../../labs/feature-store/generate-data';
import { lab, PROBE_CUSTOMER } from '../../../labs/feature-store/lab';
import { recordOf } from '../../../labs/feature-store/solution';
import { findingsOf, LABS_DIR, replayLab, runLabWith, statusesOf } from '../../support/replay';
import { latestRecords, mockState, offlineObjects, referenceState, ROWS, stubs, type FeatureStoreState } from './fixtures';

/** The states the cassettes hold: the reference one and plausible wrong ones. */
const STATES: Record<string, (s: FeatureStoreState) => void> = {
  'pass.json': () => undefined,
  // The learner put every row with the time of the PutRecord as its event time: the online store
  // holds whichever row came last (the October backfill), and the offline store's files all sit in
  // the ingestion day's partition.
  'fail-ingestion-time.json': (s) => {
    const ingested = '2026-12-01T09:05:12Z';
    const october = ROWS.filter((r) => r.event_time.startsWith('2026-10'));
    s.online = new Map([...latestRecords()].map(([id]) => [id, recordOf({ ...october.find((r) => r.customer_id === id)!, event_time: ingested })]));
    s.objects = offlineObjects(['2026-12-01']);
  },
  // CreateFeatureGroup without a DataCatalogConfig: Feature Store catalogued the offline store in
  // its own database, outside the lab's (and outside what teardown removes).
  'fail-default-catalog.json': (s) => {
    s.group!.OfflineStoreConfig!.DataCatalogConfig = { Catalog: 'AwsDataCatalog', Database: 'sagemaker_featurestore', TableName: 'churn_customer_features_1796115600' };
    s.queries = [];
  },
  // Numbers declared as String: R1 fails, everything that builds on the group is skipped.
  'fail-string-numbers.json': (s) => {
    for (const d of s.group!.FeatureDefinitions!) if (d.FeatureName !== 'customer_id' && d.FeatureName !== 'event_time') d.FeatureType = 'String';
  },
};

if (process.env.RECORD_FEATURE_STORE_CASSETTES === '1') {
  const s = stubs();
  test.each(Object.keys(STATES))('records %s from its fixture state', async (file) => {
    const state = referenceState();
    STATES[file]!(state);
    mockState(s, state);
    const recorder = recordingTransport(liveTransport, 'us-east-1');
    await runLabWith(lab, recorder);
    // Replay answers a call with the first entry whose recorded input keys it matches, so the first
    // page (no NextToken) would also answer the request for the second: later pages go first.
    const cassette = recorder.cassette();
    const paged = (c: (typeof cassette.calls)[number]) => 'NextToken' in (c.input ?? {});
    writeCassette(join(LABS_DIR, lab.id, 'cassettes', file), { ...cassette, calls: [...cassette.calls.filter(paged), ...cassette.calls.filter((c) => !paged(c))] });
  });
}

const replay = (file: string) => replayLab(lab, file);

test('pass.json replays to all six requirements passing, exit 0', async () => {
  const result = await replay('pass.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass' });
  expect(exitCodeOf(result)).toBe(0);
});

test('fail-ingestion-time.json: the ingestion time as event time fails R4 and R5, and teaches why', async () => {
  const result = await replay('fail-ingestion-time.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'fail', R5: 'fail', R6: 'skipped' });
  expect(findingsOf(result, 'R4')).toMatch(/no snapshot time of the shipped data.*point-in-time/);
  expect(findingsOf(result, 'R5')).toMatch(/were the ingestion times/);
  expect(exitCodeOf(result)).toBe(1);
  expect(snapshotsOf(ROWS, PROBE_CUSTOMER)).toHaveLength(2);
});

test('fail-default-catalog.json: the offline table outside the lab database fails R2 and skips what builds on it', async () => {
  const result = await replay('fail-default-catalog.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'fail', R3: 'pass', R4: 'pass', R5: 'skipped', R6: 'skipped' });
  expect(findingsOf(result, 'R2')).toMatch(/sagemaker_featurestore, not in the lab database/);
});

test('fail-string-numbers.json: numbers as String fail R1, and every other requirement is skipped', async () => {
  const result = await replay('fail-string-numbers.json');
  expect(statusesOf(result)).toEqual({ R1: 'fail', R2: 'skipped', R3: 'skipped', R4: 'skipped', R5: 'skipped', R6: 'skipped' });
  expect(findingsOf(result, 'R1')).toMatch(/tenure_months is String/);
});
