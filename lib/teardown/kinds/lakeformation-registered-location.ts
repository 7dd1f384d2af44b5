import { DeregisterResourceCommand, paginateListResources } from '@aws-sdk/client-lakeformation';
import { collect } from '../../aws';
import { deleteOnce, free, type LabResource, type ListContext, type TeardownKindModule } from '../kind';

/**
 * Whether a registered S3 location belongs to the lab: in one of the lab's buckets, and the bucket
 * itself, a folder on the way to a declared key prefix, or a folder below it. `arn:aws:s3:::b/lake`
 * is on the way to `lake/rides/`; `arn:aws:s3:::b/athena-results` is not the lab's to deregister.
 */
export function registrationInLab(arn: string, buckets: ReadonlySet<string>, prefixes: readonly string[]): boolean {
  const m = /^arn:[^:]+:s3:::([^/]+)\/?(.*)$/.exec(arn);
  if (!m || !buckets.has(m[1]!)) return false;
  const path = m[2]!.replace(/\/+$/, '');
  if (path === '') return true;
  return prefixes.some((prefix) => prefix.startsWith(`${path}/`) || `${path}/`.startsWith(prefix));
}

/**
 * Lake Formation registrations of locations in the lab's buckets (LearnerResource
 * 'lakeformation:registered-location', named by the key prefix the lab asks for). A lab that does
 * not declare the kind makes no Lake Formation call. DeregisterResource:
 * https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_DeregisterResource.html
 */
export const lakeformationRegisteredLocation: TeardownKindModule<'lakeformation:registered-location'> = {
  kind: 'lakeformation:registered-location',
  action: 'deregister',
  because: 'while a location of the lab bucket is registered, Lake Formation governs its data; deregistered before the stack deletes the bucket',
  after: [],
  before: ['cloudformation:stack'],
  label: (r) => `Lake Formation location ${r.name}`,
  list: async (ctx: ListContext): Promise<LabResource[]> => {
    const declared = (ctx.lab.learnerResources ?? []).filter((l) => l.kind === 'lakeformation:registered-location');
    const buckets = ctx.claims.containers('bucket');
    if (declared.length === 0 || buckets.size === 0) return [];
    const registered = await collect(paginateListResources({ client: ctx.clients.lakeFormation }, {}), (p) => p.ResourceInfoList);
    const prefixes = declared.map((l) => l.name);
    return registered
      .filter((r) => r.ResourceArn && registrationInLab(r.ResourceArn, new Set(buckets.keys()), prefixes))
      .map((r) => {
        const bucket = /^arn:[^:]+:s3:::([^/]+)/.exec(r.ResourceArn!)![1]!;
        const owner = buckets.get(bucket)!;
        return { kind: 'lakeformation:registered-location' as const, name: r.ResourceArn!, claim: 'inside' as const, why: `in bucket ${bucket} (${owner.why})`, ref: {}, ...free('a registration bills nothing') };
      });
  },
  advance: deleteOnce({
    notFound: 'EntityNotFoundException',
    label: (r) => `DeregisterResource ${r.name}`,
    send: (ctx, r) => ctx.clients.lakeFormation.send(new DeregisterResourceCommand({ ResourceArn: r.name })),
  }),
};
