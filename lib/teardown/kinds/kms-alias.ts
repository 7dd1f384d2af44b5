import { DeleteAliasCommand, DescribeKeyCommand, paginateListAliases, ScheduleKeyDeletionCommand, type AliasListEntry, type KMSClient } from '@aws-sdk/client-kms';
import { collect, isServiceError } from '../../aws';
import { HOURS_PER_MONTH } from '../../cost/prices';
import { claimed, DONE, free, hourly, waiting, type TeardownKindModule } from '../kind';

/**
 * The shortest waiting period ScheduleKeyDeletion accepts (7 to 30 days; 30 when not given): the
 * key cannot be deleted at once, so teardown asks for the soonest date.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
 */
export const KEY_DELETION_WINDOW_DAYS = 7;

/** Key states in which a deletion is already scheduled (API_KeyMetadata, KeyState). */
const SCHEDULED = new Set(['PendingDeletion', 'PendingReplicaDeletion']);

const aliases = (kms: KMSClient): Promise<AliasListEntry[]> => collect(paginateListAliases({ client: kms }, {}), (p) => p.Aliases);

/**
 * A learner's customer managed key, claimed by the alias the lab names (`alias/<name>`). Its
 * deletion is scheduled, never immediate, then the alias goes: KMS deletes a key only after its
 * waiting period. A key pending deletion is not billed (https://aws.amazon.com/kms/pricing/), so the
 * lab's spend stops the moment the deletion is scheduled. An AWS managed key is never touched.
 */
export const kmsAlias: TeardownKindModule<'kms:alias'> = {
  kind: 'kms:alias',
  action: 'delete',
  because: `after the training jobs, which encrypt with the key until they stop; schedules the key behind the alias for deletion in ${KEY_DELETION_WINDOW_DAYS} days (the shortest waiting period KMS allows, during which CancelKeyDeletion can still save it), then deletes the alias`,
  after: ['sagemaker:training-job'],
  // The stack goes last; the key is the learner's, not the stack's, but it was made for the lab.
  before: ['cloudformation:stack'],
  label: (r) => `KMS key behind ${r.name} (deletion scheduled in ${KEY_DELETION_WINDOW_DAYS} days) and the alias`,
  // Claimed by the name a lab gives it only (an alias has no tags and no lab stack creates one):
  // a lab that names no alias costs no KMS call.
  list: async (ctx) =>
    !(ctx.lab.learnerResources ?? []).some((l) => l.kind === 'kms:alias') ? [] : claimed(ctx, 'kms:alias', (await aliases(ctx.clients.kms)).filter((a) => a.TargetKeyId), (a) => a.AliasName!, async (a) => {
      const key = (await ctx.clients.kms.send(new DescribeKeyCommand({ KeyId: a.TargetKeyId }))).KeyMetadata;
      const state = key?.KeyState ?? 'unknown';
      if (key?.KeyManager !== 'CUSTOMER') return { ref: { keyId: a.TargetKeyId! }, status: `${state}, AWS managed: alias only`, ...free('AWS managed keys are not billed') };
      if (SCHEDULED.has(state)) {
        return { ref: { keyId: a.TargetKeyId! }, status: `${state} since before this run, deleted ${key.DeletionDate?.toISOString().slice(0, 10) ?? 'later'}`, ...free('a key pending deletion is not billed') };
      }
      return {
        ref: { keyId: a.TargetKeyId! },
        status: `${state}: key ${a.TargetKeyId} to be scheduled for deletion in ${KEY_DELETION_WINDOW_DAYS} days`,
        ...hourly(ctx.prices, 'kms:key-month', 1 / HOURS_PER_MONTH, 'USD 1 a month, prorated by the hour, until its deletion is scheduled'),
      };
    }),
  advance: async (ctx, r) => {
    const kms = ctx.clients.kms;
    const alias = (await aliases(kms)).find((a) => a.AliasName === r.name);
    // The alias is how the lab names its key: once it is gone, nothing of the lab is left to find.
    if (!alias) return DONE;
    if (alias.TargetKeyId) {
      const key = (await kms.send(new DescribeKeyCommand({ KeyId: alias.TargetKeyId }))).KeyMetadata;
      if (key?.KeyManager === 'CUSTOMER' && !SCHEDULED.has(key.KeyState ?? '')) {
        await ctx.once(`ScheduleKeyDeletion ${key.KeyId} (${KEY_DELETION_WINDOW_DAYS} days)`, () =>
          kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: KEY_DELETION_WINDOW_DAYS })),
        );
        return waiting('ScheduleKeyDeletion sent');
      }
    }
    try {
      await ctx.once(`DeleteAlias ${r.name}`, () => kms.send(new DeleteAliasCommand({ AliasName: r.name })));
    } catch (err) {
      if (isServiceError(err, 'NotFoundException')) return DONE;
      throw err;
    }
    return waiting('DeleteAlias sent');
  },
};
