// What the log kinds share: one listing of the region's log groups per discovery, their price, and
// the delete (synchronous; not found means already gone).
import { DeleteLogGroupCommand, paginateDescribeLogGroups, type LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import { collect } from '../../aws';
import { HOURS_PER_MONTH } from '../../cost/prices';
import type { Owner } from '../claims';
import { deleteOnce, hourly, type LabResource, type ListContext, type TeardownKind } from '../kind';

export function logGroups(ctx: ListContext): Promise<LogGroup[]> {
  return ctx.shared('logs:log-groups', () => collect(paginateDescribeLogGroups({ client: ctx.clients.logs }, {}), (p) => p.logGroups));
}

/** The region's log groups that `ownerOf` claims, priced by what they store. */
export async function ownedLogGroups(ctx: ListContext, kind: TeardownKind, ownerOf: (name: string) => Owner | undefined): Promise<LabResource[]> {
  return (await logGroups(ctx)).flatMap((g) => {
    const name = g.logGroupName!;
    const owner = ownerOf(name);
    const gb = (g.storedBytes ?? 0) / 1024 ** 3;
    return owner ? [{ kind, name, ref: {}, ...owner, ...hourly(ctx.prices, 'logs:storage-gb-month', gb / HOURS_PER_MONTH, `${gb.toFixed(3)} GB stored`) }] : [];
  });
}

export const deleteLogGroup = deleteOnce({
  notFound: 'ResourceNotFoundException',
  label: (r) => `DeleteLogGroup ${r.name}`,
  send: (ctx, r) => ctx.clients.logs.send(new DeleteLogGroupCommand({ logGroupName: r.name })),
});
