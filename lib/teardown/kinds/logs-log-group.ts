import type { Owner } from '../claims';
import type { ListContext, TeardownKindModule } from '../kind';
import { deleteLogGroup, ownedLogGroups } from './logs';

/** A real-time endpoint logs to a group of its own, `/aws/sagemaker/Endpoints/<endpoint name>`. */
const ENDPOINT_LOG_GROUP_PREFIX = '/aws/sagemaker/Endpoints/';

export const logsLogGroup: TeardownKindModule<'logs:log-group'> = {
  kind: 'logs:log-group',
  action: 'delete',
  because: 'log groups and streams outlive what wrote them',
  // Removed once nothing writes to them.
  after: ['sagemaker:endpoint', 'sagemaker:training-job', 'sagemaker:processing-job', 'sagemaker:transform-job', 'sagemaker:notebook-instance', 'sagemaker:app', 'sagemaker:domain', 'glue:crawler', 'glue:job'],
  arnType: 'logs:log-group',
  list: (ctx) => ownedLogGroups(ctx, 'logs:log-group', (name) => ctx.claims.of('logs:log-group', name) ?? endpointGroup(ctx, name)),
  advance: deleteLogGroup,
};

function endpointGroup(ctx: ListContext, name: string): Owner | undefined {
  if (!name.startsWith(ENDPOINT_LOG_GROUP_PREFIX)) return undefined;
  const endpoint = name.slice(ENDPOINT_LOG_GROUP_PREFIX.length);
  const owner = ctx.claims.of('sagemaker:endpoint', endpoint);
  return owner && { claim: 'inside', why: `log group of endpoint ${endpoint} (${owner.why})` };
}
