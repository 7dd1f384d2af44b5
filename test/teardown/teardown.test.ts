import type { LabScope } from '../../lib/teardown/discover';
import { createTeardownClients, enabledRegions, formatPlan, formatSweep, labsInAccount, teardownLab, type TeardownClients } from '../../lib/teardown';
import { pricesFor } from '../../lib/cost/prices';
import { awsError } from '../support/check-harness';
import { addForeignLabStack, buildAccount, fakeDestroyStack, HELPER_LOG_GROUPS, LAB_ID, mocks, REGION, STACK, wireAccount, writesReceived, type FakeAccount } from './fake-account';

const LAB: LabScope = {
  id: LAB_ID,
  learnerResources: [
    { kind: 'sagemaker:endpoint', name: 'churn-', match: 'prefix' },
    { kind: 'sagemaker:endpoint-config', name: 'churn-', match: 'prefix' },
    { kind: 'sagemaker:model', name: 'churn-', match: 'prefix' },
    { kind: 'sagemaker:training-job', name: 'churn-train-', match: 'prefix' },
    { kind: 'sagemaker:monitoring-schedule', name: 'churn-monitor' },
    { kind: 'kinesis:stream', name: 'churn-extra' },
    { kind: 'logs:log-group', name: '/mllab/churn-lab/', match: 'prefix' },
  ],
};

let account: FakeAccount;
let clients: TeardownClients;

beforeEach(() => {
  account = buildAccount();
  wireAccount(account);
  clients = createTeardownClients({ region: REGION, maxAttempts: 1 });
});
afterEach(() => clients.destroy());

const run = (yes: boolean) => teardownLab(clients, LAB, pricesFor(REGION), {
  yes,
  destroyStack: fakeDestroyStack(account),
  pollMs: 0,
  sleep: async () => account.tick(),
});

test('the fake account is mixed: at least 200 resources, over half of them no lab\'s, some another lab\'s', () => {
  const all = [...account.res.values()];
  expect(all.length).toBeGreaterThanOrEqual(200);
  expect(all.filter((r) => r.owner === 'none').length).toBeGreaterThan(all.length / 2);
  expect(all.filter((r) => r.owner === 'other-lab').length).toBeGreaterThanOrEqual(5);
});

test('the dry run plans every resource of the lab, in dependency order, with its cost, and writes nothing', async () => {
  const outcome = await run(false);
  expect(writesReceived()).toEqual([]);
  const names = outcome.plan.items.map((i) => `${i.resource.kind} ${i.resource.name}`);
  expect(names).toEqual(expect.arrayContaining([
    'sagemaker:endpoint churn-ep-1', 'sagemaker:endpoint fraud-tagged-ep', 'sagemaker:endpoint-config churn-cfg-2',
    'sagemaker:training-job churn-train-1', 'kinesis:stream churn-extra', 'kinesis:stream-consumer churn-efo',
    'kinesis:stream-consumer someone-elses-efo', 'sagemaker:app JupyterLab/default', 'sagemaker:domain d-lab1',
    'sagemaker:studio-vpc-leftovers vpc-lab', 'glue:crawler tagged-crawler', 'glue:job churn-etl', 'glue:table features', 'glue:database churn_scratch', 'glue:table orders_curated',
    'athena:named-query top-churners', 's3:objects s3://mllab-churn-lab-bucket', 's3:objects s3://churn-versioned', 'logs:log-group /mllab/churn-lab/app',
    `cloudformation:stack ${STACK}`,
  ]));
  // Another lab's endpoint matches the prefix 'churn-' but carries that lab's tag; look-alike names do not match a prefix.
  expect(names.join('\n')).not.toMatch(/churn-other|prod-|fraud-stream|fraud-crawler|d-other|d-prod/);
  const steps = outcome.plan.items.map((i) => i.step);
  expect(steps).toEqual([...steps].sort((a, b) => a - b));
  const ep = outcome.plan.items.find((i) => i.resource.name === 'churn-ep-1')!;
  expect(ep.resource.costPerHourUsd).toBeCloseTo(0.115, 6);
  const app = outcome.plan.items.find((i) => i.resource.name === 'KernelGateway/datascience')!;
  expect(app.resource.costPerHourUsd).toBeCloseTo(0.115, 6);
  // Spot training is priced at the assumed spot rate, provisioned streams per shard.
  expect(outcome.plan.items.find((i) => i.resource.name === 'churn-train-1')!.resource.costPerHourUsd).toBeCloseTo(0.0345, 6);
  expect(outcome.plan.items.find((i) => i.resource.name === 'mllab-churn-lab-stream')).toMatchObject({ action: 'with stack', resource: { costPerHourUsd: 0.03 } });
  const table = formatPlan(outcome.plan);
  expect(table).toMatch(/^step +action +kind +name +status +USD\/hour +claimed by$/m);
  expect(table).toMatch(/Estimated cost of what is left: \$0\.\d{4}\/hour/);
  expect(outcome.exitCode).toBe(0);
});

