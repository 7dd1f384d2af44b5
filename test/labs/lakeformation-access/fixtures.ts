// The reference state of the lakeformation-access lab as the AWS APIs describe it, with the fields each
// page's Response Syntax lists for this state:
//   GetTable                https://docs.aws.amazon.com/glue/latest/webapi/API_GetTable.html
//   ListResources           https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_ListResources.html
//   ListPermissions         https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_ListPermissions.html
//   ListDataCellsFilter     https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_ListDataCellsFilter.html
//   GetDataLakeSettings     https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_GetDataLakeSettings.html
//   GetCallerIdentity       https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
//   BatchGetQueryExecution  https://docs.aws.amazon.com/athena/latest/APIReference/API_BatchGetQueryExecution.html
import type { QueryExecution } from '@aws-sdk/client-athena';
import type { GetTableResponse } from '@aws-sdk/client-glue';
import type { DataCellsFilter, GetDataLakeSettingsResponse, ListResourcesResponse, PrincipalResourcePermissions, ResourceInfo } from '@aws-sdk/client-lakeformation';
import type { GetCallerIdentityResponse } from '@aws-sdk/client-sts';
import { COLUMNS, PERSONAL_COLUMNS } from '../../../labs/lakeformation-access/lab';

export const ACCOUNT = '111122223333';
export const BUCKET = 'mllab-lakeformation-access-labbucketa1b2c3d4-1x2y3z4w5v6u';
export const DATABASE = 'mllab_lakeformation_access';
export const WORKGROUP = 'MlLab-lakeformation-access';
export const ANALYST = `arn:aws:iam::${ACCOUNT}:role/MlLab-lakeformation-access-AnalystRoleA1B2C3D4-Q1w2E3r4T5y6`;
/** The learner's administrator role, a data lake administrator, and the session the checker runs as. */
export const ADMIN_ROLE = `arn:aws:iam::${ACCOUNT}:role/Admin`;
export const CALLER = `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/learner`;
/** The Lake Formation service-linked role a registration uses by default (register-data-lake.html). */
export const SERVICE_LINKED_ROLE = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/lakeformation.amazonaws.com/AWSServiceRoleForLakeFormationDataAccess`;

export const OUTPUTS = { GlueDatabaseName: DATABASE, DataLakeBucketName: BUCKET, WorkGroupName: WORKGROUP, AnalystRoleArn: ANALYST };

const TYPES: Record<string, string> = { distance_km: 'double', fare_usd: 'double' };

export function table(overrides: Partial<NonNullable<GetTableResponse['Table']>> = {}): GetTableResponse {
  return {
    Table: {
      Name: 'rides',
      DatabaseName: DATABASE,
      CatalogId: ACCOUNT,
      CreateTime: new Date('2026-12-01T09:00:00Z'),
      TableType: 'EXTERNAL_TABLE',
      Parameters: { EXTERNAL: 'TRUE', 'skip.header.line.count': '1' },
      StorageDescriptor: {
        Location: `s3://${BUCKET}/lake/rides/`,
        Columns: COLUMNS.map((Name) => ({ Name, Type: TYPES[Name] ?? 'string' })),
        InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
        OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
        SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe', Parameters: { 'field.delim': ',' } },
      },
      PartitionKeys: [],
      ...overrides,
    },
  };
}

export function registration(path = 'lake/rides', overrides: Partial<ResourceInfo> = {}): ResourceInfo {
  return { ResourceArn: `arn:aws:s3:::${BUCKET}${path ? `/${path}` : ''}`, RoleArn: SERVICE_LINKED_ROLE, LastModified: new Date('2026-12-01T09:05:00Z'), HybridAccessEnabled: false, ...overrides };
}

export const resources = (...items: ResourceInfo[]): ListResourcesResponse => ({ ResourceInfoList: items });

/** One grant as ListPermissions lists it. */
export function grant(principal: string, resource: PrincipalResourcePermissions['Resource'], permissions: string[] = ['SELECT']): PrincipalResourcePermissions {
  return {
    Principal: { DataLakePrincipalIdentifier: principal },
    Resource: resource,
    Permissions: permissions as PrincipalResourcePermissions['Permissions'],
    PermissionsWithGrantOption: [],
    LastUpdated: new Date('2026-12-01T09:10:00Z'),
    LastUpdatedBy: ADMIN_ROLE,
  };
}

