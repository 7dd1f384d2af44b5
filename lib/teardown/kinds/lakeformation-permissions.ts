import {
  GetDataLakeSettingsCommand,
  GrantPermissionsCommand,
  paginateListPermissions,
  RevokePermissionsCommand,
  type DataLakeSettings,
  type PrincipalResourcePermissions,
  type Resource,
} from '@aws-sdk/client-lakeformation';
import { collect, isServiceError } from '../../aws';
import { DONE, free, waiting, type AdvanceContext, type LabResource, type ListContext, type Progress, type TeardownKindModule } from '../kind';

/**
 * The group that stands for "whoever IAM allows"; the account's defaults grant it ALL on each new
 * database and table unless they were changed
 * (https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_DataLakeSettings.html).
 */
export const IAM_ALLOWED_PRINCIPALS = 'IAM_ALLOWED_PRINCIPALS';

/** `arn:aws:iam::123456789012:role/path/Name` -> account and role name; undefined for anything else. */
function roleOf(principal: string): { account: string; name: string } | undefined {
  const m = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(principal);
  return m ? { account: m[1]!, name: m[2]! } : undefined;
}

/** The catalog (account) of a granted resource, as ListPermissions gives it. */
function catalogOf(r: Resource): string | undefined {
  return r.Catalog?.Id ?? r.Database?.CatalogId ?? r.Table?.CatalogId ?? r.TableWithColumns?.CatalogId ?? r.DataLocation?.CatalogId ?? r.DataCellsFilter?.TableCatalogId ?? r.LFTag?.CatalogId ?? r.LFTagPolicy?.CatalogId;
}

/** A resource as a plan line reads it. */
export function describeResource(r: Resource): string {
  if (r.Database) return `database ${r.Database.Name}`;
  if (r.Table) return `table ${r.Table.DatabaseName}.${r.Table.Name ?? '*'}`;
  if (r.TableWithColumns) return `columns of ${r.TableWithColumns.DatabaseName}.${r.TableWithColumns.Name}`;
  if (r.DataCellsFilter) return `data cells filter ${r.DataCellsFilter.DatabaseName}.${r.DataCellsFilter.TableName}.${r.DataCellsFilter.Name}`;
  if (r.DataLocation) return `data location ${r.DataLocation.ResourceArn}`;
  if (r.Catalog) return 'the catalog';
  return 'an LF-tag resource';
}

/** The account defaults' grant of ALL to the group on a new database or table, if they still give it. */
function defaultGrantsAll(settings: DataLakeSettings | undefined, which: 'CreateDatabaseDefaultPermissions' | 'CreateTableDefaultPermissions'): boolean {
  return (settings?.[which] ?? []).some((p) => p.Principal?.DataLakePrincipalIdentifier === IAM_ALLOWED_PRINCIPALS && (p.Permissions ?? []).includes('ALL'));
}

type Grant = PrincipalResourcePermissions;

/**
 * Grants of the group on one resource; undefined when the resource is gone. By resource only: with a
 * Principal too, ListPermissions answers effective permissions, not grants (API_ListPermissions).
 */
async function groupGrantsOn(ctx: ListContext, resource: Resource): Promise<Grant[] | undefined> {
  try {
    const grants = await collect(paginateListPermissions({ client: ctx.clients.lakeFormation }, { Resource: resource }), (p) => p.PrincipalResourcePermissions);
    return grants.filter((g) => g.Principal?.DataLakePrincipalIdentifier === IAM_ALLOWED_PRINCIPALS);
  } catch (err) {
    if (isServiceError(err, 'EntityNotFoundException')) return undefined;
    throw err;
  }
}

/**
 * What the lab changed in Lake Formation (LearnerResource 'lakeformation:permissions', named by a
 * table of the lab's databases):
 *   - every grant held by a role of the lab stack, on a resource of the stack's own account: revoked
 *     (RevokePermissions), since the role goes with the stack and Lake Formation keeps grants of a
 *     deleted role;
 *   - the group IAMAllowedPrincipals' ALL on the lab's databases and on the named tables: granted back
 *     (GrantPermissions) when the account's defaults would have given it and it is missing.
 * No grant of any other principal is listed, so none is ever revoked. A lab that does not declare the
 * kind makes no Lake Formation call.
 * https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_RevokePermissions.html
 * https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_GrantPermissions.html
 */
