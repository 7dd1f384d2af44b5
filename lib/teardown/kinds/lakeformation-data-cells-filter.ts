import { DeleteDataCellsFilterCommand, paginateListDataCellsFilter } from '@aws-sdk/client-lakeformation';
import { collectOrEmpty, deleteOnce, free, insideEach, type TeardownKindModule } from '../kind';

/**
 * The data cells filters on a table of the lab's databases (LearnerResource
 * 'lakeformation:data-cells-filter', named by the table): the table is the lab's, so every filter on it
 * is too. Deleted after the grants on them are revoked, before the stack drops the database; no
 * documentation says dropping a table removes its filters. A lab that does not declare the kind makes
 * no Lake Formation call.
 * https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_ListDataCellsFilter.html
 * https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_DeleteDataCellsFilter.html
 */
export const lakeformationDataCellsFilter: TeardownKindModule<'lakeformation:data-cells-filter'> = {
  kind: 'lakeformation:data-cells-filter',
  action: 'delete',
  because: 'a filter on a lab table, after the grants on it are revoked and before the stack drops its database',
  after: ['lakeformation:permissions'],
  before: ['cloudformation:stack'],
  label: (r) => `data cells filter ${r.ref.database}.${r.ref.table}.${r.name}`,
  list: async (ctx) => {
    const tables = (ctx.lab.learnerResources ?? []).filter((l) => l.kind === 'lakeformation:data-cells-filter').map((l) => l.name);
    if (tables.length === 0) return [];
    return insideEach(ctx, 'database', async (database, owner) =>
      (await Promise.all(tables.map(async (table) => collectOrEmpty(paginateListDataCellsFilter({ client: ctx.clients.lakeFormation }, { Table: { DatabaseName: database, Name: table } }), (p) => p.DataCellsFilters))))
        .flat()
        .map((f) => ({
          kind: 'lakeformation:data-cells-filter' as const, name: f.Name!, claim: 'inside' as const, why: `on table ${database}.${f.TableName} (${owner.why})`,
          ref: { database, table: f.TableName!, catalog: f.TableCatalogId ?? '' }, ...free('a filter bills nothing'),
        })));
  },
  advance: deleteOnce({
    notFound: 'EntityNotFoundException',
    label: (r) => `DeleteDataCellsFilter ${r.ref.database}.${r.ref.table}.${r.name}`,
    send: (ctx, r) => ctx.clients.lakeFormation.send(new DeleteDataCellsFilterCommand({ ...(r.ref.catalog ? { TableCatalogId: r.ref.catalog } : {}), DatabaseName: r.ref.database, TableName: r.ref.table, Name: r.name })),
  }),
};
