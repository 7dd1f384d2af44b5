import { DeleteTableCommand, GetTableCommand, GetTablesCommand, GlueClient } from '@aws-sdk/client-glue';
import { mockClient } from 'aws-sdk-client-mock';
import { glueTable } from '../../../lib/teardown/kinds/glue-table';
import { awsError } from '../../support/check-harness';
import { arn, itDeletes, LAB_ID, listContext, OTHER_LAB_ID, resource } from './kit';

const glue = mockClient(GlueClient);
let present: boolean;

beforeEach(() => {
  glue.reset();
  present = true;
  glue.on(GetTablesCommand).callsFake((i) => {
    if (i.DatabaseName === 'dropped_db') throw awsError('EntityNotFoundException');
    return { TableList: [{ Name: `${i.DatabaseName}_raw` }] };
  });
  glue.on(GetTableCommand).callsFake((i) => {
    if (!present) throw awsError('EntityNotFoundException');
    return { Table: { Name: i.Name, DatabaseName: i.DatabaseName } };
  });
  glue.on(DeleteTableCommand).resolves({});
});

test("list: the tables of the lab's databases (the stack's go with it), none of another lab's", async () => {
  const ctx = listContext({
    stack: [['AWS::Glue::Database', 'churn_db'], ['AWS::Glue::Database', 'dropped_db']],
    tagged: { [LAB_ID]: [arn('glue', 'database/scratch_db')], [OTHER_LAB_ID]: [arn('glue', 'database/fraud_db')] },
  });
  expect((await glueTable.list(ctx)).map((r) => [r.name, r.ref.database, !!r.removedWithStack])).toEqual([
    ['churn_db_raw', 'churn_db', true],
    ['scratch_db_raw', 'scratch_db', false],
  ]);
});

itDeletes({ kind: glueTable, resource: resource('glue:table', 'raw', { database: 'scratch_db' }), mocks: [glue], expected: ['DeleteTable'], gone: () => (present = false) });
