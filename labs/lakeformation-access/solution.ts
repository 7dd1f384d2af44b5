// Reference solution of the lakeformation-access lab, run as a data lake administrator: the
// rides table over lake/rides/, the location registered in Lake Formation mode with the service-linked
// role, SELECT for the analyst role on every column but the personal ones, the IAMAllowedPrincipals
// grants revoked, and the two analyst queries. Kept out of the README on purpose.
import { AthenaClient, StartQueryExecutionCommand, type StartQueryExecutionCommandInput } from '@aws-sdk/client-athena';
import {
  RegisterResourceCommand,
  RevokePermissionsCommand,
  GrantPermissionsCommand,
  type GrantPermissionsCommandInput,
  type LakeFormationClient,
  type RegisterResourceCommandInput,
  type RevokePermissionsCommandInput,
} from '@aws-sdk/client-lakeformation';
import { COLUMNS, DATA_PREFIX, IAM_ALLOWED_PRINCIPALS, PERSONAL_COLUMNS, TABLE } from './lab';

export interface LakeNames {
  readonly bucket: string;
  readonly database: string;
  readonly workGroup: string;
  readonly analystRoleArn: string;
}

/** The table DDL (R1): the CSV's columns as strings and numbers, skipping the header row. */
export function createTableSql(n: Pick<LakeNames, 'bucket' | 'database'>): string {
  const types: Record<string, string> = { distance_km: 'double', fare_usd: 'double' };
  const columns = COLUMNS.map((c) => `  ${c} ${types[c] ?? 'string'}`).join(',\n');
  return `CREATE EXTERNAL TABLE ${n.database}.${TABLE} (\n${columns}\n)\nROW FORMAT DELIMITED FIELDS TERMINATED BY ','\nLOCATION 's3://${n.bucket}/${DATA_PREFIX}'\nTBLPROPERTIES ('skip.header.line.count'='1')`;
}

/** R2: the data folder, registered with the Lake Formation service-linked role (UseServiceLinkedRole). */
export function registerInput(n: Pick<LakeNames, 'bucket'>): RegisterResourceCommandInput {
  return { ResourceArn: `arn:aws:s3:::${n.bucket}/${DATA_PREFIX.replace(/\/$/, '')}`, UseServiceLinkedRole: true };
}

/** R3: SELECT on every column except the personal ones (a column wildcard with exclusions). */
export function grantInput(n: Pick<LakeNames, 'database' | 'analystRoleArn'>): GrantPermissionsCommandInput {
  return {
    Principal: { DataLakePrincipalIdentifier: n.analystRoleArn },
    Resource: { TableWithColumns: { DatabaseName: n.database, Name: TABLE, ColumnWildcard: { ExcludedColumnNames: [...PERSONAL_COLUMNS] } } },
    Permissions: ['SELECT'],
  };
}

/** R4: the default grants of the group, on the database and on the table. */
export function revokeInputs(n: Pick<LakeNames, 'database'>): RevokePermissionsCommandInput[] {
  const Principal = { DataLakePrincipalIdentifier: IAM_ALLOWED_PRINCIPALS };
  return [
    { Principal, Resource: { Database: { Name: n.database } }, Permissions: ['ALL'] },
    { Principal, Resource: { Table: { DatabaseName: n.database, Name: TABLE } }, Permissions: ['ALL'] },
  ];
}

/** R5: the two queries, run with the analyst role's credentials. */
export function analystQueries(n: Pick<LakeNames, 'database' | 'workGroup'>): StartQueryExecutionCommandInput[] {
  return [
    { QueryString: `SELECT pickup_zone, count(*) AS rides, avg(fare_usd) AS fare FROM ${TABLE} GROUP BY pickup_zone`, QueryExecutionContext: { Database: n.database }, WorkGroup: n.workGroup },
    { QueryString: `SELECT rider_email FROM ${TABLE} LIMIT 10`, QueryExecutionContext: { Database: n.database }, WorkGroup: n.workGroup },
  ];
}

/**
 * Applies R2-R4 as the administrator, then starts R5's queries as the analyst. The table (R1) is
 * created beforehand with `createTableSql` in the lab workgroup.
 */
export async function solve(lakeFormation: LakeFormationClient, analystAthena: AthenaClient, n: LakeNames): Promise<void> {
  await lakeFormation.send(new RegisterResourceCommand(registerInput(n)));
  await lakeFormation.send(new GrantPermissionsCommand(grantInput(n)));
  for (const input of revokeInputs(n)) await lakeFormation.send(new RevokePermissionsCommand(input));
  for (const input of analystQueries(n)) await analystAthena.send(new StartQueryExecutionCommand(input));
}
