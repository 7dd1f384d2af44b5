// Emptying a lab bucket: current objects, and in a versioned bucket every version and delete
// marker too (noncurrent versions are billed like any object and keep the bucket from deletion).
import { GetBucketVersioningCommand, ListObjectVersionsCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { isServiceError } from '../cleanup';

export interface BucketEntry {
  readonly Key: string;
  readonly VersionId?: string;
  readonly Size: number;
}

/** S3-compatible stores without versioning answer NotImplemented: nothing is versioned there. */
export async function isVersioned(s3: S3Client, bucket: string): Promise<boolean> {
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
export async function* bucketEntries(s3: S3Client, bucket: string, versioned: boolean): AsyncGenerator<BucketEntry[]> {
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
