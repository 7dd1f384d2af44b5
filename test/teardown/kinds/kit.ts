// What the per-kind tests share: a lab's claims, the contexts `list` and `advance` run with, and the
// properties every kind's `advance` must have. Each test file mocks its own clients at module level.
import { DeleteAppCommand, DeleteSpaceCommand, DeleteUserProfileCommand, DescribeDomainCommand, ListAppsCommand, ListSpacesCommand, ListUserProfilesCommand } from '@aws-sdk/client-sagemaker';
import type { AwsStub } from 'aws-sdk-client-mock';
import { operationNameOf } from '../../../lib/check/session';
import { pricesFor } from '../../../lib/cost/prices';
import { isReadOnlyOperation, type LearnerResource } from '../../../lib/model';
import { createTeardownClients } from '../../../lib/teardown';
import { Claims } from '../../../lib/teardown/claims';
import { runContext } from '../../../lib/teardown/execute';
import { DONE, type AdvanceContext, type LabResource, type ListContext, type TeardownKind, type TeardownKindModule } from '../../../lib/teardown/kind';
import { TAGGABLE } from '../../../lib/teardown/kinds';
import { awsError } from '../../support/check-harness';

export const REGION = 'us-east-1';
export const LAB_ID = 'churn-lab';
export const OTHER_LAB_ID = 'fraud-lab';
export const STACK = `MlLab-${LAB_ID}`;

export const clients = createTeardownClients({ region: REGION, maxAttempts: 1 });
afterAll(() => clients.destroy());

