// What a principal's Lake Formation grants let it read of one table, column by column. Pure: the
// checks feed it what ListPermissions and ListDataCellsFilter answered.
import type { DataCellsFilter, PrincipalResourcePermissions } from '@aws-sdk/client-lakeformation';

/**
 * The permissions that let a principal read a table's data: SELECT, and ALL, which on a table is
 * every table permission ("ALL (Super)", https://docs.aws.amazon.com/lake-formation/latest/dg/lf-permissions-reference.html).
 */
const READS = new Set(['SELECT', 'ALL']);

export interface TableRef {
  readonly database: string;
  readonly table: string;
  /** Every column of the table (regular and partition keys), lower case. */
  readonly columns: readonly string[];
}

/** One grant that reads data of the table, and the columns it opens. */
export interface ReadGrant {
  /** How the grant is written, for findings: `SELECT on rides (columns ...)`. */
  readonly label: string;
  readonly columns: readonly string[];
  /** A data cells filter's row filter expression, when it limits rows. */
  readonly rowFilter?: string;
}

export interface TableAccess {
  readonly grants: readonly ReadGrant[];
  /** Grants the check cannot evaluate (an LF-tag expression, a data cells filter it could not read). */
  readonly unreadable: readonly string[];
}

const lower = (names: readonly string[] | undefined) => (names ?? []).map((n) => n.toLowerCase());
const same = (a: string | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();

/** The columns a column list or a column wildcard (with its exclusions) opens. */
function columnsOf(ref: TableRef, names: readonly string[] | undefined, wildcard: { ExcludedColumnNames?: string[] } | undefined): string[] {
  if (wildcard) {
    const excluded = new Set(lower(wildcard.ExcludedColumnNames));
    return ref.columns.filter((c) => !excluded.has(c));
  }
  const listed = new Set(lower(names));
  return ref.columns.filter((c) => listed.has(c));
}

/** What `grants` (one principal's) let it read of the table; `filters` are the table's data cells filters. */
export function tableAccess(ref: TableRef, grants: readonly PrincipalResourcePermissions[], filters: readonly DataCellsFilter[]): TableAccess {
  const found: ReadGrant[] = [];
  const unreadable: string[] = [];
  for (const g of grants) {
    const reads = (g.Permissions ?? []).filter((p) => READS.has(p));
    if (reads.length === 0) continue;
    const what = reads.join(', ');
    const r = g.Resource ?? {};
    if (r.Table && same(r.Table.DatabaseName, ref.database) && (r.Table.TableWildcard || same(r.Table.Name, ref.table))) {
      found.push({ label: `${what} on ${r.Table.TableWildcard ? `every table of ${ref.database}` : ref.table} (all columns)`, columns: ref.columns });
    } else if (r.TableWithColumns && same(r.TableWithColumns.DatabaseName, ref.database) && same(r.TableWithColumns.Name, ref.table)) {
      const t = r.TableWithColumns;
      const label = t.ColumnWildcard ? `all columns except ${lower(t.ColumnWildcard.ExcludedColumnNames).join(', ') || 'none'}` : `columns ${lower(t.ColumnNames).join(', ')}`;
      found.push({ label: `${what} on ${ref.table} (${label})`, columns: columnsOf(ref, t.ColumnNames, t.ColumnWildcard) });
    } else if (r.DataCellsFilter && same(r.DataCellsFilter.DatabaseName, ref.database) && same(r.DataCellsFilter.TableName, ref.table)) {
      const f = filters.find((x) => x.Name === r.DataCellsFilter!.Name);
      if (!f) {
        unreadable.push(`${what} through the data cells filter ${r.DataCellsFilter.Name}, which ListDataCellsFilter did not return`);
        continue;
      }
      const rowFilter = f.RowFilter?.AllRowsWildcard ? undefined : f.RowFilter?.FilterExpression;
      const label = f.ColumnWildcard ? `all columns except ${lower(f.ColumnWildcard.ExcludedColumnNames).join(', ') || 'none'}` : `columns ${lower(f.ColumnNames).join(', ')}`;
      found.push({ label: `${what} through the data cells filter ${f.Name} (${label}${rowFilter ? `, rows where ${rowFilter}` : ''})`, columns: columnsOf(ref, f.ColumnNames, f.ColumnWildcard), ...(rowFilter ? { rowFilter } : {}) });
    } else if (r.LFTagPolicy || r.LFTagExpression) {
      unreadable.push(`${what} through an LF-tag expression, which the check does not evaluate`);
    }
  }
  return { grants: found, unreadable };
}

/**
 * A principal in a caller's identity: `arn:aws:sts::123:assumed-role/Name/session` is the role
 * `Name` of account 123, as Lake Formation lists a role (`arn:aws:iam::123:role/path/Name`).
 */
export function samePrincipal(callerArn: string, principal: string): boolean {
  const caller = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(callerArn);
  if (!caller) return callerArn === principal;
  const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(principal);
  return role !== null && role[1] === caller[1] && role[2] === caller[2] && role[3] === caller[3];
}
