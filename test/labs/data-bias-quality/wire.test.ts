// Over the wire: the S3 parts of data-bias-quality (analysis configurations, Clarify reports, the
// rebalanced objects) read from s3rver on 127.0.0.1; SageMaker, Glue and the stack outputs, which have
// no emulator, from the lab's pass cassette.
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { exitCodeOf } from '../../../lib/check/runner';
import type { ServiceName } from '../../../lib/model';
import { parseLoans, stratifiedOversample, toCsv } from '../../../labs/data-bias-quality/bias';
import { checks } from '../../../labs/data-bias-quality/checks';
import { lab, REBALANCED_PREFIX } from '../../../labs/data-bias-quality/lab';
import { analysisConfig } from '../../../labs/data-bias-quality/solution';
import { useEmulators } from '../../support/emulators';
import { findingsOf, replayLab, statusesOf } from '../../support/replay';
import { analysisReport, BUCKET, GROUP_ONLY, ORIGINAL, REBALANCED, SHIPPED } from './fixtures';

const emulators = useEmulators({ s3: true, perTest: true });
const REPLAYED: readonly ServiceName[] = ['CloudFormation', 'SageMaker', 'Glue'];
const target = { lab, checks };

/** The lab bucket on s3rver with the given objects (key -> body). */
async function seed(objects: Record<string, string>): Promise<void> {
  await emulators.s3().send(new CreateBucketCommand({ Bucket: BUCKET }));
  for (const [Key, Body] of Object.entries(objects)) await emulators.s3().send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));
}

const reference = (): Record<string, string> => ({
  'clarify/original/analysis_config.json': JSON.stringify(analysisConfig()),
  'clarify/original/analysis.json': JSON.stringify(analysisReport(ORIGINAL.ci, ORIGINAL.dpl)),
  'clarify/rebalanced/analysis_config.json': JSON.stringify(analysisConfig()),
  'clarify/rebalanced/analysis.json': JSON.stringify(analysisReport(REBALANCED.ci, REBALANCED.dpl)),
  [`${REBALANCED_PREFIX}loans.csv`]: toCsv(stratifiedOversample(SHIPPED, 7)),
});

test('the reference objects on s3rver pass every requirement', async () => {
  await seed(reference());
  const result = await replayLab(target, 'pass.json', { services: REPLAYED });
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass' });
  expect(exitCodeOf(result)).toBe(0);
  expect(parseLoans(reference()[`${REBALANCED_PREFIX}loans.csv`]!)).toHaveLength(4800);
});

test('a rebalanced report from group-only oversampling, read from s3rver, fails R2 on DPL', async () => {
  await seed({ ...reference(), 'clarify/rebalanced/analysis.json': JSON.stringify(analysisReport(GROUP_ONLY.ci, GROUP_ONLY.dpl)) });
  const result = await replayLab(target, 'pass.json', { services: REPLAYED });
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'fail', R3: 'skipped' });
  expect(findingsOf(result, 'R2')).toMatch(/DPL is 0\.277/);
});

test('a configuration object s3rver does not hold (404 NoSuchKey) makes R1 an error: what the job was told cannot be seen', async () => {
  const { 'clarify/original/analysis_config.json': _gone, ...rest } = reference();
  await seed(rest);
  const result = await replayLab(target, 'pass.json', { services: REPLAYED, only: ['R1'] });
  expect(result.requirements[0]!.status).toBe('error');
  expect(result.requirements[0]!.findings.join(' ')).toMatch(/analysis_config\.json does not exist/);
});

test('an empty rebalanced prefix on s3rver fails R2: the data the report measured is gone', async () => {
  const { [`${REBALANCED_PREFIX}loans.csv`]: _gone, ...rest } = reference();
  await seed(rest);
  const result = await replayLab(target, 'pass.json', { services: REPLAYED, only: ['R2'] });
  // R2 runs after its prerequisite R1, which still passes.
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'fail' });
  expect(findingsOf(result, 'R2')).toMatch(/holds no object any more/);
});
