// The checker policy names the labs' own resources (issue 11, findings 13 and 20), and still lets
// every lab's checks read what they read: each declared read is evaluated against the generated
// statements on the resources the lab's stack really creates, named the way CloudFormation names them.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { allLabs, findLab } from '../../labs';
import { glueDatabaseNameOf, labStackName, TAG_LAB, type LabManifest } from '../../lib/model';
import { checkerPolicy, LAB_BUCKET_LOGICAL_ID, labBucketPrefix, policyActionsFor, type PolicyTarget } from '../../lib/policy';
import { LabStack, labBucketNamePrefix } from '../../lib/stack/lab-stack';
import { runCli } from '../support/cli-harness';
import { FIXTURE_LAB } from '../support/fixture-lab';
import { allows, type Request } from './evaluate';

const US: PolicyTarget = { partition: 'aws', region: 'us-east-1' };
const ACCOUNT = '111122223333';
/** CloudFormation's random suffix of a generated name (12 or 13 characters). */
const SUFFIX = 'A1B2C3D4E5F6';

interface LabResources {
  readonly stackArn: string;
  readonly streamArn?: string;
  readonly deliveryStream?: { readonly arn: string; readonly tags: Record<string, string> };
  readonly workGroupArn?: string;
  readonly crawler?: { readonly arn: string; readonly tags: Record<string, string> };
  readonly bucketArn: string;
  /** The lab's Glue database, as the data lake environment names it. */
  readonly glueDatabase: string;
  /** The objects the lab's object reads fetch: its own bucket's, or the declared keys of the labs it builds on. */
  readonly objectArns: readonly string[];
}

/** What a lab's stack creates, as the checks meet it in an account: from the synthesized stack, named as CloudFormation names it. */
function resourcesOf(lab: LabManifest, region = US.region, partition = US.partition): LabResources {
  const stack = LabStack.forLab(new App(), lab);
  const stackName = labStackName(lab.id);
  const arn = (service: string, resource: string) => `arn:${partition}:${service}:${region}:${ACCOUNT}:${resource}`;
  const bucketOf = (labId: string) => `${labBucketNamePrefix(stack, labId)}${SUFFIX.toLowerCase()}`;
  let streamArn: string | undefined;
  let deliveryStream: LabResources['deliveryStream'];
  if (stack.streaming) {
    const template = Template.fromStack(stack);
    const streams = template.findResources('AWS::Kinesis::Stream');
    const [streamId] = Object.keys(streams);
    // No explicit name: the generated one starts with the stack name (lib/policy/scopes.ts relies on it).
    expect(streams[streamId!].Properties.Name).toBeUndefined();
    streamArn = arn('kinesis', `stream/${stackName}-${streamId}-${SUFFIX}`);
    const [ds] = Object.values(template.findResources('AWS::KinesisFirehose::DeliveryStream')) as any[];
    const tags = Object.fromEntries((ds.Properties.Tags as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]));
    // A name CloudFormation shortened to Firehose's 64 characters: the policy must not depend on it.
    deliveryStream = { arn: arn('firehose', `deliverystream/${stackName}-StreamingDel-${SUFFIX}`), tags };
  }
  let workGroupArn: string | undefined;
  let crawler: LabResources['crawler'];
  if (stack.dataLake) {
    const template = Template.fromStack(stack);
    const [wg] = Object.values(template.findResources('AWS::Athena::WorkGroup')) as any[];
    workGroupArn = arn('athena', `workgroup/${wg.Properties.Name}`);
    const [cr] = Object.values(template.findResources('AWS::Glue::Crawler')) as any[];
    // No explicit name: CloudFormation generates one, so the policy must go by the tag.
    expect(cr.Properties.Name).toBeUndefined();
    crawler = { arn: arn('glue', `crawler/DataLakeCrawler-${SUFFIX}`), tags: cr.Properties.Tags };
  }
  const artefacts = lab.readsArtefactsOf ?? [];
  return {
    ...(workGroupArn ? { workGroupArn } : {}),
    ...(crawler ? { crawler } : {}),
    stackArn: arn('cloudformation', `stack/${stackName}/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`),
    glueDatabase: glueDatabaseNameOf(stackName),
    ...(streamArn ? { streamArn } : {}),
    ...(deliveryStream ? { deliveryStream } : {}),
    bucketArn: `arn:${partition}:s3:::${bucketOf(lab.id)}`,
    objectArns: artefacts.length > 0
      ? artefacts.map((r) => `arn:${partition}:s3:::${bucketOf(r.lab)}/${r.keyPrefix}churn-xgb-1/output/model.tar.gz`)
      : [`arn:${partition}:s3:::${bucketOf(lab.id)}/output/churn-xgb-1/output/model.tar.gz`],
  };
}

