import { DeleteObjectsCommand, GetBucketVersioningCommand, ListObjectsV2Command, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { s3Objects } from '../../../lib/teardown/kinds/s3-objects';
import { awsError } from '../../support/check-harness';
import { advanceContext, LAB_ID, listContext, OTHER_LAB_ID, resource, writes } from './kit';

const s3 = mockClient(S3Client);
/** Keys by bucket; `versioned` holds versions and a delete marker too. */
let buckets: Record<string, string[]>;

beforeEach(() => {
  s3.reset();
  buckets = { 'lab-bucket': ['a.csv', 'b.csv'], 'tagged-bucket': ['m.tar.gz'], versioned: ['k#v1', 'k#v2', 'k#dm'], 'empty-bucket': [], 'fraud-bucket': ['x'] };
  s3.on(GetBucketVersioningCommand).callsFake((i) => (i.Bucket === 'versioned' ? { Status: 'Enabled' } : {}));
  s3.on(ListObjectsV2Command).callsFake((i) => {
    if (!buckets[i.Bucket]) throw awsError('NoSuchBucket');
    return { Contents: buckets[i.Bucket]!.map((Key) => ({ Key, Size: 1024 })), IsTruncated: false };
  });
  s3.on(ListObjectVersionsCommand).callsFake((i) => {
    const entries = buckets[i.Bucket]!.map((k) => k.split('#') as [string, string]);
    return { Versions: entries.filter(([, v]) => v !== 'dm').map(([Key, VersionId]) => ({ Key, VersionId, Size: 10 })), DeleteMarkers: entries.filter(([, v]) => v === 'dm').map(([Key, VersionId]) => ({ Key, VersionId })), IsTruncated: false };
  });
  s3.on(DeleteObjectsCommand).callsFake((i) => {
    const gone = new Set(i.Delete.Objects.map((o: { Key: string; VersionId?: string }) => (o.VersionId ? `${o.Key}#${o.VersionId}` : o.Key)));
    buckets[i.Bucket] = buckets[i.Bucket]!.filter((k) => !gone.has(k));
    return {};
  });
});

test("list: the objects of the lab's buckets with something in them, never another lab's bucket", async () => {
  const ctx = listContext({
    stack: [['AWS::S3::Bucket', 'lab-bucket'], ['AWS::S3::Bucket', 'empty-bucket'], ['AWS::S3::Bucket', 'deleted-bucket']],
    tagged: { [LAB_ID]: ['arn:aws:s3:::tagged-bucket', 'arn:aws:s3:::versioned'], [OTHER_LAB_ID]: ['arn:aws:s3:::fraud-bucket'] },
  });
  expect((await s3Objects.list(ctx)).map((r) => [r.name, r.why])).toEqual([
    ['s3://lab-bucket', '2 object(s) in bucket lab-bucket (stack MlLab-churn-lab)'],
    ['s3://tagged-bucket', '1 object(s) in bucket tagged-bucket (tag mllab:lab=churn-lab)'],
    ['s3://versioned', '3 object version(s) in bucket versioned (tag mllab:lab=churn-lab)'],
  ]);
});

test('advance deletes a page per pass, every version and delete marker of a versioned bucket, then is done and sends nothing more', async () => {
  const ctx = advanceContext();
  const objects = resource('s3:objects', 's3://versioned', { bucket: 'versioned' });
  expect(await s3Objects.advance(ctx, objects)).toMatchObject({ done: false });
  expect(s3).toHaveReceivedCommandWith(DeleteObjectsCommand, { Bucket: 'versioned', Delete: { Objects: [{ Key: 'k', VersionId: 'v1' }, { Key: 'k', VersionId: 'v2' }, { Key: 'k', VersionId: 'dm' }], Quiet: true } });
  expect(await s3Objects.advance(ctx, objects)).toEqual({ done: true });
  expect(await s3Objects.advance(ctx, objects)).toEqual({ done: true });
  expect(writes(s3)).toEqual(['DeleteObjects']);
});

test('not found is gone: a bucket that no longer exists is done, no write', async () => {
  expect(await s3Objects.advance(advanceContext(), resource('s3:objects', 's3://deleted-bucket', { bucket: 'deleted-bucket' }))).toEqual({ done: true });
  expect(writes(s3)).toEqual([]);
});
