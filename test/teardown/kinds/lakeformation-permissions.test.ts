import {
  GetDataLakeSettingsCommand,
  GrantPermissionsCommand,
  LakeFormationClient,
  ListPermissionsCommand,
  RevokePermissionsCommand,
  type PrincipalResourcePermissions,
  type Resource,
} from '@aws-sdk/client-lakeformation';
import { mockClient } from 'aws-sdk-client-mock';
import type { LearnerResource } from '../../../lib/model';
import { DONE } from '../../../lib/teardown/kind';
import { lakeformationPermissions as kind } from '../../../lib/teardown/kinds/lakeformation-permissions';
import { awsError } from '../../support/check-harness';
import { advanceContext, listContext, writes, type Setup } from './kit';

const lf = mockClient(LakeFormationClient);
const ACCOUNT = '111122223333';
const ANALYST = 'MlLab-churn-lab-AnalystRoleA1B2-X9y8';
const role = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;
const declared: LearnerResource[] = [{ kind: 'lakeformation:permissions', name: 'rides' }];
const setup: Setup = { learnerResources: declared, stack: [['AWS::IAM::Role', ANALYST], ['AWS::Glue::Database', 'churn_db']] };
const IAM = 'IAM_ALLOWED_PRINCIPALS';

const grant = (principal: string, resource: Resource, permissions: string[] = ['SELECT']): PrincipalResourcePermissions =>
  ({ Principal: { DataLakePrincipalIdentifier: principal }, Resource: resource, Permissions: permissions as any, PermissionsWithGrantOption: [] });
const labTable: Resource = { Table: { CatalogId: ACCOUNT, DatabaseName: 'churn_db', Name: 'rides' } };
const columns: Resource = { TableWithColumns: { CatalogId: ACCOUNT, DatabaseName: 'churn_db', Name: 'rides', ColumnWildcard: { ExcludedColumnNames: ['rider_email'] } } };

/** The analyst's two grants, and what other principals hold (on the lab's table and elsewhere): never the lab's. */
const OTHERS = [
  grant(role('DataScientist'), columns),
  grant(role(ANALYST, '444455556666'), labTable),
  grant(IAM, { Database: { CatalogId: ACCOUNT, Name: 'sales_db' } }, ['ALL']),
  grant(role('Reporting'), { Table: { CatalogId: ACCOUNT, DatabaseName: 'sales_db', Name: 'orders' } }),
];
let grants: PrincipalResourcePermissions[];
let defaults: boolean;

const sameResource = (a: Resource | undefined, b: Resource | undefined) => {
  const key = (r: Resource | undefined) => JSON.stringify({ db: r?.Database?.Name ?? r?.Table?.DatabaseName ?? r?.TableWithColumns?.DatabaseName, t: r?.Table?.Name ?? r?.TableWithColumns?.Name, kind: Object.keys(r ?? {})[0] });
  return key(a) === key(b);
};

beforeEach(() => {
  lf.reset();
  defaults = true;
  grants = [grant(role(ANALYST), columns), grant(role(ANALYST), { DataLocation: { CatalogId: ACCOUNT, ResourceArn: 'arn:aws:s3:::churn-bucket/lake' } }, ['DATA_LOCATION_ACCESS']), ...OTHERS];
  const all = [{ Principal: { DataLakePrincipalIdentifier: IAM }, Permissions: ['ALL' as const] }];
  lf.on(GetDataLakeSettingsCommand).callsFake(() => ({ DataLakeSettings: { DataLakeAdmins: [], CreateDatabaseDefaultPermissions: defaults ? all : [], CreateTableDefaultPermissions: defaults ? all : [] } }));
  lf.on(ListPermissionsCommand).callsFake((i) => ({
    // With a Resource: the grants on that table or database, as ListPermissions answers by resource (a table's include its column grants).
    PrincipalResourcePermissions: i.Resource ? grants.filter((g) => (i.Resource.Database ? sameResource(g.Resource, i.Resource) : (g.Resource?.Table ?? g.Resource?.TableWithColumns)?.Name === i.Resource.Table.Name && (g.Resource?.Table ?? g.Resource?.TableWithColumns)?.DatabaseName === i.Resource.Table.DatabaseName)) : grants,
  }));
  lf.on(RevokePermissionsCommand).callsFake((i) => {
    const at = grants.findIndex((g) => g.Principal?.DataLakePrincipalIdentifier === i.Principal.DataLakePrincipalIdentifier && JSON.stringify(g.Resource) === JSON.stringify(i.Resource));
    if (at < 0) throw awsError('EntityNotFoundException');
    grants.splice(at, 1);
    return {};
  });
  lf.on(GrantPermissionsCommand).callsFake((i) => void grants.push(grant(i.Principal.DataLakePrincipalIdentifier, i.Resource, i.Permissions)));
});

test("list: the grants of the stack's roles to revoke, and the group's default grants on the lab's database and table to restore; no other principal's grant", async () => {
  expect((await kind.list(listContext(setup))).map((r) => r.name)).toEqual([
    `revoke SELECT of role ${ANALYST} on columns of churn_db.rides`,
    `revoke DATA_LOCATION_ACCESS of role ${ANALYST} on data location arn:aws:s3:::churn-bucket/lake`,
    'restore ALL of IAMAllowedPrincipals on database churn_db',
    'restore ALL of IAMAllowedPrincipals on table churn_db.rides',
  ]);
});

test('a run revokes exactly the lab\'s grants and restores the group\'s, other principals\' grants are untouched, and a second run changes nothing', async () => {
  const ctx = advanceContext();
  for (const r of await kind.list(listContext(setup))) expect([await kind.advance(ctx, r), await kind.advance(ctx, r)]).toEqual([DONE, DONE]);
  expect(writes(lf)).toEqual(['RevokePermissions', 'RevokePermissions', 'GrantPermissions', 'GrantPermissions']);
  expect(grants.slice(0, OTHERS.length)).toEqual(OTHERS);
  expect(grants.slice(OTHERS.length).map((g) => [g.Principal?.DataLakePrincipalIdentifier, g.Permissions])).toEqual([[IAM, ['ALL']], [IAM, ['ALL']]]);
  lf.resetHistory();
  expect(await kind.list(listContext(setup))).toEqual([]);
  expect(writes(lf)).toEqual([]);
});

test('restores nothing when the account\'s defaults never gave the group a grant (the learner did not remove it)', async () => {
  defaults = false;
  expect((await kind.list(listContext(setup))).map((r) => r.ref.op)).toEqual(['revoke', 'revoke']);
});

test('restores nothing on a table that is gone', async () => {
  lf.on(ListPermissionsCommand, { Resource: { Table: { DatabaseName: 'churn_db', Name: 'rides' } } }).rejects(awsError('EntityNotFoundException'));
  expect((await kind.list(listContext(setup))).map((r) => r.name)).not.toContain('restore ALL of IAMAllowedPrincipals on table churn_db.rides');
});

test('a grant already revoked is done, not a failure', async () => {
  const [first] = await kind.list(listContext(setup));
  grants = [];
  await expect(kind.advance(advanceContext(), first!)).resolves.toEqual(DONE);
});

test('a lab that does not declare the kind makes no Lake Formation call', async () => {
  expect(await kind.list(listContext({ stack: setup.stack }))).toEqual([]);
  expect(lf.calls()).toHaveLength(0);
});
