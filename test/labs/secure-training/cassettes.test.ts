// Replays the lab's committed cassettes offline: the reference account passes, and each plausible
// wrong state fails the requirement it breaks, and only that one, with a finding that teaches.
import { exitCodeOf } from '../../../lib/check/runner';
import { lab } from '../../../labs/secure-training/lab';
import { findingsOf, replayLab, statusesOf } from '../../support/replay';

test('pass.json: every requirement passes, exit 0', async () => {
  const result = await replayLab(lab, 'pass.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass' });
  expect(findingsOf(result, 'R3')).toMatch(/customer managed, Enabled/);
  expect(exitCodeOf(result)).toBe(0);
});

test('fail-open-network.json: no isolation, the default allow-all egress and two unencrypted instances fail R2 only', async () => {
  const result = await replayLab(lab, 'fail-open-network.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'fail', R3: 'pass', R4: 'pass' });
  const r2 = findingsOf(result, 'R2');
  expect(r2).toMatch(/ran without network isolation/);
  expect(r2).toMatch(/allows egress all traffic to 0\.0\.0\.0\/0/);
  expect(r2).toMatch(/trained on 2 instances without inter-container traffic encryption/);
  expect(exitCodeOf(result)).toBe(1);
});

test('fail-aws-managed-keys.json: no volume key and aws/s3 for the output fail R3 only', async () => {
  const result = await replayLab(lab, 'fail-aws-managed-keys.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'fail', R4: 'pass' });
  expect(findingsOf(result, 'R3')).toMatch(/sets no ResourceConfig\.VolumeKmsKeyId.*alias\/aws\/s3, an AWS managed key/);
});

test('fail-broad-role.json: s3:* on the whole lab bucket fails R4 only, one finding per reach', async () => {
  const result = await replayLab(lab, 'fail-broad-role.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'fail' });
  const r4 = result.requirements.find((r) => r.id === 'R4')!.findings;
  expect(r4).toHaveLength(3);
  expect(r4[1]).toMatch(/'LabBucket' allows s3:GetObject: it reads .*more of the lab bucket than its data prefix/);
  expect(r4[2]).toMatch(/'LabBucket' allows s3:PutObject and s3:DeleteObject: .*poison the next training run/);
});