export const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:111122223333:${resource}`;

export interface Setup {
  readonly learnerResources?: readonly LearnerResource[];
  /** [CloudFormation type, physical id] of each resource of the lab stack. */
  readonly stack?: readonly (readonly [string, string])[];
  /** ARNs carrying `mllab:lab`, by lab id. */
  readonly tagged?: Readonly<Record<string, readonly string[]>>;
}

export function listContext(setup: Setup = {}): ListContext {
  const lab = { id: LAB_ID, learnerResources: setup.learnerResources ?? [] };
  const stack = setup.stack && {
    name: STACK,
    resources: setup.stack.map(([type, id]) => ({ LogicalResourceId: id, PhysicalResourceId: id, ResourceType: type, ResourceStatus: 'CREATE_COMPLETE' as const, LastUpdatedTimestamp: new Date() })),
  };
  const claims = new Claims({ lab, stack, tagged: new Map(Object.entries(setup.tagged ?? {})), taggable: TAGGABLE });
  const reads = new Map<string, Promise<unknown>>();
  return {
    clients, lab, claims, prices: pricesFor(REGION), stack,
    shared: <T>(key: string, read: () => Promise<T>) => (reads.get(key) ?? reads.set(key, read()).get(key)) as Promise<T>,
  };
}

/** The ARN the tagging API gives a resource of a kind's `arnType`. */
export function arnFor(arnType: string, name: string): string {
  const [service, type] = arnType.split(':') as [string, string];
  if (service === 's3') return `arn:aws:s3:::${name}`;
  if (service === 'logs') return arn('logs', `${type}:${name}:*`);
  return arn(service, `${type}/${name}`);
}

/**
 * The usual claims of a top-level kind: the lab names `churn-*` and tagged `tagged-1`; another lab
 * tagged `churn-other`, whose name the lab's prefix also matches.
 */
export function namedSetup(kind: TeardownKindModule): Setup {
  const tag = (name: string) => [arnFor(kind.arnType!, name)];
  return {
    learnerResources: [{ kind: kind.kind as LearnerResource['kind'], name: 'churn-', match: 'prefix' }],
    tagged: { [LAB_ID]: tag('tagged-1'), [OTHER_LAB_ID]: tag('churn-other') },
  };
}

/** What such an account lists: the lab's two, another lab's look-alike, and two of nobody's. */
export const LISTED = ['churn-1', 'tagged-1', 'churn-other', 'prod-1', 'prod-churn-1'];
export const CLAIMED = ['churn-1', 'tagged-1'];

export async function listedNames(kind: TeardownKindModule, setup: Setup): Promise<string[]> {
  return (await kind.list(listContext(setup))).map((r) => r.name).sort();
}

/** Declares the list test of a top-level kind whose mocks list `LISTED`. */
export function itListsOnlyWhatIsClaimed(kind: TeardownKindModule): void {
  test("list claims only what is claimed: the lab's names and tag, not another lab's look-alike nor anyone's else", async () => {
    expect(await listedNames(kind, namedSetup(kind))).toEqual(CLAIMED);
  });
}

type Command = new (input: any) => any;

/** A SageMaker kind's mock, and its List command with how it answers for some names. */
interface SageMakerCase {
  readonly kind: TeardownKindModule;
  readonly mock: AwsStub<any, any, any>;
  readonly list: Command;
  readonly page: (names: string[]) => object;
}

/**
 * A SageMaker kind listed by one List command and found again by exact name in it
 * (`NameContains` or `PipelineNamePrefix`, which also match look-alikes such as `prod-churn-1`).
 */
export function sagemakerRecordTests(o: SageMakerCase & {
  readonly del: Command;
  /** Further reads `list` makes (an endpoint's price). */
  readonly wire?: () => void;
}): void {
  let present: string[] = [];
  beforeEach(() => {
    o.mock.reset();
    present = [...LISTED];
    o.mock.on(o.list).callsFake((i: any) => o.page(present.filter((n) => n.includes(i.NameContains ?? i.PipelineNamePrefix ?? ''))));
    o.mock.on(o.del).resolves({});
    o.wire?.();
  });
  itListsOnlyWhatIsClaimed(o.kind);
  itDeletes({ kind: o.kind, resource: resource(o.kind.kind, 'churn-1'), mocks: [o.mock], expected: [operationNameOf(o.del.prototype)], gone: () => (present = present.filter((n) => n !== 'churn-1')) });
}

/** A running SageMaker job: listed while InProgress, stopped once, gone for teardown once it no longer runs. */
export function sagemakerJobTests(o: SageMakerCase & {
  readonly describe: Command;
  readonly status: (status: string) => object;
  readonly stop: Command;
}): void {
  let status = 'InProgress';
  beforeEach(() => {
    o.mock.reset();
    status = 'InProgress';
    o.mock.on(o.list, { StatusEquals: 'InProgress' }).callsFake(() => o.page(LISTED));
    o.mock.on(o.describe).callsFake(() => {
      if (status === 'missing') throw awsError('ResourceNotFound');
      return o.status(status);
    });
    o.mock.on(o.stop).callsFake(() => void (status = 'Stopping'));
  });
  itListsOnlyWhatIsClaimed(o.kind);
  itDeletes({ kind: o.kind, resource: resource(o.kind.kind, 'churn-1'), mocks: [o.mock], expected: [operationNameOf(o.stop.prototype)], gone: () => (status = 'Stopped') });
  test('a job that no longer exists is gone', async () => {
    status = 'missing';
    expect(await o.kind.advance(advanceContext(), resource(o.kind.kind, 'churn-1'))).toEqual(DONE);
  });
}

export function resource(kind: TeardownKind, name: string, ref: Record<string, string> = {}): LabResource {
  return { kind, name, claim: 'name', why: 'test', ref };
}

/** A run's context; `destroyStack` for the stack kind. */
export function advanceContext(destroyStack: (name: string) => Promise<void> = async () => {}): AdvanceContext {
  return runContext(clients, destroyStack, () => {});
}

/** Every write the mocks received (what is not a read-only operation), by operation name. */
export function writes(...mocks: AwsStub<any, any, any>[]): string[] {
  return mocks.flatMap((m) => m.calls().map((c) => operationNameOf(c.args[0] as object))).filter((op) => !isReadOnlyOperation(op));
}

interface DeleteCase {
  readonly kind: TeardownKindModule;
  readonly resource: LabResource;
  readonly mocks: readonly AwsStub<any, any, any>[];
  readonly expected: readonly string[];
}

/**
 * Declares the advance tests of a kind whose deletion takes a while: while the resource is there,
 * two passes send `expected` once; once it is `gone()`, advance is done and a second advance after
 * done sends nothing more; a resource that is not there at all is done without a write.
 * The test file resets its mocks and state in `beforeEach`.
 */
export function itDeletes(o: DeleteCase & { readonly gone: () => void }): void {
  test(`advance sends ${o.expected.join(', ')} once, then is done and sends nothing more`, async () => {
    const ctx = advanceContext();
    expect(await o.kind.advance(ctx, o.resource)).toMatchObject({ done: false });
    expect(await o.kind.advance(ctx, o.resource)).toMatchObject({ done: false });
    expect(writes(...o.mocks)).toEqual(o.expected);
    o.gone();
    expect([await o.kind.advance(ctx, o.resource), await o.kind.advance(ctx, o.resource)]).toEqual([DONE, DONE]);
    expect(writes(...o.mocks)).toEqual(o.expected);
  });
  test('not found is gone: done, no write', async () => {
    o.gone();
    expect(await o.kind.advance(advanceContext(), o.resource)).toEqual(DONE);
    expect(writes(...o.mocks)).toEqual([]);
  });
}

/**
 * Declares the advance tests of a kind whose delete is synchronous: done at once, a second advance
 * sends nothing more, and a delete answered with not-found (`missing()`) is done, not a failure.
 */
export function itDeletesAtOnce(o: DeleteCase & { readonly missing: () => void }): void {
  test(`advance sends ${o.expected.join(', ')} and is done; a second advance sends nothing`, async () => {
    const ctx = advanceContext();
    expect([await o.kind.advance(ctx, o.resource), await o.kind.advance(ctx, o.resource)]).toEqual([DONE, DONE]);
    expect(writes(...o.mocks)).toEqual(o.expected);
  });
  test('not found is gone: done, not a failure', async () => {
    o.missing();
    await expect(o.kind.advance(advanceContext(), o.resource)).resolves.toEqual(DONE);
  });
}

const STUDIO_LISTS: Record<'Apps' | 'Spaces' | 'UserProfiles', Command> = { Apps: ListAppsCommand, Spaces: ListSpacesCommand, UserProfiles: ListUserProfilesCommand };

/**
 * One kind of a lab domain's insides (apps, spaces, user profiles): listed only inside the lab's
 * domains, and cleaned through the domain's clean-up step. `item` is what the List call answers.
 */
export function studioInsideTests(o: {
  readonly kind: TeardownKindModule;
  readonly mock: AwsStub<any, any, any>;
  readonly list: keyof typeof STUDIO_LISTS;
  readonly item: Record<string, unknown>;
  readonly name: string;
  readonly expected: string;
}): void {
  // What SageMaker says of the item: a deletion shows as Deleting until it is gone.
  let status: string | undefined;
  beforeEach(() => {
    o.mock.reset();
    status = 'InService';
    o.mock.on(DescribeDomainCommand).resolves({ DomainId: 'd-lab1', Status: 'InService' });
    for (const [key, command] of Object.entries(STUDIO_LISTS)) {
      o.mock.on(command).callsFake((i: any) => ({ [key]: key === o.list && status ? [{ DomainId: i.DomainIdEquals, Status: status, ...o.item }] : [] }));
    }
    for (const command of [DeleteAppCommand, DeleteSpaceCommand, DeleteUserProfileCommand] as Command[]) o.mock.on(command).callsFake(() => void (status = 'Deleting'));
  });
  test("list looks only inside the lab's domains", async () => {
    const found = await o.kind.list(listContext({ stack: [['AWS::SageMaker::Domain', 'd-lab1']], tagged: { [OTHER_LAB_ID]: [arn('sagemaker', 'domain/d-other')] } }));
    expect(found.map((r) => [r.name, r.ref.domainId, r.claim, r.why])).toEqual([[o.name, 'd-lab1', 'inside', `in domain d-lab1 (stack ${STACK})`]]);
    expect(o.mock.commandCalls(STUDIO_LISTS[o.list] as typeof ListAppsCommand).map((c) => c.args[0].input.DomainIdEquals)).toEqual(['d-lab1']);
  });
  itDeletes({ kind: o.kind, resource: resource(o.kind.kind, o.name, { domainId: 'd-lab1' }), mocks: [o.mock], expected: [o.expected], gone: () => (status = undefined) });
  test('a domain that is gone has nothing inside: done, no write', async () => {
    o.mock.on(DescribeDomainCommand).rejects(awsError('ResourceNotFound'));
    expect(await o.kind.advance(advanceContext(), resource(o.kind.kind, o.name, { domainId: 'd-lab1' }))).toEqual(DONE);
    expect(writes(o.mock)).toEqual([]);
  });
}