export const lakeformationPermissions: TeardownKindModule<'lakeformation:permissions'> = {
  kind: 'lakeformation:permissions',
  action: 'delete',
  because: 'grants of the lab\'s roles are revoked and the lab database\'s IAM-only access restored while the stack\'s roles and database still exist',
  after: [],
  before: ['cloudformation:stack'],
  label: (r) => r.name,
  list: async (ctx) => {
    const tables = (ctx.lab.learnerResources ?? []).filter((l) => l.kind === 'lakeformation:permissions').map((l) => l.name);
    if (tables.length === 0) return [];
    const databases = ctx.claims.containers('database');
    const roles = new Set(ctx.claims.stackNames('AWS::IAM::Role'));
    const found: LabResource[] = [];
    if (roles.size > 0) {
      const grants = await collect(paginateListPermissions({ client: ctx.clients.lakeFormation }, {}), (p) => p.PrincipalResourcePermissions);
      for (const g of grants) {
        const role = roleOf(g.Principal?.DataLakePrincipalIdentifier ?? '');
        if (!role || !roles.has(role.name) || !g.Resource || catalogOf(g.Resource) !== role.account || (g.Permissions ?? []).length === 0) continue;
        found.push({
          kind: 'lakeformation:permissions', name: `revoke ${(g.Permissions ?? []).join(', ')} of role ${role.name} on ${describeResource(g.Resource)}`,
          claim: 'stack', why: `granted to role ${role.name} of stack ${ctx.stack?.name}`,
          ref: { op: 'revoke', input: JSON.stringify({ Principal: g.Principal, Resource: g.Resource, Permissions: g.Permissions, PermissionsWithGrantOption: g.PermissionsWithGrantOption ?? [] }) },
          ...free('a grant bills nothing'),
        });
      }
    }
    if (databases.size === 0) return found;
    const settings = (await ctx.clients.lakeFormation.send(new GetDataLakeSettingsCommand({}))).DataLakeSettings;
    for (const [database, owner] of databases) {
      const wanted: Resource[] = [
        ...(defaultGrantsAll(settings, 'CreateDatabaseDefaultPermissions') ? [{ Database: { Name: database } }] : []),
        ...(defaultGrantsAll(settings, 'CreateTableDefaultPermissions') ? tables.map((Name) => ({ Table: { DatabaseName: database, Name } })) : []),
      ];
      for (const resource of wanted) {
        const held = await groupGrantsOn(ctx, resource);
        if (held === undefined || held.some((g) => (g.Permissions ?? []).length > 0)) continue;
        found.push({
          kind: 'lakeformation:permissions', name: `restore ALL of IAMAllowedPrincipals on ${describeResource(resource)}`,
          claim: 'inside', why: `the account's default for new ${resource.Database ? 'databases' : 'tables'}, removed in database ${database} (${owner.why})`,
          ref: { op: 'restore', input: JSON.stringify({ Principal: { DataLakePrincipalIdentifier: IAM_ALLOWED_PRINCIPALS }, Resource: resource, Permissions: ['ALL'] }) },
          ...free('a grant bills nothing'),
        });
      }
    }
    return found;
  },
  advance: async (ctx: AdvanceContext, r: LabResource): Promise<Progress> => {
    const input = JSON.parse(r.ref.input!);
    try {
      const sent = await ctx.once(r.name, () => ctx.clients.lakeFormation.send(r.ref.op === 'restore' ? new GrantPermissionsCommand(input) : new RevokePermissionsCommand(input)));
      return sent ? DONE : waiting('busy');
    } catch (err) {
      // The resource or the principal's grant is already gone: nothing left to change.
      if (isServiceError(err, 'EntityNotFoundException')) return DONE;
      throw err;
    }
  },
};
