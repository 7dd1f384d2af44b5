import { AthenaClient, BatchGetNamedQueryCommand, DeleteNamedQueryCommand, ListNamedQueriesCommand } from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { athenaNamedQuery } from '../../../lib/teardown/kinds/athena-named-query';
import { arn, itDeletesAtOnce, LAB_ID, listContext, OTHER_LAB_ID, resource } from './kit';

const athena = mockClient(AthenaClient);

beforeEach(() => {
  athena.reset();
  athena.on(ListNamedQueriesCommand).callsFake((i) => ({ NamedQueryIds: Array.from({ length: 60 }, (_, n) => `${i.WorkGroup}-q${n}`) }));
  athena.on(BatchGetNamedQueryCommand).callsFake((i) => ({ NamedQueries: i.NamedQueryIds.map((id: string) => ({ NamedQueryId: id, Name: `name of ${id}`, Database: 'd', QueryString: 'select 1' })) }));
  athena.on(DeleteNamedQueryCommand).resolves({});
});

test("list: the saved queries of the lab's workgroups only, read 50 ids at a time", async () => {
  const found = await athenaNamedQuery.list(listContext({ stack: [['AWS::Athena::WorkGroup', 'churn-wg']], tagged: { [LAB_ID]: [arn('athena', 'workgroup/tagged-wg')], [OTHER_LAB_ID]: [arn('athena', 'workgroup/fraud-wg')] } }));
  expect(found).toHaveLength(120);
  expect(found[0]).toMatchObject({ name: 'name of churn-wg-q0', claim: 'inside', why: 'in workgroup churn-wg (stack MlLab-churn-lab)', ref: { id: 'churn-wg-q0' } });
  expect(athena.commandCalls(ListNamedQueriesCommand).map((c) => c.args[0].input.WorkGroup)).toEqual(['churn-wg', 'tagged-wg']);
  expect(athena.commandCalls(BatchGetNamedQueryCommand).map((c) => c.args[0].input.NamedQueryIds!.length).sort()).toEqual([10, 10, 50, 50]);
});

// DeleteNamedQuery succeeds for an id already deleted.
itDeletesAtOnce({ kind: athenaNamedQuery, resource: resource('athena:named-query', 'top', { id: 'q1' }), mocks: [athena], expected: ['DeleteNamedQuery'], missing: () => {} });