test('--yes removes every resource of the lab in a valid order and writes to nothing else', async () => {
  const before = account.labTargets();
  const foreignBefore = [...account.res.values()].filter((r) => r.owner !== 'lab').length;
  const outcome = await run(true);
  expect(outcome.execution!.failures).toEqual([]);
  expect(formatSweep(outcome)).toMatch(/nothing of churn-lab is left/);
  expect(outcome.exitCode).toBe(0);

  // Every write any client received acted on a resource of the lab (or the lab's stack); the only
  // one not there before the run is the log group the auto-delete function wrote during the stack's deletion.
  expect(account.writes.length).toBeGreaterThan(30);
  for (const w of account.writes) {
    if (w.op === 'DeleteStack') continue;
    const lab = before.has(w.target) || (account.owners.get(w.target) === 'lab' && w.target === `logs:log-group|${HELPER_LOG_GROUPS.autoDelete}`);
    expect(lab ? 'lab' : `foreign: ${w.op} ${w.target}`).toBe('lab');
  }
  // ... and the fake saw every write the mocks received (none slipped past it).
  // (DeleteObjects is one call for many objects; DeleteStack goes through lib/deploy, not a mocked client.)
  const fromMocks = writesReceived().flatMap((w) => (w.op === 'DeleteObjects' ? w.input.Delete.Objects.map(() => w.op) : [w.op])).sort();
  expect(fromMocks).toEqual(account.writes.filter((w) => w.op !== 'DeleteStack').map((w) => w.op).sort());
  // Nothing of the lab is left; every other resource is.
  // Of the lab only the stopped training job's record is left: a record, not a billed resource.
  expect([...account.res.values()].filter((r) => r.owner === 'lab').map((r) => `${r.name} ${r.status}`)).toEqual(['churn-train-1 Stopped']);
  expect([...account.res.values()].filter((r) => r.owner !== 'lab').length).toBe(foreignBefore);

  // An endpoint config only after its endpoint is gone; models after the configs.
  expect(account.firstWrite('DeleteEndpointConfig', 'sagemaker:endpoint-config', 'churn-cfg-1')).toBeGreaterThan(account.goneAt('sagemaker:endpoint', 'churn-ep-1'));
  expect(account.firstWrite('DeleteEndpointConfig', 'sagemaker:endpoint-config', 'fraud-tagged-cfg')).toBeGreaterThan(account.goneAt('sagemaker:endpoint', 'fraud-tagged-ep'));
  expect(account.firstWrite('DeleteModel', 'sagemaker:model', 'churn-model-1')).toBeGreaterThan(account.goneAt('sagemaker:endpoint-config', 'churn-cfg-1'));
  // The domain only after its apps, spaces and user profiles, having waited through several polls of Deleting.
  const deleteDomain = account.firstWrite('DeleteDomain', 'sagemaker:domain', 'd-lab1');
  for (const key of ['sagemaker:app|d-lab1/lab-space/JupyterLab/default', 'sagemaker:app|d-lab1/learner2/KernelGateway/datascience', 'sagemaker:space|d-lab1/lab-space', 'sagemaker:user-profile|d-lab1/learner', 'sagemaker:user-profile|d-lab1/learner2']) {
    const [kind, name] = key.split('|') as [string, string];
    expect(deleteDomain).toBeGreaterThan(account.goneAt(kind, name));
  }
  expect(account.firstWrite('DeleteSpace', 'sagemaker:space', 'd-lab1/lab-space')).toBeGreaterThan(account.goneAt('sagemaker:app', 'd-lab1/lab-space/JupyterLab/default'));
  expect(account.deletingPolls.get('d-lab1')).toBeGreaterThanOrEqual(3);
  // The NFS groups only after the domain and its home volume's mount target are gone.
  expect(account.firstWrite('DeleteSecurityGroup', 'ec2:security-group', 'security-group-for-inbound-nfs-d-lab1')).toBeGreaterThan(account.goneAt('sagemaker:domain', 'd-lab1'));
  expect(account.firstWrite('DeleteSecurityGroup', 'ec2:security-group', 'security-group-for-inbound-nfs-d-lab1')).toBeGreaterThan(account.goneAt('efs:mount-target', 'fsmt-lab'));
  // Consumers deregistered before their stream is deleted and before the stack is destroyed.
  expect(account.firstWrite('DeleteStream', 'kinesis:stream', 'churn-extra')).toBeGreaterThan(account.goneAt('kinesis:consumer', 'churn-extra/extra-efo'));
  const destroy = account.firstWrite('DeleteStack', 'cloudformation:stack', STACK);
  expect(destroy).toBeGreaterThan(account.goneAt('kinesis:consumer', 'mllab-churn-lab-stream/churn-efo'));
  expect(destroy).toBeGreaterThan(account.goneAt('s3:object', 'mllab-churn-lab-bucket/data/part-0.csv'));
  // A learner's tagged database goes after its tables, which are deleted one by one.
  expect(account.firstWrite('DeleteDatabase', 'glue:database', 'churn_scratch')).toBeGreaterThan(account.firstWrite('DeleteTable', 'glue:table', 'churn_scratch.features'));
  // A running crawler is stopped before it is deleted.
  expect(account.firstWrite('DeleteCrawler', 'glue:crawler', 'tagged-crawler')).toBeGreaterThan(account.firstWrite('StopCrawler', 'glue:crawler', 'tagged-crawler'));
  expect(account.stackDestroyCalls).toBe(1);
  // The helper functions' log groups go only once the stack (whose deletion runs them) is gone,
  // including the one Lambda created during that deletion, which the sweep finds and deletes.
  for (const group of [HELPER_LOG_GROUPS.restrictSg, HELPER_LOG_GROUPS.autoDelete]) {
    expect(account.firstWrite('DeleteLogGroup', 'logs:log-group', group)).toBeGreaterThan(destroy);
    expect(account.get('logs:log-group', group)).toBeUndefined();
  }
  expect(outcome.execution!.actions).toContain(`DeleteLogGroup ${HELPER_LOG_GROUPS.autoDelete}`);
  // The lab's streams are gone from the shared service groups; the groups and everyone else's streams stay.
  for (const s of ['/aws/sagemaker/TrainingJobs#churn-train-0/algo-2-1763000000', '/aws-glue/crawlers#mllab-churn-lab-crawler', '/aws-glue/crawlers#tagged-crawler', '/aws/sagemaker/studio#d-lab1/learner2/KernelGateway/datascience']) {
    expect(account.firstWrite('DeleteLogStream', 'logs:log-stream', s)).toBeLessThan(Infinity);
  }
  for (const group of ['/aws/sagemaker/TrainingJobs', '/aws-glue/crawlers', '/aws/sagemaker/studio']) expect(account.get('logs:log-group', group)).toBeDefined();
  expect(account.all('logs:log-stream').map((r) => r.name).sort()).toEqual([
    '/aws-glue/crawlers#fraud-crawler', '/aws-glue/crawlers#prod-crawler-0', '/aws-glue/crawlers#prod-crawler-1', '/aws-glue/crawlers#prod-crawler-2',
    '/aws/sagemaker/TrainingJobs#churn-trainer/algo-1-1764000000', '/aws/sagemaker/TrainingJobs#prod-churn-train-1/algo-1-1764000000', '/aws/sagemaker/TrainingJobs#prod-train-0/algo-1-1764000000',
    '/aws/sagemaker/studio#d-other/fraud-user/JupyterLab/default', '/aws/sagemaker/studio#d-prod/analyst/JupyterLab/default',
  ]);
  expect(account.get('logs:log-group', '/aws/lambda/MlLab-fraud-lab-CustomVpcRestrictDefaultSGCustomRes-Fr4udSg')).toBeDefined();
  expect(account.get('logs:log-group', '/aws/sagemaker/Endpoints/churn-ep-1')).toBeUndefined();
  expect(account.get('logs:log-group', '/aws/sagemaker/Endpoints/churn-other')).toBeDefined();
});

