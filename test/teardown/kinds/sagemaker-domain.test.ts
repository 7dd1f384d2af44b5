import { DeleteDomainCommand, DescribeDomainCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerDomain } from '../../../lib/teardown/kinds/sagemaker-domain';
import { awsError } from '../../support/check-harness';
import { advanceContext, arn, itDeletes, LAB_ID, listContext, OTHER_LAB_ID, resource, STACK, writes } from './kit';

const sagemaker = mockClient(SageMakerClient);
let status: string | undefined;

beforeEach(() => {
  sagemaker.reset();
  status = 'InService';
  sagemaker.on(DescribeDomainCommand).callsFake((i) => {
    if (!status) throw awsError('ResourceNotFound', `Domain ${i.DomainId} not found`);
    return { DomainId: i.DomainId, Status: status, HomeEfsFileSystemId: 'fs-home', LastModifiedTime: new Date(status === 'Delete_Failed' ? 2 : 1) };
  });
  sagemaker.on(DeleteDomainCommand).callsFake(() => void (status = 'Deleting'));
});

test("list: the stack's domain and the lab's tagged one, never another lab's and never by a name", async () => {
  const ctx = listContext({
    stack: [['AWS::SageMaker::Domain', 'd-lab1']],
    tagged: { [LAB_ID]: [arn('sagemaker', 'domain/d-tagged')], [OTHER_LAB_ID]: [arn('sagemaker', 'domain/d-other')] },
    learnerResources: [{ kind: 'sagemaker:endpoint', name: 'd-', match: 'prefix' }],
  });
  expect((await sagemakerDomain.list(ctx)).map((r) => [r.name, r.claim, r.why])).toEqual([
    ['d-lab1', 'stack', `stack ${STACK}`],
    ['d-tagged', 'tag', `tag mllab:lab=${LAB_ID}`],
  ]);
  // Nothing lists the account's domains: only the claimed ones are ever named.
  expect(sagemaker.calls()).toEqual([]);
});

itDeletes({ kind: sagemakerDomain, resource: resource('sagemaker:domain', 'd-lab1', { domainId: 'd-lab1' }), mocks: [sagemaker], expected: ['DeleteDomain'], gone: () => (status = undefined) });

test('the home EFS volume is deleted with the domain, and a failed deletion is retried', async () => {
  const ctx = advanceContext();
  const domain = resource('sagemaker:domain', 'd-lab1', { domainId: 'd-lab1' });
  await sagemakerDomain.advance(ctx, domain);
  expect(sagemaker).toHaveReceivedCommandWith(DeleteDomainCommand, { DomainId: 'd-lab1', RetentionPolicy: { HomeEfsFileSystem: 'Delete' } });
  status = 'Delete_Failed';
  await sagemakerDomain.advance(ctx, domain);
  expect(writes(sagemaker)).toEqual(['DeleteDomain', 'DeleteDomain']);
});
