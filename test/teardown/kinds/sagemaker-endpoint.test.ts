import { DeleteEndpointCommand, DescribeEndpointCommand, DescribeEndpointConfigCommand, ListEndpointsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerEndpoint } from '../../../lib/teardown/kinds/sagemaker-endpoint';
import { advanceContext, listContext, namedSetup, resource, sagemakerRecordTests, writes } from './kit';

const sagemaker = mockClient(SageMakerClient);

sagemakerRecordTests({
  kind: sagemakerEndpoint, mock: sagemaker, list: ListEndpointsCommand, del: DeleteEndpointCommand,
  page: (names) => ({ Endpoints: names.map((n) => ({ EndpointName: n, EndpointStatus: 'InService' })) }),
  wire: () => {
    sagemaker.on(DescribeEndpointCommand).callsFake((i) => ({ EndpointName: i.EndpointName, EndpointConfigName: `${i.EndpointName}-cfg`, ProductionVariants: [{ VariantName: 'AllTraffic', CurrentInstanceCount: 2 }] }));
    sagemaker.on(DescribeEndpointConfigCommand).resolves({ ProductionVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }] });
  },
});

test('an endpoint is priced per instance it runs now', async () => {
  const [listed] = await sagemakerEndpoint.list(listContext(namedSetup(sagemakerEndpoint)));
  expect(listed).toMatchObject({ status: 'InService', costPerHourUsd: 0.23, costNote: '2 x ml.m5.large' });
});

test('an endpoint already Deleting is waited for, not deleted again', async () => {
  sagemaker.on(ListEndpointsCommand).resolves({ Endpoints: [{ EndpointName: 'churn-1', EndpointStatus: 'Deleting', CreationTime: new Date(), LastModifiedTime: new Date(), EndpointArn: 'a' }] });
  expect(await sagemakerEndpoint.advance(advanceContext(), resource('sagemaker:endpoint', 'churn-1'))).toEqual({ done: false, waiting: 'Deleting' });
  expect(writes(sagemaker)).toEqual([]);
});
