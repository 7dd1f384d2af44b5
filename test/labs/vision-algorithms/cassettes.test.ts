// Replays the lab's cassettes offline: the reference state and two plausible wrong ones.
import { exitCodeOf } from '../../../lib/check/runner';
import { lab } from '../../../labs/vision-algorithms/lab';
import { findingsOf, replayLab, statusesOf } from '../../support/replay';

test('pass.json: every requirement passes, exit 0; an object value with the documentation\'s algorithm name passes R1, and the older Failed job is not judged', async () => {
  const result = await replayLab(lab, 'pass.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass' });
  expect(findingsOf(result, 'R2')).toMatch(/shelf-ic-2026-12-01-02-10-44-512 Completed with image-classification on one spot ml\.g4dn\.xlarge/);
  expect(exitCodeOf(result)).toBe(0);
});

test('fail-wrong-algorithms.json: segmentation for the shelf and detection for damage fail R1 with why; an Object Detection job fails R2 and skips R3, R4', async () => {
  const result = await replayLab(lab, 'fail-wrong-algorithms.json');
  expect(statusesOf(result)).toEqual({ R1: 'fail', R2: 'fail', R3: 'skipped', R4: 'skipped' });
  expect(findingsOf(result, 'R1')).toMatch(/shelf-positions .*does not separate instances/);
  expect(findingsOf(result, 'R1')).toMatch(/damaged-pixels .*a box around it includes undamaged pixels/);
  expect(findingsOf(result, 'R2')).toMatch(/runs repository 'object-detection'.*bounding box/);
  expect(exitCodeOf(result)).toBe(1);
});

test('fail-pipe-mode-all-photos.json: Pipe mode with .lst files fails R3, counting the validation photos fails R4; another region\'s image passes R2', async () => {
  const result = await replayLab(lab, 'fail-pipe-mode-all-photos.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'fail', R4: 'fail' });
  expect(findingsOf(result, 'R3')).toMatch(/streams in Pipe mode; Pipe mode takes RecordIO or an augmented manifest/);
  expect(findingsOf(result, 'R4')).toMatch(/num_training_samples is 42, but train\.lst lists 30 photos/);
});
