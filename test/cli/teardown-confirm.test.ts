// `mllab teardown <lab> --yes` on a terminal shows the plan and asks y/N (no by default) before the
// first deletion; --force does not ask; without a terminal --yes is the answer, as before.
import { Readable } from 'node:stream';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { defineLab } from '../../lib/model';
import { runCli } from '../support/cli-harness';
import { buildAccount, LAB_ID, mocks, wireAccount, writesReceived, type FakeAccount } from '../teardown/fake-account';

const lab = defineLab({
  id: LAB_ID, title: 'Churn lab', summary: 's',
  domains: { 'MLA-C01': ['MLA-C01/D3'], 'MLS-C01': ['MLS-C01/D4'] },
  environments: ['studio'], estimatedMinutes: 60, estimatedCostUsd: 1,
  learnerResources: [{ kind: 'sagemaker:model', name: 'churn-', match: 'prefix' }],
  requirements: [],
});
const env = { ...process.env, AWS_REGION: 'us-east-1' };
const QUESTION = `Delete the 4 item(s) above of ${LAB_ID} in us-east-1? This is irreversible. [y/N] `;
/** stdin as a terminal gives it: the learner's typed line. */
const keyboard = (typed: string) => Object.assign(Readable.from([typed]), { isTTY: true });
let account: FakeAccount;

beforeEach(() => {
  account = buildAccount();
  // The lab's three models (by name) and its stack's helper log group, nothing tagged: each deletion is at once.
  account.stackExists = false;
  wireAccount(account);
  mocks.tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
});

const teardown = (argv: string[], stdin?: Readable) => runCli(['teardown', LAB_ID, '--poll-seconds', '1', ...argv], { env, labs: [lab], ...(stdin ? { io: { stdin } } : {}) });
const deletes = () => writesReceived().map((w) => w.op).sort();

test.each([['n\n'], ['\n'], ['no\n'], ['']])('on a terminal, --yes shows the plan and asks; %j deletes nothing: exit 1', async (typed) => {
  const r = await teardown(['--yes'], keyboard(typed));
  expect(r.stdout).toMatch(/^Teardown plan for churn-lab in us-east-1 \(4 item\(s\), dependency order\):/);
  expect(r.stderr).toContain(QUESTION);
  // The last thing said (in-process stdin echoes no Enter, so it follows the question on its line).
  expect(r.stderr.trimEnd().endsWith(`mllab: teardown of ${LAB_ID} in us-east-1 was not confirmed: nothing of it was changed`)).toBe(true);
  expect(r.code).toBe(1);
  expect(writesReceived()).toEqual([]);
});

test.each([['y\n'], ['YES\n']])('on a terminal, --yes answered %j deletes the plan', async (typed) => {
  const r = await teardown(['--yes'], keyboard(typed));
  expect(r.stderr).toContain(QUESTION);
  // The question comes after the plan and before the first deletion.
  expect(r.stderr.indexOf(QUESTION)).toBeLessThan(r.stderr.indexOf('DeleteModel'));
  expect(deletes()).toEqual(['DeleteLogGroup', 'DeleteModel', 'DeleteModel', 'DeleteModel']);
  expect(r.stdout).toContain('sweep: nothing of churn-lab is left in us-east-1');
  expect(r.code).toBe(0);
});

test('on a terminal, --force executes without a question', async () => {
  const r = await teardown(['--force'], keyboard('n\n'));
  expect(r.stderr).not.toContain('[y/N]');
  expect(deletes()).toEqual(['DeleteLogGroup', 'DeleteModel', 'DeleteModel', 'DeleteModel']);
  expect(r.code).toBe(0);
});

test('without a terminal, --yes executes as before: nobody could answer', async () => {
  const r = await teardown(['--yes'], Readable.from(['n\n']));
  expect(r.stderr).not.toContain('[y/N]');
  expect(deletes()).toEqual(['DeleteLogGroup', 'DeleteModel', 'DeleteModel', 'DeleteModel']);
  expect(r.code).toBe(0);
});

test('without --yes it stays a dry run, terminal or not: no question, nothing deleted', async () => {
  const r = await teardown([], keyboard('y\n'));
  expect(r.stderr).not.toContain('[y/N]');
  expect(r.stdout).toContain('Dry run: nothing was changed.');
  expect(writesReceived()).toEqual([]);
  expect(r.code).toBe(0);
});

test('something new between the confirmed plan and the deletion stops the run before its first deletion', async () => {
  let asked = 0;
  const stdin = Object.assign(new Readable({ read() {} }), { isTTY: true });
  const run = teardown(['--yes'], stdin);
  // Answer once the question is out, after a model the learner never saw has appeared.
  const answer = setInterval(() => {
    if (asked++ > 0) return;
    account.add('sagemaker:model', 'churn-model-late', 'lab');
    stdin.push('y\n');
  }, 200);
  const r = await run;
  clearInterval(answer);
  expect(r.stderr).toMatch(/mllab: the account changed after you confirmed \(not in the plan you saw: delete sagemaker:model churn-model-late\); nothing was deleted/);
  expect(writesReceived()).toEqual([]);
  expect(r.code).toBe(1);
});
