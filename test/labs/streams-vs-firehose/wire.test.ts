// Over the wire: retention (R1) against kinesalite, before and after the reference solution's change.
// kinesalite has no consumer or capacity-mode API, so R2 and R3 are proven by mocks and cassettes.
import { CreateStreamCommand } from '@aws-sdk/client-kinesis';
import { lab } from '../../../labs/streams-vs-firehose/lab';
import { extendRetention } from '../../../labs/streams-vs-firehose/solution';
import { useEmulators } from '../../support/emulators';
import { replayLab } from '../../support/replay';
import { OUTPUTS } from './fixtures';

const emulators = useEmulators({ kinesis: true });
beforeAll(async () => {
  await emulators.kinesis().send(new CreateStreamCommand({ StreamName: OUTPUTS.StreamName, ShardCount: 1 }));
});

async function checkRetention() {
  // Stack outputs from the cassette; every Kinesis call goes to kinesalite.
  return (await replayLab(lab, 'pass.json', { services: ['CloudFormation'], only: ['R1'] })).requirements[0]!;
}

test('a new stream keeps 24 hours and fails; after the reference change it keeps 48 and passes', async () => {
  const before = await checkRetention();
  expect(before.status).toBe('fail');
  expect(before.findings[0]).toMatch(/keeps records for 24 hours/);
  await extendRetention(emulators.kinesis(), OUTPUTS.StreamName);
  const after = await checkRetention();
  expect(after.status).toBe('pass');
  expect(after.findings[0]).toMatch(/48 hours/);
});