/** The requests one declared read makes, action by action, on the lab's resources. */
function requestsOf(read: string, r: LabResources): Request[] {
  const [service, operation] = read.split(':') as [string, string];
  return policyActionsFor(read).flatMap((action): Request[] => {
    switch (service) {
      case 'CloudFormation':
        return [{ action, resource: r.stackArn }];
      case 'Kinesis':
        return [{ action, resource: operation === 'DescribeStreamConsumer' ? `${r.streamArn}/consumer/fraud-detector:1767225600` : r.streamArn! }];
      case 'Firehose':
        return [{ action, resource: r.deliveryStream!.arn, tags: r.deliveryStream!.tags }];
      case 'Athena':
        return [{ action, resource: r.workGroupArn! }];
      case 'Glue':
        if (operation === 'GetCrawler') return [{ action, resource: r.crawler!.arn, tags: r.crawler!.tags }];
        // Data Quality reads are authorized on the ruleset (https://docs.aws.amazon.com/glue/latest/dg/data-quality-authorization.html).
        if (operation.includes('DataQuality')) return [{ action, resource: `arn:aws:glue:${US.region}:${ACCOUNT}:dataQualityRuleset/loans-quality` }];
        // Glue authorizes a catalog read on the catalog, the database and the table (glue-specifying-resource-arns).
        return [
          { action, resource: `arn:aws:glue:${US.region}:${ACCOUNT}:catalog` },
          { action, resource: `arn:aws:glue:${US.region}:${ACCOUNT}:database/${r.glueDatabase}` },
          { action, resource: `arn:aws:glue:${US.region}:${ACCOUNT}:table/${r.glueDatabase}/curated_orders` },
        ];
      case 'S3':
        if (action === 's3:GetObject') return r.objectArns.map((resource) => ({ action, resource }));
        // The bucket of every object read (404 for a missing key), or the lab's own bucket for a listing.
        if (operation === 'HeadObject' || operation === 'GetObject') return r.objectArns.map((o) => ({ action, resource: o.split('/')[0]! }));
        return [{ action, resource: r.bucketArn }];
      default:
        // Learner-named or without a resource type: any resource of the service.
        return [{ action, resource: `arn:aws:${action.split(':')[0]}:${US.region}:${ACCOUNT}:learner/named-by-them` }];
    }
  });
}

const LABS = allLabs();
const RESOURCES = new Map(LABS.map((lab) => [lab.id, resourcesOf(lab)]));

describe.each(LABS.map((lab) => [lab.id, lab] as const))('%s', (_id, lab) => {
  test('every read its checks declare is allowed on what its stack creates, by its own policy and by the policy of all labs', () => {
    const own = checkerPolicy([lab], US);
    const all = checkerPolicy(LABS, US);
    const denied: string[] = [];
    for (const read of new Set(['CloudFormation:DescribeStacks', ...lab.requirements.flatMap((r) => r.reads)])) {
      for (const request of requestsOf(read, RESOURCES.get(lab.id)!)) {
        if (!allows(own, request) || !allows(all, request)) denied.push(`${read}: ${request.action} on ${request.resource}`);
      }
    }
    expect(denied).toEqual([]);
  });
});

test('the lab bucket pattern is the stack\'s: the same logical id and prefix for every lab', () => {
  for (const lab of LABS) {
    const stack = LabStack.forLab(new App(), lab);
    // labBucketNamePrefix also refuses a prefix CloudFormation would cut.
    expect(labBucketPrefix(lab.id)).toBe(labBucketNamePrefix(stack, lab.id));
    expect(stack.getLogicalId(stack.labBucket.bucket.node.defaultChild as any)).toBe(LAB_BUCKET_LOGICAL_ID);
  }
});

