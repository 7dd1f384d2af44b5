import { DeregisterResourceCommand, LakeFormationClient, ListResourcesCommand } from '@aws-sdk/client-lakeformation';
import { mockClient } from 'aws-sdk-client-mock';
import type { LearnerResource } from '../../../lib/model';
import { DONE } from '../../../lib/teardown/kind';
import { lakeformationRegisteredLocation as kind, registrationInLab } from '../../../lib/teardown/kinds/lakeformation-registered-location';
import { awsError } from '../../support/check-harness';
import { advanceContext, listContext, writes, type Setup } from './kit';

const lf = mockClient(LakeFormationClient);
const declared: LearnerResource[] = [{ kind: 'lakeformation:registered-location', name: 'lake/rides/', match: 'prefix' }];
const setup: Setup = { learnerResources: declared, stack: [['AWS::S3::Bucket', 'churn-bucket']] };
const arn = (path: string) => `arn:aws:s3:::${path}`;
/** The lab's four (the bucket, on the way to lake/rides/, it, below it) and four that are not. */
const OURS = ['churn-bucket', 'churn-bucket/lake', 'churn-bucket/lake/rides', 'churn-bucket/lake/rides/2026'].map(arn);
const OTHERS = ['churn-bucket/athena-results', 'churn-bucket/lake/ridesarchive', 'other-bucket/lake/rides', 'other-bucket'].map(arn);
let registered: string[];

beforeEach(() => {
  lf.reset();
  registered = [...OURS, ...OTHERS];
  lf.on(ListResourcesCommand).callsFake(() => ({ ResourceInfoList: registered.map((ResourceArn) => ({ ResourceArn, HybridAccessEnabled: false })) }));
  lf.on(DeregisterResourceCommand).callsFake((i) => {
    if (!registered.includes(i.ResourceArn)) throw awsError('EntityNotFoundException');
    registered = registered.filter((a) => a !== i.ResourceArn);
    return {};
  });
});

test("list claims the registrations of the lab's bucket on the way to or under the declared prefix, none of another bucket's or another folder's", async () => {
  expect((await kind.list(listContext(setup))).map((r) => r.name).sort()).toEqual([...OURS].sort());
});

test('a lab that does not declare the kind makes no Lake Formation call', async () => {
  expect(await kind.list(listContext({ stack: [['AWS::S3::Bucket', 'churn-bucket']] }))).toEqual([]);
  expect(lf.calls()).toHaveLength(0);
});

test('a run deregisters each of the lab\'s once, leaves the others registered, and a second run changes nothing', async () => {
  const ctx = advanceContext();
  for (const r of await kind.list(listContext(setup))) expect([await kind.advance(ctx, r), await kind.advance(ctx, r)]).toEqual([DONE, DONE]);
  expect(writes(lf)).toEqual(OURS.map(() => 'DeregisterResource'));
  expect(registered).toEqual(OTHERS);
  lf.resetHistory();
  expect(await kind.list(listContext(setup))).toEqual([]);
  expect(writes(lf)).toEqual([]);
});

test('a registration already gone is done, not a failure', async () => {
  const [first] = await kind.list(listContext(setup));
  registered = [];
  await expect(kind.advance(advanceContext(), first!)).resolves.toEqual(DONE);
});

test('registrationInLab: trailing slashes and other partitions', () => {
  const buckets = new Set(['churn-bucket']);
  expect(registrationInLab('arn:aws-cn:s3:::churn-bucket/lake/', buckets, ['lake/rides/'])).toBe(true);
  expect(registrationInLab('arn:aws:s3:::churn-bucket/lakehouse', buckets, ['lake/rides/'])).toBe(false);
});
