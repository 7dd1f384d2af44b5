import { AthenaClient, BatchGetQueryExecutionCommand, ListQueryExecutionsCommand, type QueryExecution } from '@aws-sdk/client-athena';
import { GetTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { GetDataLakeSettingsCommand, LakeFormationClient, ListDataCellsFilterCommand, ListPermissionsCommand, ListResourcesCommand } from '@aws-sdk/client-lakeformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { tableAccess } from '../../../labs/lakeformation-access/access';
import { checks, isPermissionFailure, personalColumnsNamed } from '../../../labs/lakeformation-access/checks';
import { COLUMNS, lab as manifest, PERSONAL_COLUMNS } from '../../../labs/lakeformation-access/lab';
import * as solution from '../../../labs/lakeformation-access/solution';
import { awsError, checkRequirement, CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import * as f from './fixtures';

const glue = mockClient(GlueClient);
const lf = mockClient(LakeFormationClient);
const sts = mockClient(STSClient);
const athena = mockClient(AthenaClient);
const cfn = mockClient(CloudFormationClient);
const lab = { lab: manifest, checks };

let history: QueryExecution[];

beforeEach(() => {
  for (const m of [glue, lf, sts, athena, cfn]) m.reset();
  mockStackOutputs(cfn, manifest.id, f.OUTPUTS);
  glue.on(GetTableCommand, { DatabaseName: f.DATABASE, Name: 'rides' }).resolves(f.table());
  lf.on(ListResourcesCommand).resolves(f.resources(f.registration()));
  lf.on(GetDataLakeSettingsCommand).resolves(f.settings());
  lf.on(ListPermissionsCommand, { Principal: { DataLakePrincipalIdentifier: f.ANALYST } }).resolves(f.analystGrants());
  lf.on(ListPermissionsCommand, { Resource: { Database: { Name: f.DATABASE } } }).resolves({ PrincipalResourcePermissions: [f.grant(f.ANALYST, { Database: { CatalogId: f.ACCOUNT, Name: f.DATABASE } }, ['DESCRIBE'])] });
  lf.on(ListPermissionsCommand, { Resource: { Table: { DatabaseName: f.DATABASE, Name: 'rides' } } }).resolves({ PrincipalResourcePermissions: [f.excludingGrant()] });
  lf.on(ListDataCellsFilterCommand).resolves({ DataCellsFilters: [] });
  sts.on(GetCallerIdentityCommand).resolves(f.identity());
  history = f.referenceQueries();
  athena.on(ListQueryExecutionsCommand).callsFake(() => ({ QueryExecutionIds: history.map((q) => q.QueryExecutionId!) }));
  athena.on(BatchGetQueryExecutionCommand).callsFake(() => ({ QueryExecutions: history, UnprocessedQueryExecutionIds: [] }));
});

const check = (id: string) => checkRequirement(lab, id);
const findings = async (id: string) => (await check(id)).findings.join(' ');

test('the reference state passes every requirement', async () => {
  for (const r of manifest.requirements) expect([r.id, (await check(r.id)).status]).toEqual([r.id, 'pass']);
});

test('the reference solution grants, registers and revokes exactly what the fixtures describe', () => {
  const names = { bucket: f.BUCKET, database: f.DATABASE, workGroup: f.WORKGROUP, analystRoleArn: f.ANALYST };
  expect(solution.registerInput(names).ResourceArn).toBe(f.registration().ResourceArn);
  // The fixture's grant is the same, as ListPermissions adds the catalog id to it.
  expect(solution.grantInput(names).Resource).toEqual({ TableWithColumns: { ...f.excludingGrant().Resource!.TableWithColumns!, CatalogId: undefined } });
  expect(solution.revokeInputs(names).map((r) => r.Resource)).toEqual([{ Database: { Name: f.DATABASE } }, { Table: { DatabaseName: f.DATABASE, Name: 'rides' } }]);
  expect(solution.analystQueries(names).map((q) => q.QueryString)).toEqual([expect.stringContaining('FROM rides'), f.DENIED_SQL]);
  expect(solution.createTableSql(names)).toContain(`LOCATION 's3://${f.BUCKET}/lake/rides/'`);
});

describe('R1 the rides table', () => {
  test('passes with the location written without its trailing slash (a valid alternative)', async () => {
    glue.on(GetTableCommand).resolves(f.table({ StorageDescriptor: { ...f.table().Table!.StorageDescriptor, Location: `s3://${f.BUCKET}/lake/rides` } }));
    expect((await check('R1')).status).toBe('pass');
  });
  test('fails when the table does not exist', async () => {
    glue.on(GetTableCommand).rejects(awsError('EntityNotFoundException'));
    expect(await findings('R1')).toMatch(/has no table rides/);
  });
  test('fails, saying why, when the personal columns were left out of the table', async () => {
    const columns = COLUMNS.filter((c) => !(PERSONAL_COLUMNS as readonly string[]).includes(c)).map((Name) => ({ Name, Type: 'string' }));
    glue.on(GetTableCommand).resolves(f.table({ StorageDescriptor: { ...f.table().Table!.StorageDescriptor, Columns: columns } }));
    const result = await check('R1');
    expect(result.status).toBe('fail');
    expect(result.findings.join(' ')).toMatch(/lacks the column\(s\) rider_name, rider_email, rider_phone.*for Lake Formation to keep them from the analyst/);
  });
  test('fails when the table reads another location', async () => {
    glue.on(GetTableCommand).resolves(f.table({ StorageDescriptor: { ...f.table().Table!.StorageDescriptor, Location: `s3://${f.BUCKET}/raw/rides/` } }));
    expect(await findings('R1')).toMatch(/points at s3:\/\/.*\/raw\/rides\/, not at the lab's rides/);
  });
  test('an API error is an error', async () => {
    glue.on(GetTableCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    expect((await check('R1')).status).toBe('error');
  });
});

describe('R2 the location registered', () => {
  test.each([
    ['the bucket itself', ''],
    ['the lake/ folder above the table', 'lake'],
    ['the table folder with a trailing slash', 'lake/rides/'],
  ])('passes with %s registered (a valid alternative)', async (_what, path) => {
    lf.on(ListResourcesCommand).resolves(f.resources(f.registration(path)));
    expect((await check('R2')).status).toBe('pass');
  });
  test('passes with a custom registration role instead of the service-linked role', async () => {
    lf.on(ListResourcesCommand).resolves(f.resources(f.registration('lake/rides', { RoleArn: `arn:aws:iam::${f.ACCOUNT}:role/LakeFormationRegistration` })));
    expect((await check('R2')).status).toBe('pass');
  });
  test('fails when nothing is registered, teaching that IAM then reads the data', async () => {
    lf.on(ListResourcesCommand).resolves(f.resources());
    const result = await check('R2');
    expect(result.status).toBe('fail');
    expect(result.findings.join(' ')).toMatch(/Athena reads the files with the caller's own S3 permissions, so no column grant is enforced/);
  });
  test('fails when only another folder of the bucket is registered', async () => {
    lf.on(ListResourcesCommand).resolves(f.resources(f.registration('raw'), f.registration('lake/ridesarchive')));
    expect(await findings('R2')).toMatch(/the lab bucket has .*\/raw, .*\/lake\/ridesarchive registered, which does not contain it/);
  });
  test('fails in hybrid access mode, saying who keeps IAM-only access', async () => {
    lf.on(ListResourcesCommand).resolves(f.resources(f.registration('lake/rides', { HybridAccessEnabled: true })));
    expect(await findings('R2')).toMatch(/hybrid access mode.*every other principal keeps reading the data with its IAM and S3 permissions/);
  });
  test('an API error is an error', async () => {
    lf.on(ListResourcesCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    expect((await check('R2')).status).toBe('error');
  });
});

describe('R3 the analyst\'s column grant', () => {
  const table = (extra: Record<string, unknown>) => ({ TableWithColumns: { CatalogId: f.ACCOUNT, DatabaseName: f.DATABASE, Name: 'rides', ...extra } });
  const allowedColumns = COLUMNS.filter((c) => !(PERSONAL_COLUMNS as readonly string[]).includes(c));
  test('passes with a column list of the allowed columns (a valid alternative)', async () => {
    lf.on(ListPermissionsCommand, { Principal: { DataLakePrincipalIdentifier: f.ANALYST } }).resolves(f.analystGrants(f.grant(f.ANALYST, table({ ColumnNames: [...allowedColumns] }))));
    expect((await check('R3')).status).toBe('pass');
  });
  test.each([
    ['a column wildcard with exclusions', {}],
    ['a column list', { ColumnWildcard: undefined, ColumnNames: COLUMNS.filter((c) => !(PERSONAL_COLUMNS as readonly string[]).includes(c)) }],
  ])('passes with a data cells filter holding %s (a valid alternative)', async (_what, overrides) => {
    lf.on(ListPermissionsCommand, { Principal: { DataLakePrincipalIdentifier: f.ANALYST } }).resolves(
      f.analystGrants(f.grant(f.ANALYST, { DataCellsFilter: { TableCatalogId: f.ACCOUNT, DatabaseName: f.DATABASE, TableName: 'rides', Name: 'no_pii' } })),
    );
    lf.on(ListDataCellsFilterCommand).resolves({ DataCellsFilters: [f.cellsFilter('no_pii', overrides)] });
    expect((await check('R3')).status).toBe('pass');
  });
  test('passes when the checker runs as a read-only administrator, or as an IAM user that is an administrator', async () => {
    lf.on(GetDataLakeSettingsCommand).resolves(f.settings({ DataLakeAdmins: [], ReadOnlyAdmins: [{ DataLakePrincipalIdentifier: f.ADMIN_ROLE }] }));
    expect((await check('R3')).status).toBe('pass');
    const user = `arn:aws:iam::${f.ACCOUNT}:user/learner`;
    lf.on(GetDataLakeSettingsCommand).resolves(f.settings({ DataLakeAdmins: [{ DataLakePrincipalIdentifier: user }] }));
    sts.on(GetCallerIdentityCommand).resolves(f.identity(user));
    expect((await check('R3')).status).toBe('pass');
  });
  test('fails when a second grant on the whole table opens the personal columns, teaching that grants add up', async () => {
    lf.on(ListPermissionsCommand, { Principal: { DataLakePrincipalIdentifier: f.ANALYST } }).resolves(
      f.analystGrants(f.excludingGrant(), f.grant(f.ANALYST, { Table: { CatalogId: f.ACCOUNT, DatabaseName: f.DATABASE, Name: 'rides' } })),
    );
    const result = await check('R3');
    expect(result.status).toBe('fail');
    expect(result.findings.join(' ')).toMatch(/SELECT on rides \(all columns\), which opens rider_name, rider_email, rider_phone.*adds a principal's grants up/);
  });
  test('fails when the analyst holds no SELECT, teaching why an IAM policy cannot do it', async () => {
    lf.on(ListPermissionsCommand, { Principal: { DataLakePrincipalIdentifier: f.ANALYST } }).resolves({ PrincipalResourcePermissions: [] });
    expect(await findings('R3')).toMatch(/holds no SELECT.*IAM allows or denies API actions on whole resources.*every column is in the same file/);
  });
  test('fails when the column list also leaves out ride columns the analysts need', async () => {
    lf.on(ListPermissionsCommand, { Principal: { DataLakePrincipalIdentifier: f.ANALYST } }).resolves(f.analystGrants(f.grant(f.ANALYST, table({ ColumnNames: ['ride_id', 'pickup_zone'] }))));
    expect(await findings('R3')).toMatch(/leave out pickup_time, dropoff_zone, distance_km, fare_usd, which are not personal/);
  });
  test('could not decide (error) when the checker is not a data lake administrator: ListPermissions shows it only some grants', async () => {
    lf.on(GetDataLakeSettingsCommand).resolves(f.settings({ DataLakeAdmins: [{ DataLakePrincipalIdentifier: `arn:aws:iam::${f.ACCOUNT}:role/Other` }] }));
    const result = await check('R3');
    expect(result.status).toBe('error');
    expect(result.findings.join(' ')).toMatch(/not a data lake administrator/);
  });
  test('could not decide (error) when the analyst also holds an LF-tag grant the check does not evaluate', async () => {
    lf.on(ListPermissionsCommand, { Principal: { DataLakePrincipalIdentifier: f.ANALYST } }).resolves(
      f.analystGrants(f.excludingGrant(), f.grant(f.ANALYST, { LFTagPolicy: { CatalogId: f.ACCOUNT, ResourceType: 'TABLE', Expression: [{ TagKey: 'team', TagValues: ['pricing'] }] } })),
    );
    expect((await check('R3')).status).toBe('error');
  });
  test('could not decide (error) when a granted data cells filter is not listed', async () => {
    lf.on(ListPermissionsCommand, { Principal: { DataLakePrincipalIdentifier: f.ANALYST } }).resolves(
      f.analystGrants(f.grant(f.ANALYST, { DataCellsFilter: { TableCatalogId: f.ACCOUNT, DatabaseName: f.DATABASE, TableName: 'rides', Name: 'gone' } })),
    );
    expect((await check('R3')).status).toBe('error');
  });
  test('an API error is an error', async () => {
    lf.on(ListPermissionsCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    expect((await check('R3')).status).toBe('error');
  });
});

describe('R4 IAMAllowedPrincipals removed', () => {
  test('fails on the table grant, saying what it keeps open', async () => {
    lf.on(ListPermissionsCommand, { Resource: { Table: { DatabaseName: f.DATABASE, Name: 'rides' } } }).resolves({ PrincipalResourcePermissions: [f.excludingGrant(), f.groupOnTable()] });
    const result = await check('R4');
    expect(result.status).toBe('fail');
    expect(result.findings.join(' ')).toMatch(/IAMAllowedPrincipals holds ALL on rides.*every IAM principal whose IAM policies allow the Glue and S3 calls read the whole table/);
  });
  test('fails on the database grant, saying what it does to new tables', async () => {
    lf.on(ListPermissionsCommand, { Resource: { Database: { Name: f.DATABASE } } }).resolves({ PrincipalResourcePermissions: [f.groupOnDatabase()] });
    expect(await findings('R4')).toMatch(/on the database mllab_lakeformation_access.*every table created in the database gets the same grant/);
  });
  test('could not decide (error) when the checker is not a data lake administrator', async () => {
    sts.on(GetCallerIdentityCommand).resolves(f.identity(`arn:aws:sts::${f.ACCOUNT}:assumed-role/Analyst/session`));
    expect((await check('R4')).status).toBe('error');
  });
  test('an API error is an error', async () => {
    lf.on(GetDataLakeSettingsCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    expect((await check('R4')).status).toBe('error');
  });
});

describe('R5 the query history', () => {
  const [denied, allowed] = [f.referenceQueries()[0]!, f.referenceQueries()[1]!];
  test('passes with a denial reported as Lake Formation error type 234 in other words (a valid alternative)', async () => {
    history = [f.query('q-2', 'SELECT "rider_phone", fare_usd FROM "mllab_lakeformation_access"."rides"', 'FAILED', 21, { message: 'Insufficient permissions to execute the query.', type: 234 }), allowed];
    expect((await check('R5')).status).toBe('pass');
  });
  test('passes with SELECT * as the allowed query (Lake Formation returns only the granted columns)', async () => {
    history = [denied, f.query('q-3', 'SELECT * FROM rides LIMIT 20', 'SUCCEEDED', 10)];
    expect((await check('R5')).status).toBe('pass');
  });
  test('fails when the personal column was read, not denied', async () => {
    history = [f.query('q-4', f.DENIED_SQL, 'SUCCEEDED', 21), allowed];
    expect(await findings('R5')).toMatch(/read rider_email and succeeded.*still open the column/);
  });
  test('fails when the query of a personal column failed for another reason', async () => {
    history = [f.query('q-5', 'SELEC rider_email FROM rides', 'FAILED', 21, { message: "line 1:1: mismatched input 'SELEC'" }), allowed];
    expect(await findings('R5')).toMatch(/failed, but for another reason than permission/);
  });
  test('fails when no allowed query succeeded', async () => {
    history = [denied];
    expect(await findings('R5')).toMatch(/No query of rides that names no personal column has succeeded/);
  });
  test('could not decide (error) when the history the check read is incomplete', async () => {
    history = [allowed];
    athena.on(BatchGetQueryExecutionCommand).callsFake(() => ({ QueryExecutions: history, UnprocessedQueryExecutionIds: [{ QueryExecutionId: 'q-9', ErrorCode: 'InternalError' }] }));
    expect((await check('R5')).status).toBe('error');
  });
  test('an API error is an error', async () => {
    athena.on(ListQueryExecutionsCommand).rejects(awsError('InternalServerException', 'boom', 500));
    expect((await check('R5')).status).toBe('error');
  });
});

describe('helpers', () => {
  test('personalColumnsNamed reads quoted names and ignores look-alikes and comments', () => {
    expect(personalColumnsNamed('SELECT "rider_name", `rider_phone` FROM rides -- rider_email')).toEqual(['rider_name', 'rider_phone']);
    expect(personalColumnsNamed('SELECT rider_names_count FROM rides')).toEqual([]);
  });
  test('isPermissionFailure: Athena\'s column message, error type 234, not a syntax error', () => {
    expect(isPermissionFailure(f.referenceQueries()[0]!)).toBe(true);
    expect(isPermissionFailure(f.query('x', 'q', 'FAILED', 1, { message: 'anything', type: 234 }))).toBe(true);
    expect(isPermissionFailure(f.query('x', 'q', 'FAILED', 1, { message: "line 1:1: mismatched input 'SELEC'" }))).toBe(false);
  });
  test('tableAccess: an ALL grant on every table of the database opens every column', () => {
    const access = tableAccess({ database: f.DATABASE, table: 'rides', columns: [...COLUMNS] }, [f.grant(f.ANALYST, { Table: { DatabaseName: f.DATABASE, TableWildcard: {} } }, ['ALL'])], []);
    expect(access.grants.map((g) => [g.label, g.columns.length])).toEqual([[`ALL on every table of ${f.DATABASE} (all columns)`, COLUMNS.length]]);
  });
});
