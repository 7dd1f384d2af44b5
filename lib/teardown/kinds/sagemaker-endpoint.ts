import { DeleteEndpointCommand, DescribeEndpointCommand, DescribeEndpointConfigCommand, ListEndpointsCommand, paginateListEndpoints } from '@aws-sdk/client-sagemaker';
import { tryPrice } from '../../cost/prices';
import type { ListContext, Price, TeardownKindModule } from '../kind';
import { sagemakerRecord } from './sagemaker';

export const sagemakerEndpoint: TeardownKindModule<'sagemaker:endpoint'> = sagemakerRecord({
  kind: 'sagemaker:endpoint',
  because: 'an endpoint bills per instance-hour and holds its endpoint config',
  // Its monitoring schedules, and the monitoring (processing) jobs that read its captured data, go first.
  after: ['sagemaker:monitoring-schedule', 'sagemaker:processing-job'],
  record: 'Endpoint', items: 'Endpoints', paginate: paginateListEndpoints, List: ListEndpointsCommand, Delete: DeleteEndpointCommand,
  details: async (ctx, e, name) => ({ status: e.EndpointStatus, ...(await endpointHourly(ctx, name)) }),
});

/** Its instances as its endpoint config declares them, at the count the endpoint runs now. */
async function endpointHourly(ctx: ListContext, name: string): Promise<Price> {
  const sm = ctx.clients.sagemaker;
  const endpoint = await sm.send(new DescribeEndpointCommand({ EndpointName: name }));
  if (!endpoint.EndpointConfigName) return { costNote: 'no endpoint config' };
  const config = await sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName }));
  let usd = 0;
  const notes: string[] = [];
  for (const v of config.ProductionVariants ?? []) {
    if (v.ServerlessConfig) {
      notes.push(`${v.VariantName}: serverless, billed per GB-second of use`);
      continue;
    }
    const count = endpoint.ProductionVariants?.find((p) => p.VariantName === v.VariantName)?.CurrentInstanceCount ?? v.InitialInstanceCount ?? 1;
    const entry = tryPrice(ctx.prices, `sagemaker:hosting-hour:${v.InstanceType}`);
    if (!entry) return { costNote: `no price for sagemaker:hosting-hour:${v.InstanceType} in the table` };
    usd += entry.usd * count;
    notes.push(`${count} x ${v.InstanceType}`);
  }
  return { costPerHourUsd: usd, costNote: notes.join(', ') };
}