describe('finding 20: statements name the lab\'s own resources', () => {
  const streaming = findLab('streams-vs-firehose')!;
  const ingest = findLab('streaming-ingest')!;
  const serverless = findLab('serverless-endpoint')!;

  test('no Kinesis, Firehose, S3, CloudFormation, Athena or Glue statement grants on *', () => {
    const policy = checkerPolicy(LABS, US);
    const open = policy.Statement.filter((s) => s.Resource === '*' && s.Action.some((a) => /^(kinesis|firehose|s3|cloudformation|athena|glue):/.test(a)));
    expect(open).toEqual([]);
  });

  test('the data lake\'s queries are read in the lab\'s workgroup only, its crawler by the lab\'s tag only', () => {
    const lake = findLab('datalake-athena')!;
    const policy = checkerPolicy([lake], US);
    const r = RESOURCES.get(lake.id)!;
    expect(r.workGroupArn).toBe(`arn:aws:athena:us-east-1:${ACCOUNT}:workgroup/MlLab-datalake-athena`);
    expect(allows(policy, { action: 'athena:ListQueryExecutions', resource: r.workGroupArn! })).toBe(true);
    expect(allows(policy, { action: 'athena:ListQueryExecutions', resource: `arn:aws:athena:us-east-1:${ACCOUNT}:workgroup/primary` })).toBe(false);
    expect(allows(policy, { action: 'glue:GetCrawler', resource: r.crawler!.arn, tags: r.crawler!.tags })).toBe(true);
    expect(allows(policy, { action: 'glue:GetCrawler', resource: `arn:aws:glue:us-east-1:${ACCOUNT}:crawler/prod-crawler`, tags: { team: 'data' } })).toBe(false);
    // The Data Catalog reads reach the lab's database and its tables only (finding 20).
    expect(allows(policy, { action: 'glue:GetTables', resource: `arn:aws:glue:us-east-1:${ACCOUNT}:database/mllab_datalake_athena` })).toBe(true);
    expect(allows(policy, { action: 'glue:GetTables', resource: `arn:aws:glue:us-east-1:${ACCOUNT}:database/finance` })).toBe(false);
    expect(allows(policy, { action: 'glue:GetTable', resource: `arn:aws:glue:us-east-1:${ACCOUNT}:table/finance/salaries` })).toBe(false);
  });

  test('another stack\'s stream, consumer and bucket are not readable', () => {
    const policy = checkerPolicy([streaming], US);
    const arn = (service: string, resource: string) => `arn:aws:${service}:us-east-1:${ACCOUNT}:${resource}`;
    expect(allows(policy, { action: 'kinesis:DescribeStreamSummary', resource: arn('kinesis', 'stream/prod-clickstream') })).toBe(false);
    expect(allows(policy, { action: 'kinesis:DescribeStreamSummary', resource: arn('kinesis', `stream/${labStackName('streaming-ingest')}-StreamingFFCF437C-${SUFFIX}`) })).toBe(false);
    expect(allows(policy, { action: 'kinesis:DescribeStreamConsumer', resource: arn('kinesis', 'stream/prod-clickstream/consumer/fraud-detector:1') })).toBe(false);
    expect(allows(policy, { action: 'kinesis:DescribeStreamSummary', resource: RESOURCES.get(streaming.id)!.streamArn! })).toBe(true);
    // The stream lives in the region the policy was made for.
    expect(allows(policy, { action: 'kinesis:DescribeStreamSummary', resource: RESOURCES.get(streaming.id)!.streamArn!.replace('us-east-1', 'eu-west-1') })).toBe(false);
    expect(allows(checkerPolicy([ingest], US), { action: 's3:ListBucket', resource: 'arn:aws:s3:::prod-data-lake' })).toBe(false);
  });

  test('a delivery stream is readable only when it carries the lab\'s tag', () => {
    const policy = checkerPolicy([ingest], US);
    const ds = RESOURCES.get(ingest.id)!.deliveryStream!;
    expect(ds.tags[TAG_LAB]).toBe(ingest.id);
    expect(allows(policy, { action: 'firehose:DescribeDeliveryStream', resource: ds.arn, tags: ds.tags })).toBe(true);
    expect(allows(policy, { action: 'firehose:DescribeDeliveryStream', resource: ds.arn, tags: {} })).toBe(false);
    expect(allows(policy, { action: 'firehose:DescribeDeliveryStream', resource: ds.arn, tags: { [TAG_LAB]: 'another-lab' } })).toBe(false);
  });

  test('another lab\'s bucket is readable only under the keys the lab declares it builds on', () => {
    const policy = checkerPolicy([serverless], US);
    const [artefact] = RESOURCES.get(serverless.id)!.objectArns;
    expect(allows(policy, { action: 's3:GetObject', resource: artefact! })).toBe(true);
    expect(allows(policy, { action: 's3:GetObject', resource: `${artefact!.split('/')[0]}/datasets/churn/train.csv` })).toBe(false);
  });

  test('the partition and region come from the region: cn-north-1 gives arn:aws-cn: ARNs in cn-north-1', () => {
    const cn: PolicyTarget = { partition: 'aws-cn', region: 'cn-north-1' };
    const policy = checkerPolicy(LABS, cn);
    const arns = policy.Statement.flatMap((s) => (typeof s.Resource === 'string' ? [s.Resource] : s.Resource)).filter((r) => r !== '*');
    expect(arns.length).toBeGreaterThan(0);
    for (const arn of arns) expect(arn).toMatch(/^arn:aws-cn:(s3:::|[a-z0-9-]+:cn-north-1:)/);
    const r = resourcesOf(ingest, 'cn-north-1', 'aws-cn');
    expect(allows(policy, { action: 'kinesis:GetRecords', resource: r.streamArn! })).toBe(true);
    expect(allows(policy, { action: 'kinesis:GetRecords', resource: RESOURCES.get(ingest.id)!.streamArn! })).toBe(false);
  });
});

