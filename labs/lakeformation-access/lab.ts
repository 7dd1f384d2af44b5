// The Lake Formation lab: put the rides table under Lake Formation, let the analyst role read every
// column but the rider's personal ones, close the IAM-only door the IAMAllowedPrincipals grant keeps
// open, and prove both from the lab workgroup's query history.
import { defineLab, STACK_OUTPUTS } from '../../lib/model';

// The issue names the lab lakeformation-permissions; CloudFormation truncates the generated bucket
// name of a stack id that long (lib/stack/lab-stack.ts labBucketNamePrefix, at most 48 characters).
export const LAB_ID = 'lakeformation-access';

/** The table the learner catalogs over the lab's own data, in the lab database. */
export const TABLE = 'rides';
/** Where the lab's data lands in the lab bucket (outside raw/, which the environment's crawler reads). */
export const DATA_PREFIX = 'lake/rides/';

/** The columns of the shipped rides (data/rides.csv, a header row; generate-rides.ts). */
export const COLUMNS = ['ride_id', 'pickup_time', 'pickup_zone', 'dropoff_zone', 'distance_km', 'fare_usd', 'rider_name', 'rider_email', 'rider_phone'] as const;
/** The rider's personal columns: the analyst role must never read them. */
export const PERSONAL_COLUMNS = ['rider_name', 'rider_email', 'rider_phone'] as const;

/** The stack output with the ARN of the analyst role the lab stack provides (lib/environments/analyst-role.ts). */
export const ANALYST_ROLE_OUTPUT = STACK_OUTPUTS.analystRoleArn;

/**
 * The principal identifier of the IAMAllowedPrincipals group in the Lake Formation API: "a value that
 * assigns ALL to IAM_ALLOWED_PRINCIPALS indicates access control by IAM permissions"
 * (https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_DataLakeSettings.html,
 * https://docs.aws.amazon.com/lake-formation/latest/dg/change-settings.html).
 */
export const IAM_ALLOWED_PRINCIPALS = 'IAM_ALLOWED_PRINCIPALS';

