import { DeleteDataCellsFilterCommand, LakeFormationClient, ListDataCellsFilterCommand, type DataCellsFilter } from '@aws-sdk/client-lakeformation';
import { mockClient } from 'aws-sdk-client-mock';
import type { LearnerResource } from '../../../lib/model';
import { DONE } from '../../../lib/teardown/kind';
import { lakeformationDataCellsFilter as kind } from '../../../lib/teardown/kinds/lakeformation-data-cells-filter';
import { awsError } from '../../support/check-harness';
import { advanceContext, listContext, writes, type Setup } from './kit';

const lf = mockClient(LakeFormationClient);
const declared: LearnerResource[] = [{ kind: 'lakeformation:data-cells-filter', name: 'rides' }];
const setup: Setup = { learnerResources: declared, stack: [['AWS::Glue::Database', 'churn_db']] };
const filter = (database: string, table: string, name: string): DataCellsFilter => ({ TableCatalogId: '111122223333', DatabaseName: database, TableName: table, Name: name, RowFilter: { AllRowsWildcard: {} }, ColumnWildcard: {} });
let filters: DataCellsFilter[];

beforeEach(() => {
  lf.reset();
  // The lab table's two filters; another database's table of the same name, and another table of the lab's database: not the lab's.
  filters = [filter('churn_db', 'rides', 'no_pii'), filter('churn_db', 'rides', 'downtown'), filter('sales_db', 'rides', 'no_pii'), filter('churn_db', 'drivers', 'no_pii')];
  lf.on(ListDataCellsFilterCommand).callsFake((i) => {
    if (i.Table.DatabaseName === 'dropped_db') throw awsError('EntityNotFoundException');
    return { DataCellsFilters: filters.filter((f) => f.DatabaseName === i.Table.DatabaseName && f.TableName === i.Table.Name) };
  });
  lf.on(DeleteDataCellsFilterCommand).callsFake((i) => {
    const at = filters.findIndex((f) => f.DatabaseName === i.DatabaseName && f.TableName === i.TableName && f.Name === i.Name);
    if (at < 0) throw awsError('EntityNotFoundException');
    filters.splice(at, 1);
    return {};
  });
});

test("list: the filters of the named table in the lab's databases, none of another database or table", async () => {
  const found = await kind.list(listContext({ ...setup, stack: [...setup.stack!, ['AWS::Glue::Database', 'dropped_db']] }));
  expect(found.map((r) => [r.ref.database, r.ref.table, r.name])).toEqual([['churn_db', 'rides', 'no_pii'], ['churn_db', 'rides', 'downtown']]);
});

test('a run deletes each once, the others stay, and a second run changes nothing', async () => {
  const ctx = advanceContext();
  for (const r of await kind.list(listContext(setup))) expect([await kind.advance(ctx, r), await kind.advance(ctx, r)]).toEqual([DONE, DONE]);
  expect(writes(lf)).toEqual(['DeleteDataCellsFilter', 'DeleteDataCellsFilter']);
  expect(filters.map((f) => `${f.DatabaseName}.${f.TableName}.${f.Name}`)).toEqual(['sales_db.rides.no_pii', 'churn_db.drivers.no_pii']);
  lf.resetHistory();
  expect(await kind.list(listContext(setup))).toEqual([]);
  expect(writes(lf)).toEqual([]);
});

test('a filter already gone is done, not a failure', async () => {
  const [first] = await kind.list(listContext(setup));
  filters = [];
  await expect(kind.advance(advanceContext(), first!)).resolves.toEqual(DONE);
});

test('a lab that does not declare the kind makes no Lake Formation call', async () => {
  expect(await kind.list(listContext({ stack: setup.stack }))).toEqual([]);
  expect(lf.calls()).toHaveLength(0);
});
