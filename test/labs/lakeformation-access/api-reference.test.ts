// The Lake Formation checks give the expected verdicts on responses shaped as the AWS API reference's
// Response Syntax shows them, served over the wire (REST-JSON, `POST /<Operation>`) from 127.0.0.1 and
// parsed by the SDK as it would parse AWS's own answers; Glue, STS, Athena and the stack outputs are
// mocked in-process.
//   ListPermissions      https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_ListPermissions.html
//   ListResources        https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_ListResources.html
//   DescribeResource     https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_DescribeResource.html (the same ResourceInfo)
//   ListDataCellsFilter  https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_ListDataCellsFilter.html
//   GetDataLakeSettings  https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_GetDataLakeSettings.html
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { checks } from '../../../labs/lakeformation-access/checks';
import { lab as manifest } from '../../../labs/lakeformation-access/lab';
import { useEmulatorEnvironment } from '../../../lib/emulators';
import { checkRequirement, CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { toWire } from '../xgboost-builtin/aws-reference';
import * as f from './fixtures';

const glue = mockClient(GlueClient);
const sts = mockClient(STSClient);
const cfn = mockClient(CloudFormationClient);
const lab = { lab: manifest, checks };

/** Every field of the Response Syntax of ListPermissions for the column grant (LastUpdated as epoch seconds on the wire). */
const columnGrant = {
  Principal: { DataLakePrincipalIdentifier: f.ANALYST },
  Resource: { TableWithColumns: { CatalogId: f.ACCOUNT, DatabaseName: f.DATABASE, Name: 'rides', ColumnWildcard: { ExcludedColumnNames: ['rider_name', 'rider_email', 'rider_phone'] } } },
  Permissions: ['SELECT'],
  PermissionsWithGrantOption: [],
  AdditionalDetails: { ResourceShare: [] },
  LastUpdated: new Date('2026-12-01T09:10:00Z'),
  LastUpdatedBy: f.ADMIN_ROLE,
};
/** ResourceInfo as ListResources (and DescribeResource) give it, every field of its syntax. */
const resourceInfo = {
  ResourceArn: `arn:aws:s3:::${f.BUCKET}/lake/rides`,
  RoleArn: f.SERVICE_LINKED_ROLE,
  LastModified: new Date('2026-12-01T09:05:00Z'),
  WithFederation: false,
  HybridAccessEnabled: false,
  WithPrivilegedAccess: false,
  VerificationStatus: 'VERIFIED',
};

let answers: Record<string, (body: any) => unknown>;
let server: Server;
let restore: () => void;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const answer = answers[(req.url ?? '/').split('?')[0]!.slice(1)];
      if (!answer) {
        res.writeHead(400, { 'Content-Type': 'application/json', 'x-amzn-errortype': 'InvalidInputException' });
        res.end(JSON.stringify({ Message: `no reference response for ${req.url}` }));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'x-amzn-RequestId': 'c0ffee00-0000-4000-8000-000000000003' });
      res.end(JSON.stringify(toWire(answer(body ? JSON.parse(body) : {}))));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  restore = useEmulatorEnvironment({});
  process.env.AWS_ENDPOINT_URL_LAKEFORMATION = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_LAKEFORMATION;
  restore();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  for (const m of [glue, sts, cfn]) m.reset();
  mockStackOutputs(cfn, manifest.id, f.OUTPUTS);
  glue.on(GetTableCommand).resolves(f.table());
  sts.on(GetCallerIdentityCommand).resolves(f.identity());
  answers = {
    ListResources: () => ({ ResourceInfoList: [resourceInfo] }),
    GetDataLakeSettings: () => f.settings(),
    ListDataCellsFilter: () => ({ DataCellsFilters: [] }),
    ListPermissions: (request) => ({ PrincipalResourcePermissions: request.Resource?.Database ? [] : [columnGrant] }),
  };
});

test('R2 passes on ListResources as the reference shows a registration', async () => {
  expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
});

test('R2 fails on a registration in hybrid access mode', async () => {
  answers.ListResources = () => ({ ResourceInfoList: [{ ...resourceInfo, HybridAccessEnabled: true }] });
  expect((await checkRequirement(lab, 'R2')).findings.join(' ')).toMatch(/hybrid access mode/);
});

test('R3 passes on ListPermissions as the reference shows a column wildcard with exclusions, and R4 on no group grant', async () => {
  expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  expect((await checkRequirement(lab, 'R4')).status).toBe('pass');
});

test('R3 and R4 fail on the group\'s default grant of ALL on the table, with the whole-table grant the defaults give', async () => {
  const group = { ...columnGrant, Principal: { DataLakePrincipalIdentifier: 'IAM_ALLOWED_PRINCIPALS' }, Resource: { Table: { CatalogId: f.ACCOUNT, DatabaseName: f.DATABASE, Name: 'rides' } }, Permissions: ['ALL'] };
  answers.ListPermissions = (request) => ({ PrincipalResourcePermissions: request.Principal ? [columnGrant, { ...group, Principal: columnGrant.Principal, Permissions: ['SELECT'] }] : [group] });
  expect((await checkRequirement(lab, 'R3')).findings.join(' ')).toMatch(/SELECT on rides \(all columns\), which opens rider_name/);
  expect((await checkRequirement(lab, 'R4')).findings.join(' ')).toMatch(/IAMAllowedPrincipals holds ALL on rides/);
});

test('R3 reads a data cells filter as ListDataCellsFilter\'s syntax gives it', async () => {
  answers.ListPermissions = () => ({ PrincipalResourcePermissions: [{ ...columnGrant, Resource: { DataCellsFilter: { TableCatalogId: f.ACCOUNT, DatabaseName: f.DATABASE, TableName: 'rides', Name: 'no_pii' } } }] });
  answers.ListDataCellsFilter = () => ({ DataCellsFilters: [{ TableCatalogId: f.ACCOUNT, DatabaseName: f.DATABASE, TableName: 'rides', Name: 'no_pii', RowFilter: { AllRowsWildcard: {} }, ColumnWildcard: { ExcludedColumnNames: ['rider_name', 'rider_email', 'rider_phone'] }, VersionId: '1' }] });
  expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
});