export const lab = defineLab({
  id: LAB_ID,
  title: 'Lake Formation permissions: analysts see the rides, never the riders',
  summary:
    'Register the rides data with Lake Formation, grant the analyst role SELECT on every column but the rider\'s personal ones, remove the IAMAllowedPrincipals grants that keep IAM-only access open, and prove from the Athena query history that the analyst\'s query ran and a query of a personal column was denied.',
  domains: { 'MLA-C01': ['MLA-C01/D1'], 'MLS-C01': ['MLS-C01/D1'] },
  environments: ['datalake'],
  analystRole: true,
  estimatedMinutes: 60,
  datasets: [
    {
      dir: 'data',
      keyPrefix: DATA_PREFIX,
      description: '400 synthetic rides with the rider\'s name, e-mail and phone (generate-rides.ts): the columns the analysts must never see',
    },
  ],
  // About twenty queries at Athena's 10 MB minimum ($5 per TB): https://aws.amazon.com/athena/pricing/.
  // Lake Formation permissions, data filters and registrations bill nothing of their own
  // (https://aws.amazon.com/lake-formation/pricing/); the reads of Lake Formation credential vending
  // are S3 GETs on a 40 KB file.
  estimatedCostUsd: 0.01,
  usage: [
    { item: 'athena:scanned-tb', quantity: 0.0002, note: 'about twenty queries, each billed at least 10 MB' },
    { item: 's3:storage-gb-month', quantity: 0.001, note: 'the 40 KB rides file and the query results for the lab week' },
  ],
  learnerResources: [
    // In the stack's database, so it also goes with the stack; named so teardown plans it either way.
    { kind: 'glue:table', name: TABLE },
    // What the lab changes in Lake Formation, each scoped to the lab's bucket, database and roles.
    { kind: 'lakeformation:registered-location', name: DATA_PREFIX, match: 'prefix' },
    { kind: 'lakeformation:permissions', name: TABLE },
    { kind: 'lakeformation:data-cells-filter', name: TABLE },
  ],
  requirements: [
    {
      id: 'R1',
      title: `The lab database has a table ${TABLE} over the lab's rides data (s3://<lab bucket>/${DATA_PREFIX}) with every column of the data.`,
      hint: 'Read how a Data Catalog table describes data in S3, and the ways to create one (a crawler, DDL in Athena).',
      docs: 'https://docs.aws.amazon.com/athena/latest/ug/creating-tables.html',
      reads: ['Glue:GetTable'],
      tasks: ['MLA-C01/1.1'],
      concepts: ['glue-data-catalog', 'athena-ddl'],
    },
    {
      id: 'R2',
      title: `The S3 location of ${TABLE} is registered with Lake Formation (the location itself or a folder above it in the lab bucket), in Lake Formation mode rather than hybrid access mode.`,
      hint: 'Read what registering an S3 location does, and how Lake Formation then hands out data access to the integrated services.',
      docs: 'https://docs.aws.amazon.com/lake-formation/latest/dg/register-data-lake.html',
      dependsOn: ['R1'],
      reads: ['Glue:GetTable', 'LakeFormation:ListResources'],
      tasks: ['MLA-C01/1.1', 'MLA-C01/1.3'],
      concepts: ['lake-formation-data-location', 'lake-formation-credential-vending', 'lake-formation-hybrid-access'],
    },
    {
      id: 'R3',
      title: `The analyst role (stack output ${ANALYST_ROLE_OUTPUT}) holds SELECT on ${TABLE} through a named-resource grant that leaves out ${PERSONAL_COLUMNS.join(', ')}: a column list, a column wildcard with those columns excluded, or a data cells filter that does either; and no grant of the role exposes them.`,
      hint: 'Read how Lake Formation limits a SELECT grant to columns, with a column filter or a data filter.',
      docs: 'https://docs.aws.amazon.com/lake-formation/latest/dg/data-filters-about.html',
      dependsOn: ['R1'],
      reads: ['Glue:GetTable', 'LakeFormation:ListPermissions', 'LakeFormation:ListDataCellsFilter', 'LakeFormation:GetDataLakeSettings', 'STS:GetCallerIdentity'],
      tasks: ['MLA-C01/1.3'],
      concepts: ['lake-formation-column-permissions', 'lake-formation-data-filters', 'pii-access-control'],
    },
    {
      id: 'R4',
      title: `The IAMAllowedPrincipals group holds no permission on the lab database or on ${TABLE}.`,
      hint: 'Read what the IAMAllowedPrincipals group is, why Lake Formation grants it by default, and what removing it changes.',
      docs: 'https://docs.aws.amazon.com/lake-formation/latest/dg/upgrade-glue-lake-formation.html',
      dependsOn: ['R1'],
      reads: ['Glue:GetTable', 'LakeFormation:ListPermissions', 'LakeFormation:GetDataLakeSettings', 'STS:GetCallerIdentity'],
      tasks: ['MLA-C01/1.3'],
      concepts: ['iam-allowed-principals', 'lake-formation-permission-model', 'iam-policy-evaluation'],
    },
    {
      id: 'R5',
      title: `In the lab workgroup, a query of ${TABLE} that names no personal column succeeded, and a query of ${TABLE} that names a personal column failed with a permission error.`,
      hint: 'Read how Athena queries data that Lake Formation governs, and what a principal without permission on a column sees.',
      docs: 'https://docs.aws.amazon.com/athena/latest/ug/security-athena-lake-formation.html',
      dependsOn: ['R2', 'R3', 'R4'],
      reads: ['Athena:ListQueryExecutions', 'Athena:BatchGetQueryExecution'],
      tasks: ['MLA-C01/1.3'],
      concepts: ['athena-lake-formation', 'lake-formation-column-permissions', 'athena-workgroup'],
    },
  ],
});