test('log groups and streams no stack owns: the plan lists the lab\'s, after the stack when its deletion writes them, and nothing else\'s', async () => {
  const outcome = await run(false);
  const items = outcome.plan.items.map((i) => `${i.step} ${i.resource.kind} ${i.resource.name}`);
  expect(items).toEqual(expect.arrayContaining([
    `14 logs:stack-lambda-log-group ${HELPER_LOG_GROUPS.restrictSg}`,
    '12 logs:log-group /aws/sagemaker/Endpoints/churn-ep-1',
    '12 logs:log-stream churn-train-1/algo-1-1764000000',
    '12 logs:log-stream churn-train-0/algo-1-1763000000',
    '12 logs:log-stream churn-train-0/algo-2-1763000000',
    '12 logs:log-stream mllab-churn-lab-crawler',
    '12 logs:log-stream tagged-crawler',
    '12 logs:log-stream d-lab1/learner2/KernelGateway/datascience',
  ]));
  const logItems = items.filter((i) => / logs:/.test(i)).join('\n');
  expect(logItems).not.toMatch(/TrainingJobs$|crawlers$|studio$|fraud|prod-|churn-trainer|churn-other|d-other|d-prod/m);
  const helper = outcome.plan.items.find((i) => i.resource.name === HELPER_LOG_GROUPS.restrictSg)!;
  expect(helper).toMatchObject({ action: 'delete', resource: { claim: 'stack-name', why: `name prefix '/aws/lambda/${STACK}-'` } });
  expect(outcome.plan.items.find((i) => i.resource.name === 'mllab-churn-lab-crawler' && i.resource.kind === 'logs:log-stream')).toMatchObject({ action: 'delete', resource: { ref: { logGroup: '/aws-glue/crawlers' } } });
  expect(formatPlan(outcome.plan)).toMatch(/^14 +delete +logs:stack-lambda-log-group/m);
  // A stream's size is not reported, so it is not priced, and the total says so instead of counting it as free.
  expect(formatPlan(outcome.plan)).toMatch(/plus 6 item\(s\) whose cost could not be computed \(\?: no price in the table, or no size reported\)\.$/m);
});