describe('finding 13: a lab that reads objects may list their buckets, so a missing key answers 404, not a bare 403', () => {
  test.each(LABS.filter((l) => l.requirements.some((r) => r.reads.includes('S3:HeadObject'))).map((l) => [l.id, l] as const))('%s', (_id, lab) => {
    const policy = checkerPolicy([lab], US);
    for (const object of RESOURCES.get(lab.id)!.objectArns) {
      expect(allows(policy, { action: 's3:GetObject', resource: object })).toBe(true);
      expect(allows(policy, { action: 's3:ListBucket', resource: object.split('/')[0]! })).toBe(true);
    }
  });

  test('HeadObject and GetObject need s3:GetObject and, to answer not-found, s3:ListBucket', () => {
    expect(policyActionsFor('S3:HeadObject')).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(policyActionsFor('S3:GetObject')).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(policyActionsFor('S3:ListObjectsV2')).toEqual(['s3:ListBucket']);
  });
});

describe('mllab policy takes the region like the other commands', () => {
  const resourcesIn = (stdout: string) => (JSON.parse(stdout) as { Statement: { Resource: string | string[] }[] }).Statement.flatMap((s) => (typeof s.Resource === 'string' ? [s.Resource] : s.Resource));

  test('--region cn-north-1 gives arn:aws-cn: ARNs', async () => {
    const run = await runCli(['policy', '--region', 'cn-north-1'], { labs: [FIXTURE_LAB] });
    expect(run.code).toBe(0);
    expect(resourcesIn(run.stdout)).toEqual(['arn:aws-cn:cloudformation:cn-north-1:*:stack/MlLab-fixture-lab/*', 'arn:aws-cn:kinesis:cn-north-1:*:stream/MlLab-fixture-lab-*']);
  });

  test('AWS_REGION when there is no --region: us-gov-west-1 gives arn:aws-us-gov: ARNs', async () => {
    const run = await runCli(['policy'], { labs: [FIXTURE_LAB], env: { ...process.env, AWS_REGION: 'us-gov-west-1' } });
    expect(run.code).toBe(0);
    for (const arn of resourcesIn(run.stdout)) expect(arn).toMatch(/^arn:aws-us-gov:[a-z]+:us-gov-west-1:/);
  });

  test('a region the partition data does not know is refused with exit 2', async () => {
    const run = await runCli(['policy', '--region', 'us-east-9'], { labs: [FIXTURE_LAB] });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a known AWS region/);
  });
});
