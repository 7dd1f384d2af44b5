// Emptying a lab bucket: current objects, and in a versioned bucket every version and delete
// marker too (noncurrent versions are billed like any object and keep the bucket from deletion).
import { DeleteObjectsCommand, GetBucketVersioningCommand, ListObjectVersionsCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { isServiceError } from '../../aws';
import { HOURS_PER_MONTH } from '../../cost/prices';
import { DONE, hourly, insideEach, waiting, type TeardownKindModule } from '../kind';

export const s3Objects: TeardownKindModule<'s3:objects'> = {
  kind: 's3:objects',
  action: 'empty',
  because: 'a bucket must be empty to be deleted',
  // Emptied once nothing writes to it.
  after: ['firehose:delivery-stream', 'glue:crawler', 'glue:job', 'sagemaker:training-job', 'sagemaker:processing-job', 'sagemaker:transform-job', 'sagemaker:hyper-parameter-tuning-job'],
  inside: 'bucket',
  list: (ctx) => insideEach(ctx, 'bucket', async (bucket, owner) => {
    let count = 0;
    let bytes = 0;
    let versioned = false;
    try {
      versioned = await isVersioned(ctx.clients.s3, bucket);
      for await (const page of bucketEntries(ctx.clients.s3, bucket, versioned)) {
        count += page.length;
        bytes += page.reduce((sum, e) => sum + e.Size, 0);
      }
    } catch (err) {
      if (isServiceError(err, 'NoSuchBucket')) return [];
      throw err;
    }
    if (count === 0) return [];
    const gb = bytes / 1024 ** 3;
    return [{
      kind: 's3:objects', name: `s3://${bucket}`, claim: 'inside', why: `${count} ${versioned ? 'object version(s)' : 'object(s)'} in bucket ${bucket} (${owner.why})`, ref: { bucket },
      ...hourly(ctx.prices, 's3:storage-gb-month', gb / HOURS_PER_MONTH, `${gb.toFixed(3)} GB stored`),
    }];
  }),
  advance: async (ctx, r) => {
    const bucket = r.ref.bucket!;
    let page: BucketEntry[] = [];
    try {
      // One page per pass: the next pass lists again, so nothing is deleted from a stale listing.
      for await (const first of bucketEntries(ctx.clients.s3, bucket, await isVersioned(ctx.clients.s3, bucket))) {
        page = first;
        break;
      }
    } catch (err) {
      if (isServiceError(err, 'NoSuchBucket')) return DONE;
      throw err;
    }
    if (page.length === 0) return DONE;
    const objects = page.map((e) => ({ Key: e.Key, ...(e.VersionId ? { VersionId: e.VersionId } : {}) }));
    const out = await ctx.clients.s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }));
    ctx.act(`DeleteObjects s3://${bucket} (${objects.length - (out.Errors?.length ?? 0)} ${objects.some((o) => o.VersionId) ? 'version(s)' : 'object(s)'})`);
    if (out.Errors?.length) throw new Error(`S3 refused to delete ${out.Errors.length} object(s) of ${bucket}: ${out.Errors[0]?.Code} ${out.Errors[0]?.Key}`);
    return waiting(`${objects.length} deleted, listing again`);
  },
};

interface BucketEntry {
  readonly Key: string;
  readonly VersionId?: string;
  readonly Size: number;
}

/** S3-compatible stores without versioning answer NotImplemented: nothing is versioned there. */
async function isVersioned(s3: S3Client, bucket: string): Promise<boolean> {
  try {
    const out = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
    // Suspended still keeps the versions written while it was Enabled.
    return out.Status === 'Enabled' || out.Status === 'Suspended';
  } catch (err) {
    if (isServiceError(err, 'NotImplemented')) return false;
    throw err;
  }
}

/** Pages of at most 1,000 entries (the DeleteObjects limit); ListObjectVersions has no SDK paginator. */
async function* bucketEntries(s3: S3Client, bucket: string, versioned: boolean): AsyncGenerator<BucketEntry[]> {
  if (!versioned) {
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, MaxKeys: 1000 })) {
      yield (page.Contents ?? []).map((o) => ({ Key: o.Key!, Size: o.Size ?? 0 }));
    }
    return;
  }
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  for (;;) {
    const out = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1000, ...(keyMarker ? { KeyMarker: keyMarker } : {}), ...(versionMarker ? { VersionIdMarker: versionMarker } : {}) }));
    yield [
      ...(out.Versions ?? []).map((v) => ({ Key: v.Key!, ...(v.VersionId ? { VersionId: v.VersionId } : {}), Size: v.Size ?? 0 })),
      ...(out.DeleteMarkers ?? []).map((d) => ({ Key: d.Key!, ...(d.VersionId ? { VersionId: d.VersionId } : {}), Size: 0 })),
    ];
    if (!out.IsTruncated) return;
    keyMarker = out.NextKeyMarker;
    versionMarker = out.NextVersionIdMarker;
  }
}