test('a lab whose id extends this lab\'s keeps its helper log groups', async () => {
  account.add('logs:log-group', `/aws/lambda/${STACK}-v2-CustomS3AutoDeleteObjectsCustomResour-V2V2V2`, 'other-lab');
  const withOthers = await teardownLab(clients, LAB, pricesFor(REGION), { yes: false, destroyStack: fakeDestroyStack(account), otherLabIds: [`${LAB_ID}-v2`] });
  expect(withOthers.plan.items.map((i) => i.resource.name)).not.toContain(`/aws/lambda/${STACK}-v2-CustomS3AutoDeleteObjectsCustomResour-V2V2V2`);
  expect(withOthers.plan.items.map((i) => i.resource.name)).toContain(HELPER_LOG_GROUPS.restrictSg);
});

test('a second run finds nothing and sends no write', async () => {
  await run(true);
  for (const m of Object.values(mocks)) m.resetHistory();
  const again = await run(true);
  expect(again.plan.items).toEqual([]);
  expect(writesReceived()).toEqual([]);
  expect(again.exitCode).toBe(0);
  expect(formatPlan(again.plan)).toMatch(/nothing of the lab is left/);
});

test('a run that fails half way stops before what depends on the failure, exits 1, and a second run completes', async () => {
  account.inject.set('DeleteEndpointConfig|sagemaker:endpoint-config|churn-cfg-2', awsError('AccessDeniedException', 'not authorized to perform sagemaker:DeleteEndpointConfig'));
  const first = await run(true);
  expect(first.exitCode).toBe(1);
  expect(first.execution).toMatchObject({ stoppedAtStep: 4, stackDestroyed: false });
  expect(first.execution!.failures[0]).toMatchObject({ item: 'sagemaker:endpoint-config churn-cfg-2' });
  expect(first.execution!.failures[0]!.message).toMatch(/Access denied/);
  const report = formatSweep(first);
  expect(report).toMatch(/stopped at step 4/);
  expect(report).toMatch(/sagemaker:endpoint-config churn-cfg-2/);
  expect(report).toMatch(/cloudformation:stack MlLab-churn-lab \(not reached/);
  // What came before the failure is done; what depends on it was not touched.
  expect(account.get('sagemaker:endpoint', 'churn-ep-1')).toBeUndefined();
  expect(account.get('sagemaker:domain', 'd-lab1')).toBeDefined();
  expect(account.stackDestroyCalls).toBe(0);

  const writesBefore = account.writes.length;
  const second = await run(true);
  expect(second.exitCode).toBe(0);
  expect(second.execution!.failures).toEqual([]);
  // The second run does not repeat what the first finished.
  const repeated = account.writes.slice(writesBefore).filter((w) => account.writes.slice(0, writesBefore).some((b) => b.op === w.op && b.target === w.target));
  expect(repeated).toEqual([]);
  expect([...account.res.values()].filter((r) => r.owner === 'lab').map((r) => `${r.name} ${r.status}`)).toEqual(['churn-train-1 Stopped']);
});

test('a tagged resource of a type teardown does not delete is listed, never touched, and keeps the exit code at 1', async () => {
  account.add('sns:topic', 'churn-alerts', 'lab', {}, 'ok', LAB_ID);
  const dry = await run(false);
  expect(formatPlan(dry.plan)).toContain(`Tagged mllab:lab=${LAB_ID} but of a type teardown does not delete`);
  expect(formatPlan(dry.plan)).toContain('arn:aws:sns:us-east-1:111122223333:churn-alerts');
  const outcome = await run(true);
  expect(outcome.exitCode).toBe(1);
  expect(formatSweep(outcome)).toMatch(/arn:aws:sns:us-east-1:111122223333:churn-alerts \(tagged for the lab, not a type teardown deletes/);
  expect(account.get('sns:topic', 'churn-alerts')).toBeDefined();
});

test('a stack whose deletion fails is reported with the reason, exit 1', async () => {
  const outcome = await teardownLab(clients, LAB, pricesFor(REGION), {
    yes: true, pollMs: 0, sleep: async () => account.tick(),
    destroyStack: async () => { throw awsError('ValidationError', 'DELETE_FAILED: role in use'); },
  });
  expect(outcome.exitCode).toBe(1);
  expect(outcome.execution).toMatchObject({ stackDestroyed: false, stoppedAtStep: 13 });
  // The helper functions' log groups wait for the stack: they are not deleted while it stands.
  expect(account.get('logs:log-group', HELPER_LOG_GROUPS.restrictSg)).toBeDefined();
  expect(formatSweep(outcome)).toMatch(/failed: stack MlLab-churn-lab: .*role in use/);
});

// Issue 11 finding 19 changed this test: --all used to take any `MlLab-*` stack and any `mllab:lab`
// tag as a lab (fraud-lab, unknown to this build, was torn down by tag) and left environment stacks
// alone; it now takes only labs and environments this build knows, from stacks mllab created.
test('--all finds the labs and environments this build knows, by stack and by tag; others are passed over and said so; --regions all reads the enabled regions', async () => {
  expect(await labsInAccount(clients, undefined, [LAB_ID])).toEqual({
    ids: ['churn-lab', 'env-studio'],
    passedOver: ['resources tagged mllab:lab=fraud-lab: \'fraud-lab\' is not a lab or environment of this build of mllab'],
  });
  // A lab whose stack was destroyed without teardown is still found by its helper functions' log
  // groups, when this build knows it; a shorter id that prefixes a longer one does not steal its groups.
  account.add('logs:log-group', '/aws/lambda/MlLab-gone-lab-CustomS3AutoDeleteObjectsCustomResour-G0ne', 'other-lab');
  expect((await labsInAccount(clients, undefined, ['gone-lab', 'churn', 'churn-lab', 'unused-lab'])).ids).toEqual(['churn-lab', 'env-studio', 'gone-lab']);
  expect(await enabledRegions(clients)).toEqual(['eu-west-1', 'us-east-1']);
});

describe('finding 19: teardown claims only the stacks mllab created', () => {
  const teardownOf = (lab: LabScope, yes: boolean, destroyed: string[]) => teardownLab(clients, lab, pricesFor(REGION), {
    yes, pollMs: 0, sleep: async () => account.tick(), destroyStack: async (name) => { destroyed.push(name); },
  });

  test('a foreign MlLab-x stack without mllab:managed-by is never touched, with or without --yes: not the stack, not its domain, not its home volume', async () => {
    addForeignLabStack(account, 'x');
    // Not even when this build knows a lab called x.
    const found = await labsInAccount(clients, undefined, [LAB_ID, 'x']);
    expect(found.ids).not.toContain('x');
    expect(found.passedOver).toContain('stack MlLab-x: no tag mllab:managed-by=aws-ml-labs, so not created by mllab');
    const destroyed: string[] = [];
    for (const yes of [false, true]) {
      const outcome = await teardownOf({ id: 'x', learnerResources: [] }, yes, destroyed);
      expect(outcome.plan.items).toEqual([]);
      expect(formatPlan(outcome.plan)).toContain('Not in the plan: stack MlLab-x does not carry the tag mllab:managed-by=aws-ml-labs that mllab puts on its stacks: not created by mllab, never touched.');
    }
    expect(destroyed).toEqual([]);
    expect(writesReceived()).toEqual([]);
    for (const [kind, name] of [
      ['sagemaker:domain', 'd-foreign'], ['efs:file-system', 'fs-foreign'], ['sagemaker:app', 'd-foreign/researcher/JupyterLab/default'],
      ['s3:object', 'research-bucket/results.parquet'], ['logs:log-group', '/aws/lambda/MlLab-x-CustomVpcRestrictDefaultSGCustomRes-F0re1gnSg'],
    ]) {
      expect(account.get(kind!, name!)).toBeDefined();
    }
  });

  test('the lab\'s own stack name without mllab:managed-by is not enough: the stack is left out of the plan and never destroyed', async () => {
    account.stackTags = { 'mllab:lab': LAB_ID };
    const destroyed: string[] = [];
    const outcome = await teardownOf(LAB, true, destroyed);
    expect(outcome.plan.items.map((i) => i.resource.kind)).not.toContain('cloudformation:stack');
    expect(outcome.plan.stackPassedOver).toMatch(/^stack MlLab-churn-lab does not carry the tag mllab:managed-by=aws-ml-labs/);
    expect(destroyed).toEqual([]);
    // What only the stack claimed stays: the tables of its Glue database, the saved queries of its workgroup
    // (what carries the lab's tag is still the lab's: a tag claims on its own).
    expect(account.all('glue:table').filter((r) => r.props.db === 'churn_db')).toHaveLength(3);
    expect(account.all('athena:named-query').filter((r) => r.props.wg === 'churn-wg')).toHaveLength(2);
  });

  test('a known lab\'s stack carrying mllab:managed-by is found by --all and destroyed with --yes', async () => {
    expect((await labsInAccount(clients, undefined, [LAB_ID])).ids).toContain(LAB_ID);
    const outcome = await run(true);
    expect(outcome.plan.items.map((i) => `${i.resource.kind} ${i.resource.name}`)).toContain(`cloudformation:stack ${STACK}`);
    expect(outcome.execution!.stackDestroyed).toBe(true);
    expect(account.stackDestroyCalls).toBe(1);
  });
});

test('an unreadable account is an error, not an empty plan', async () => {
  mocks.tagging.reset();
  mocks.tagging.onAnyCommand().rejects(awsError('AccessDeniedException', 'no tag:GetResources'));
  await expect(run(false)).rejects.toMatchObject({ name: 'AccessDeniedException' });
});
