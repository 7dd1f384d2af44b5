import { DeleteDatabaseCommand, GetDatabaseCommand, GlueClient } from '@aws-sdk/client-glue';
import { mockClient } from 'aws-sdk-client-mock';
import { glueDatabase } from '../../../lib/teardown/kinds/glue-database';
import { awsError } from '../../support/check-harness';
import { arn, itDeletes, LAB_ID, listContext, OTHER_LAB_ID, resource } from './kit';

const glue = mockClient(GlueClient);
let present: boolean;

beforeEach(() => {
  glue.reset();
  present = true;
  glue.on(GetDatabaseCommand).callsFake((i) => {
    if (!present) throw awsError('EntityNotFoundException');
    return { Database: { Name: i.Name } };
  });
  glue.on(DeleteDatabaseCommand).resolves({});
});

test("list: the databases the lab tagged; the stack's goes with the stack, another lab's is never listed", async () => {
  const ctx = listContext({
    stack: [['AWS::Glue::Database', 'churn_db']],
    tagged: { [LAB_ID]: [arn('glue', 'database/scratch_db')], [OTHER_LAB_ID]: [arn('glue', 'database/fraud_db')] },
  });
  expect((await glueDatabase.list(ctx)).map((r) => [r.name, r.claim])).toEqual([['scratch_db', 'tag']]);
});

itDeletes({ kind: glueDatabase, resource: resource('glue:database', 'scratch_db'), mocks: [glue], expected: ['DeleteDatabase'], gone: () => (present = false) });