/** The reference grant: every column but the personal ones (a column wildcard with exclusions). */
export const excludingGrant = () =>
  grant(ANALYST, { TableWithColumns: { CatalogId: ACCOUNT, DatabaseName: DATABASE, Name: 'rides', ColumnWildcard: { ExcludedColumnNames: [...PERSONAL_COLUMNS] } } });

/** The analyst's grants in the reference state: DESCRIBE on the database, and the column grant. */
export const analystGrants = (...grants: PrincipalResourcePermissions[]) => ({
  PrincipalResourcePermissions: grants.length > 0 ? grants : [grant(ANALYST, { Database: { CatalogId: ACCOUNT, Name: DATABASE } }, ['DESCRIBE']), excludingGrant()],
});

export function cellsFilter(name: string, overrides: Partial<DataCellsFilter> = {}): DataCellsFilter {
  return { TableCatalogId: ACCOUNT, DatabaseName: DATABASE, TableName: 'rides', Name: name, RowFilter: { AllRowsWildcard: {} }, ColumnWildcard: { ExcludedColumnNames: [...PERSONAL_COLUMNS] }, ...overrides };
}

const IAM_ALL = [{ Principal: { DataLakePrincipalIdentifier: 'IAM_ALLOWED_PRINCIPALS' }, Permissions: ['ALL' as const] }];

export function settings(overrides: Partial<NonNullable<GetDataLakeSettingsResponse['DataLakeSettings']>> = {}): GetDataLakeSettingsResponse {
  return { DataLakeSettings: { DataLakeAdmins: [{ DataLakePrincipalIdentifier: ADMIN_ROLE }], ReadOnlyAdmins: [], CreateDatabaseDefaultPermissions: IAM_ALL, CreateTableDefaultPermissions: IAM_ALL, TrustedResourceOwners: [], ...overrides } };
}

export const identity = (arn = CALLER): GetCallerIdentityResponse => ({ UserId: 'AROAEXAMPLEID:learner', Account: ACCOUNT, Arn: arn });

/** What IAMAllowedPrincipals holds when the defaults were left in place. */
export const groupOnDatabase = () => grant('IAM_ALLOWED_PRINCIPALS', { Database: { CatalogId: ACCOUNT, Name: DATABASE } }, ['ALL']);
export const groupOnTable = () => grant('IAM_ALLOWED_PRINCIPALS', { Table: { CatalogId: ACCOUNT, DatabaseName: DATABASE, Name: 'rides' } }, ['ALL']);

export const DENIED_MESSAGE = "COLUMN_NOT_FOUND: line 1:8: Column 'rider_email' cannot be resolved or requester is not authorized to access requested resources";

export function query(id: string, sql: string, state: 'SUCCEEDED' | 'FAILED', minute: number, error?: { message: string; type?: number }): QueryExecution {
  return {
    QueryExecutionId: id,
    Query: sql,
    StatementType: 'DML',
    WorkGroup: WORKGROUP,
    QueryExecutionContext: { Database: DATABASE, Catalog: 'awsdatacatalog' },
    ResultConfiguration: { OutputLocation: `s3://${BUCKET}/athena-results/${id}.csv` },
    Status: {
      State: state,
      SubmissionDateTime: new Date(Date.UTC(2026, 11, 1, 10, minute)),
      CompletionDateTime: new Date(Date.UTC(2026, 11, 1, 10, minute, 3)),
      ...(error ? { StateChangeReason: error.message, AthenaError: { ErrorCategory: 2, ...(error.type !== undefined ? { ErrorType: error.type } : {}), Retryable: false, ErrorMessage: error.message } } : {}),
    },
    Statistics: { EngineExecutionTimeInMillis: 900, DataScannedInBytes: state === 'SUCCEEDED' ? 42_647 : 0, TotalExecutionTimeInMillis: 1200 },
    EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
  };
}

export const ALLOWED_SQL = 'SELECT pickup_zone, count(*) AS rides, avg(fare_usd) AS fare FROM rides GROUP BY pickup_zone';
export const DENIED_SQL = 'SELECT rider_email FROM rides LIMIT 10';

/** The reference history: the analyst's allowed query, then the denied one. */
export const referenceQueries = (): QueryExecution[] => [
  query('b7f3c2d1-5e6a-4b8c-9d0e-1f2a3b4c5d6e', DENIED_SQL, 'FAILED', 20, { message: DENIED_MESSAGE }),
  query('a1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9', ALLOWED_SQL, 'SUCCEEDED', 15),
];
