import { DeleteAliasCommand, DescribeKeyCommand, KMSClient, ListAliasesCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { KEY_DELETION_WINDOW_DAYS, kmsAlias } from '../../../lib/teardown/kinds/kms-alias';
import { awsError } from '../../support/check-harness';
import { advanceContext, listContext, resource, writes } from './kit';

const kms = mockClient(KMSClient);
const LAB_KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const OTHER_KEY = '0987dcba-09fe-87dc-65ba-ab0987654321';
const AWS_KEY = '5678efgh-56ef-78gh-90ij-567890abcdef';

let aliases: { AliasName: string; TargetKeyId?: string }[];
let state: string;

beforeEach(() => {
  kms.reset();
  state = 'Enabled';
  aliases = [
    { AliasName: 'alias/churn-key', TargetKeyId: LAB_KEY },
    { AliasName: 'alias/churn-key-prod', TargetKeyId: OTHER_KEY },
    { AliasName: 'alias/aws/s3', TargetKeyId: AWS_KEY },
    { AliasName: 'alias/aws/sagemaker' },
  ];
  kms.on(ListAliasesCommand).callsFake(() => ({ Aliases: aliases, Truncated: false }));
  kms.on(DescribeKeyCommand).callsFake((i: { KeyId: string }) => ({
    KeyMetadata: { KeyId: i.KeyId, KeyManager: i.KeyId === AWS_KEY ? 'AWS' : 'CUSTOMER', KeyState: i.KeyId === LAB_KEY ? state : 'Enabled', ...(state === 'PendingDeletion' ? { DeletionDate: new Date('2026-12-08T00:00:00Z') } : {}) },
  }));
  kms.on(ScheduleKeyDeletionCommand).callsFake(() => {
    state = 'PendingDeletion';
    return { KeyId: LAB_KEY, KeyState: 'PendingDeletion', PendingWindowInDays: KEY_DELETION_WINDOW_DAYS };
  });
  kms.on(DeleteAliasCommand).callsFake((i: { AliasName: string }) => void (aliases = aliases.filter((a) => a.AliasName !== i.AliasName)));
});

const named = { learnerResources: [{ kind: 'kms:alias' as const, name: 'alias/churn-key' }] };

test('list claims only the alias the lab names, exactly: not a longer alias, not AWS managed ones', async () => {
  const found = await kmsAlias.list(listContext(named));
  expect(found.map((r) => [r.name, r.ref.keyId, r.claim])).toEqual([['alias/churn-key', LAB_KEY, 'name']]);
});

test('the plan says the key is to be scheduled for deletion in 7 days, and prices it by the hour until then', async () => {
  const [r] = await kmsAlias.list(listContext(named));
  expect(r!.status).toBe(`Enabled: key ${LAB_KEY} to be scheduled for deletion in 7 days`);
  expect(r!.costPerHourUsd).toBeCloseTo(1 / 730, 6);
  expect(kmsAlias.because).toMatch(/7 days \(the shortest waiting period KMS allows/);
  expect(kmsAlias.label!(r!)).toBe('KMS key behind alias/churn-key (deletion scheduled in 7 days) and the alias');
});

test('a key already pending deletion is listed as free', async () => {
  state = 'PendingDeletion';
  const [r] = await kmsAlias.list(listContext(named));
  expect([r!.status, r!.costPerHourUsd]).toEqual(['PendingDeletion since before this run, deleted 2026-12-08', 0]);
});

test('a lab that names no alias sends no KMS call', async () => {
  expect(await kmsAlias.list(listContext())).toEqual([]);
  expect(kms.calls()).toHaveLength(0);
});

test('advance schedules the deletion once with the shortest window, then deletes the alias once, then is done and sends nothing more', async () => {
  const ctx = advanceContext();
  const alias = resource('kms:alias', 'alias/churn-key', { keyId: LAB_KEY });
  expect(await kmsAlias.advance(ctx, alias)).toMatchObject({ done: false });
  expect(kms).toHaveReceivedCommandWith(ScheduleKeyDeletionCommand, { KeyId: LAB_KEY, PendingWindowInDays: 7 });
  expect(await kmsAlias.advance(ctx, alias)).toMatchObject({ done: false });
  expect(writes(kms)).toEqual(['ScheduleKeyDeletion', 'DeleteAlias']);
  expect([await kmsAlias.advance(ctx, alias), await kmsAlias.advance(ctx, alias)]).toEqual([{ done: true }, { done: true }]);
  expect(writes(kms)).toEqual(['ScheduleKeyDeletion', 'DeleteAlias']);
});

test('an alias that is gone is done, with no write', async () => {
  aliases = [];
  expect(await kmsAlias.advance(advanceContext(), resource('kms:alias', 'alias/churn-key'))).toEqual({ done: true });
  expect(writes(kms)).toEqual([]);
});

test('never schedules the deletion of an AWS managed key: only its alias would go', async () => {
  aliases = [{ AliasName: 'alias/churn-key', TargetKeyId: AWS_KEY }];
  await kmsAlias.advance(advanceContext(), resource('kms:alias', 'alias/churn-key'));
  expect(writes(kms)).toEqual(['DeleteAlias']);
});

test('an alias deleted by someone else between the listing and the delete is done, not a failure', async () => {
  state = 'PendingDeletion';
  kms.on(DeleteAliasCommand).rejects(awsError('NotFoundException', 'Alias arn:aws:kms:us-east-1:111122223333:alias/churn-key is not found.'));
  expect(await kmsAlias.advance(advanceContext(), resource('kms:alias', 'alias/churn-key'))).toEqual({ done: true });
});
