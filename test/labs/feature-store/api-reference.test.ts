// The checks give the expected verdicts on responses in the shapes the AWS API reference documents
// for the operations this lab reads, served from 127.0.0.1 and parsed by the SDK from the wire
// (SageMaker and Glue over awsJson1.1, the Feature Store runtime over REST-JSON). The SageMaker pages
// document a Response Syntax and no worked example; the bodies fill every field the syntax lists
// that a feature group with a Standard online store and a Glue-format offline store carries.
//   DescribeFeatureGroup https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeFeatureGroup.html
//   ListRecords          https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_feature_store_ListRecords.html
//   GetRecord            https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_feature_store_GetRecord.html
//   GetTable             https://docs.aws.amazon.com/glue/latest/webapi/API_GetTable.html
// CloudFormation (the stack outputs) answers in-process from aws-sdk-client-mock.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mockClient } from 'aws-sdk-client-mock';
import { useEmulatorEnvironment } from '../../../lib/emulators';
import { FEATURE_GROUP_NAME, lab, LAB_ID, PROBE_CUSTOMER } from '../../../labs/feature-store/lab';
import { checkRequirement, CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { toWire } from '../xgboost-builtin/aws-reference';
import { CREATED, DATABASE, latestRecords, OUTPUTS, referenceGroup, RESOLVED_URI } from './fixtures';

const cfn = mockClient(CloudFormationClient);

/** DescribeFeatureGroup, every Response Syntax member a Standard online store and a Glue-format offline store have. */
const describeFeatureGroup = () => {
  const { $metadata: _, ...group } = referenceGroup();
  return {
    ...group,
    LastModifiedTime: new Date(CREATED.getTime() + 60_000),
    OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard', SecurityConfig: { KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' } },
    LastUpdateStatus: { Status: 'Successful' },
    Description: 'Monthly churn features per customer',
    NextToken: '',
  };
};

/** The online store as the runtime answers it: ListRecords pages and GetRecord bodies. */
let online = latestRecords();
/** Glue tables of the lab database. */
let tables: string[] = [];

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function answer(target: string | undefined, method: string, url: URL, body: any): { status: number; body: unknown; error?: string } {
  if (target === 'SageMaker.DescribeFeatureGroup') return { status: 200, body: describeFeatureGroup() };
  if (target === 'AWSGlue.GetTable') {
    if (body.DatabaseName !== DATABASE || !tables.includes(body.Name)) return { status: 400, error: 'EntityNotFoundException', body: { Message: `Table ${body.Name} not found.` } };
    return { status: 200, body: { Table: { Name: body.Name, DatabaseName: DATABASE, StorageDescriptor: { Location: RESOLVED_URI, InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat' }, PartitionKeys: [], TableType: 'EXTERNAL_TABLE', CreateTime: CREATED } } };
  }
  const group = `/FeatureGroup/${FEATURE_GROUP_NAME}`;
  if (method === 'POST' && url.pathname === `${group}/ListRecords`) {
    const ids = [...online.keys()];
    const start = Number(body.NextToken ?? 0);
    const end = start + (body.MaxResults ?? 100);
    return { status: 200, body: { RecordIdentifiers: ids.slice(start, end), ...(end < ids.length ? { NextToken: String(end) } : {}) } };
  }
  if (method === 'GET' && url.pathname === group) {
    const record = online.get(url.searchParams.get('RecordIdentifierValueAsString') ?? '');
    // GetRecord answers an identifier it does not hold with an empty result.
    return { status: 200, body: record ? { Record: record } : {} };
  }
  return { status: 400, error: 'ValidationException', body: { message: `no reference response for ${target ?? `${method} ${url.pathname}`}` } };
}

let server: Server;
let restore: () => void;
let savedEndpoint: string | undefined;
beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      const raw = await bodyOf(req);
      const target = req.headers['x-amz-target'] as string | undefined;
      const a = answer(target, req.method ?? 'GET', new URL(req.url ?? '/', 'http://127.0.0.1'), raw ? JSON.parse(raw) : {});
      res.writeHead(a.status, { 'Content-Type': 'application/json', 'x-amzn-RequestId': 'feed0000-0000-4000-8000-000000000001', ...(a.error ? { 'x-amzn-ErrorType': a.error } : {}) });
      res.end(JSON.stringify(a.error ? { __type: a.error, ...(a.body as object) } : toWire(a.body)));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  restore = useEmulatorEnvironment({});
  savedEndpoint = process.env.AWS_ENDPOINT_URL;
  process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
  else process.env.AWS_ENDPOINT_URL = savedEndpoint;
  restore();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  cfn.reset();
  mockStackOutputs(cfn, LAB_ID, OUTPUTS);
  online = latestRecords();
  tables = [referenceGroup().OfflineStoreConfig!.DataCatalogConfig!.TableName!];
});

test('R1 passes on the documented DescribeFeatureGroup response', async () => {
  expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
});

test('R2 passes with the table in Glue, and fails on the documented EntityNotFoundException once it is gone', async () => {
  expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
  tables = [];
  const result = await checkRequirement(lab, 'R2');
  expect(result.status).toBe('fail');
  expect(result.findings.join(' ')).toMatch(/Glue has no such table/);
});

test('R3 reads ListRecords pages to the end and passes; with a customer missing it fails', async () => {
  expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  online.delete('C0200');
  expect((await checkRequirement(lab, 'R3')).findings.join(' ')).toMatch(/199 of the 200 .* such as C0200/);
});

test('R4 passes on the documented GetRecord response, and fails on its empty answer for an unknown id', async () => {
  expect((await checkRequirement(lab, 'R4')).status).toBe('pass');
  online.delete(PROBE_CUSTOMER);
  expect((await checkRequirement(lab, 'R4')).findings.join(' ')).toMatch(/no record for C0042/);
});
