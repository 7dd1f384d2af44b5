// A small lab for runtime and CLI tests: two requirements on a Kinesis stream found through the
// lab stack's outputs, the second depending on the first, so pass, fail, error and skipped all occur.
import { DescribeStreamSummaryCommand, KinesisClient, ListStreamConsumersCommand } from '@aws-sdk/client-kinesis';
import type { CheckContext, CheckVerdict, LabChecks } from '../../lib/check/types';
import { defineChecks, fail, pass } from '../../lib/check/verdicts';
import { defineLab, type ReadDeclaration } from '../../lib/model';
import type { CheckedLab } from './checked-lab';

export const FIXTURE_LAB = defineLab({
  id: 'fixture-lab',
  title: 'Fixture: a replayable stream',
  summary: 'A stream that keeps records for two days and has a consumer.',
  domains: { 'MLA-C01': ['MLA-C01/D1'], 'MLS-C01': ['MLS-C01/D1'] },
  environments: ['streaming'],
  estimatedMinutes: 20,
  estimatedCostUsd: 0.05,
  requirements: [
    {
      id: 'R1',
      title: 'The stream keeps records for at least 48 hours.',
      hint: 'Read how Kinesis retention is extended.',
      docs: 'https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html',
      reads: ['Kinesis:DescribeStreamSummary'],
    },
    {
      id: 'R2',
      title: 'The stream has a registered consumer.',
      hint: 'Read about enhanced fan-out consumers.',
      docs: 'https://docs.aws.amazon.com/streams/latest/dev/enhanced-consumers.html',
      reads: ['Kinesis:DescribeStreamSummary', 'Kinesis:ListStreamConsumers'],
      dependsOn: ['R1'],
    },
  ],
});

export const FIXTURE_CHECKS = defineChecks(FIXTURE_LAB, {
  R1: async (ctx) => {
    const name = await ctx.stackOutput('StreamName');
    const out = await ctx.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: name }));
    const hours = out.StreamDescriptionSummary?.RetentionPeriodHours ?? 24;
    return hours >= 48 ? pass(`${name} keeps records for ${hours} hours.`) : fail(`${name} keeps records for ${hours} hours; a consumer that is down for a weekend loses data after 24 hours, the scenario needs 48.`);
  },
  R2: async (ctx) => {
    const name = await ctx.stackOutput('StreamName');
    const summary = await ctx.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: name }));
    const out = await ctx.client(KinesisClient).send(new ListStreamConsumersCommand({ StreamARN: summary.StreamDescriptionSummary!.StreamARN! }));
    return (out.Consumers ?? []).length > 0 ? pass() : fail('No consumer is registered, so every reader shares the 2 MB/s per shard read limit.');
  },
});

/** The fixture lab with its checks, as the runner and the CLI take it. */
export const FIXTURE: CheckedLab = { lab: FIXTURE_LAB, checks: FIXTURE_CHECKS };

export const FIXTURE_STREAM_ARN = 'arn:aws:kinesis:us-east-1:111111111111:stream/clicks';

/**
 * A throw-away lab whose requirements are the given checks (R1, R2, ...), all declaring the same
 * reads: the runtime tests' way to put checks in front of the runner without a real lab.
 */
export function labOf(
  id: string,
  checks: readonly ((ctx: CheckContext) => Promise<CheckVerdict>)[],
  options: { reads?: readonly ReadDeclaration[]; dependsOn?: Record<number, readonly string[]> } = {},
): CheckedLab {
  const lab = defineLab({
    id,
    title: id,
    summary: id,
    domains: { 'MLA-C01': ['MLA-C01/D1'], 'MLS-C01': ['MLS-C01/D1'] },
    environments: ['streaming'],
    estimatedMinutes: 1,
    estimatedCostUsd: 0,
    requirements: checks.map((_check, i) => ({
      id: `R${i + 1}`,
      title: `requirement ${i + 1}`,
      hint: 'Read the documentation.',
      docs: 'https://docs.aws.amazon.com/streams/latest/dev/introduction.html',
      reads: options.reads ?? ['Kinesis:DescribeStreamSummary'],
      dependsOn: options.dependsOn?.[i] ?? [],
    })),
  });
  const byId: LabChecks = Object.fromEntries(checks.map((check, i) => [`R${i + 1}`, check]));
  return { lab, checks: byId };
}
