// Every registered lab against an account where its stack is deployed (as synthesized) and the
// learner created what the lab names, beside resources of nobody's: the dry run must plan every
// one of the lab's and none of the others. MLLAB_PLAN_DIR=<dir> also writes each plan there.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allLabs } from '../../labs';
import type { LabManifest, LearnerResource } from '../../lib/model';
import { labStackName } from '../../lib/model';
import { pricesFor } from '../../lib/cost/prices';
import { synthesizeLabTemplate } from '../../lib/cost/template';
import { createTeardownClients, formatPlan, teardownLab } from '../../lib/teardown';
import { ACCOUNT, FakeAccount, REGION, wireAccount } from './fake-account';

/** Physical ids CloudFormation would give the synthesized resources, and the live resources behind them. */
function deploy(a: FakeAccount, lab: LabManifest): void {
  const template = synthesizeLabTemplate(lab.id);
  a.stackName = labStackName(lab.id);
  a.stackResources = [];
  const tag = lab.id;
  for (const [logicalId, r] of Object.entries(template.Resources ?? {})) {
    const id = `mllab-${lab.id}-${logicalId.toLowerCase().slice(0, 20)}`;
    switch (r.Type) {
      case 'AWS::Kinesis::Stream':
        a.stackResources.push([r.Type, id]);
        a.add('kinesis:stream', id, 'lab', { shards: r.Properties?.ShardCount ?? 1 }, 'ACTIVE', tag);
        break;
      case 'AWS::KinesisFirehose::DeliveryStream':
        a.stackResources.push([r.Type, id]);
        a.add('firehose:delivery-stream', id, 'lab', {}, 'ACTIVE', tag);
        break;
      case 'AWS::S3::Bucket':
        a.stackResources.push([r.Type, id]);
        for (const key of ['data/train.csv', 'output/model.tar.gz']) a.add('s3:object', `${id}/${key}`, 'lab', { bucket: id, key, size: 4096 });
        break;
      case 'AWS::SageMaker::Domain':
        a.stackResources.push([r.Type, 'd-lab1']);
        a.add('sagemaker:domain', 'd-lab1', 'lab', { vpcId: 'vpc-lab' }, 'InService', tag);
        a.add('sagemaker:user-profile', 'd-lab1/learner', 'lab', { domain: 'd-lab1', name: 'learner' });
        a.add('sagemaker:space', 'd-lab1/learner-space', 'lab', { domain: 'd-lab1', name: 'learner-space', owner: 'learner' });
        a.add('sagemaker:app', 'd-lab1/learner-space/JupyterLab/default', 'lab', { domain: 'd-lab1', space: 'learner-space', type: 'JupyterLab', app: 'default', instance: 'ml.t3.medium' });
        for (const dir of ['inbound', 'outbound']) a.add('ec2:security-group', `security-group-for-${dir}-nfs-d-lab1`, 'lab', { id: `sg-${dir}`, vpc: 'vpc-lab', rules: [] });
        break;
      case 'AWS::EC2::VPC':
        a.stackResources.push([r.Type, 'vpc-lab']);
        break;
      case 'AWS::Glue::Database':
        a.stackResources.push([r.Type, `${lab.id.replace(/-/g, '_')}_db`]);
        a.add('glue:table', `${lab.id.replace(/-/g, '_')}_db.raw`, 'lab', { db: `${lab.id.replace(/-/g, '_')}_db`, name: 'raw' });
        break;
      case 'AWS::Glue::Crawler':
        a.stackResources.push([r.Type, id]);
        a.add('glue:crawler', id, 'lab', {}, 'READY', tag);
        break;
      case 'AWS::Athena::WorkGroup':
        a.stackResources.push([r.Type, `${lab.id}-wg`]);
        a.add('athena:named-query', `nq-${lab.id}`, 'lab', { wg: `${lab.id}-wg`, name: 'saved-query' });
        break;
      default:
        a.stackResources.push([r.Type, id]);
    }
  }
}

/** What the learner created, one of each resource the lab names (two for a prefix). */
function learnerCreated(a: FakeAccount, lab: LabManifest, l: LearnerResource): string[] {
  const names = l.match === 'prefix' ? [`${l.name}1`, `${l.name}2`] : [l.name];
  const db = `${lab.id.replace(/-/g, '_')}_db`;
  const stream = a.stackResources.find(([t]) => t === 'AWS::Kinesis::Stream')?.[1];
  // A lab whose usage is serverless inference deploys serverless endpoint configs.
  const serverless = (lab.usage ?? []).some((u) => u.item.startsWith('sagemaker:serverless-'));
  // What the plan names for kinds whose plan lines are not the learner's names (Lake Formation).
  const planned: string[] = [];
  for (const n of names) {
    switch (l.kind) {
      case 'sagemaker:training-job': a.add(l.kind, n, 'lab', { type: lab.instanceTypes?.[0] ?? 'ml.m5.large', spot: true }, 'InProgress'); break;
      case 'sagemaker:endpoint': {
        // The endpoint's config is one the lab names (the first one created under a prefix).
        const config = lab.learnerResources?.find((r) => r.kind === 'sagemaker:endpoint-config');
        a.add(l.kind, n, 'lab', { config: config ? (config.match === 'prefix' ? `${config.name}1` : config.name) : `${n}-config`, type: 'ml.m5.large', count: 1 });
        break;
      }
      case 'sagemaker:endpoint-config': a.add(l.kind, n, 'lab', serverless ? { serverless: true } : { type: 'ml.m5.large' }, 'ok'); break;
      case 'sagemaker:model': a.add(l.kind, n, 'lab', {}, 'ok'); break;
      case 'kinesis:stream-consumer': a.add('kinesis:consumer', `${stream}/${n}`, 'lab', { stream, name: n }, 'ACTIVE'); break;
      case 'kinesis:stream': a.add(l.kind, n, 'lab', { shards: 1 }, 'ACTIVE'); break;
      case 'glue:table': a.add(l.kind, `${db}.${n}`, 'lab', { db, name: n }); break;
      case 's3:prefix': break; // objects under the prefix live in the lab bucket, emptied whole
      case 'logs:log-group': a.add(l.kind, n, 'lab', {}, 'ok'); break;
      case 'sagemaker:pipeline': a.add(l.kind, n, 'lab', {}, 'Active'); break;
      case 'sagemaker:feature-group': a.add(l.kind, n, 'lab', {}, 'Created'); break;
      case 'sagemaker:processing-job': a.add(l.kind, n, 'lab', { type: 'ml.m5.large' }, 'InProgress'); break;
      case 'sagemaker:transform-job': a.add(l.kind, n, 'lab', { type: 'ml.m5.large' }, 'InProgress'); break;
      case 'sagemaker:monitoring-schedule': a.add(l.kind, n, 'lab', {}, 'Scheduled'); break;
      case 'glue:data-quality-ruleset': a.add(l.kind, n, 'lab', {}, 'ok'); break;
      case 'sagemaker:hyper-parameter-tuning-job': a.add(l.kind, n, 'lab', {}, 'InProgress'); break;
      case 'sns:topic': a.add(l.kind, n, 'lab', {}, 'ok'); break;
      case 'kms:alias': a.add(l.kind, n, 'lab', { keyId: `1234abcd-12ab-34cd-56ef-${String(n.length).padStart(12, '0')}` }, 'Enabled'); break;
      case 'lakeformation:registered-location': {
        const bucket = a.stackResources.find(([t]) => t === 'AWS::S3::Bucket')![1];
        const registration = `arn:aws:s3:::${bucket}/${n.replace(/\/$/, '')}`;
        a.add('lakeformation:registration', registration, 'lab', {}, 'ok');
        planned.push(registration);
        break;
      }
      case 'lakeformation:permissions': {
        // A grant to a role of the lab stack, and another principal's grant on the same table that must stay.
        const role = a.stackResources.find(([t]) => t === 'AWS::IAM::Role')![1];
        const resource = { Table: { CatalogId: ACCOUNT, DatabaseName: db, Name: n } };
        a.add('lakeformation:grant', `${role}|${n}`, 'lab', { principal: `arn:aws:iam::${ACCOUNT}:role/${role}`, resource, permissions: ['SELECT'] }, 'ok');
        a.add('lakeformation:grant', `prod-analyst|${n}`, 'none', { principal: `arn:aws:iam::${ACCOUNT}:role/prod-analyst`, resource, permissions: ['SELECT'] }, 'ok');
        planned.push(`revoke SELECT of role ${role} on table ${db}.${n}`);
        break;
      }
      case 'lakeformation:data-cells-filter': a.add(l.kind, `${n}-no-personal-columns`, 'lab', { database: db, table: n }, 'ok'); planned.push(`${n}-no-personal-columns`); break;
      case 'sagemaker:model-package-group': a.add(l.kind, n, 'lab', {}, 'Completed'); break;
      case 'cloudwatch:alarm': a.add(l.kind, n, 'lab', {}, 'OK'); break;
      case 'application-autoscaling:scalable-target': {
        // Named by the endpoint: its variant's target and a target tracking policy on it.
        const resourceId = `endpoint/${n}/variant/AllTraffic`;
        const scaling = { namespace: 'sagemaker', dimension: 'sagemaker:variant:DesiredInstanceCount' };
        a.add(l.kind, resourceId, 'lab', scaling);
        a.add('application-autoscaling:scaling-policy', `${resourceId}|${n}-scaling`, 'lab', { ...scaling, resourceId, policy: `${n}-scaling` });
        break;
      }
      default: throw new Error(`labs.test.ts does not create ${l.kind} yet: add it`);
    }
  }
  if (l.kind.startsWith('lakeformation:')) return planned;
  if (l.kind === 'application-autoscaling:scalable-target') return names.flatMap((n) => [`endpoint/${n}/variant/AllTraffic`, `${n}-scaling`]);
  return l.kind === 's3:prefix' ? [] : names;
}

function foreign(a: FakeAccount): void {
  for (let i = 0; i < 30; i++) {
    a.add('sagemaker:training-job', `prod-train-${i}`, 'none', { type: 'ml.m5.xlarge' }, 'InProgress');
    a.add('kinesis:stream', `prod-stream-${i}`, 'none', { shards: 2 }, 'ACTIVE');
    a.add('sagemaker:endpoint', `prod-ep-${i}`, 'none', { config: `prod-cfg-${i}`, type: 'ml.m5.xlarge', count: 1 });
    a.add('cloudwatch:alarm', `prod-alarm-${i}`, 'none', {}, 'OK');
    const scaling = { namespace: 'sagemaker', dimension: 'sagemaker:variant:DesiredInstanceCount' };
    a.add('application-autoscaling:scalable-target', `endpoint/prod-ep-${i}/variant/AllTraffic`, 'none', scaling);
    a.add('application-autoscaling:scaling-policy', `endpoint/prod-ep-${i}/variant/AllTraffic|prod-scaling-${i}`, 'none', { ...scaling, resourceId: `endpoint/prod-ep-${i}/variant/AllTraffic`, policy: `prod-scaling-${i}` });
  }
}

test.each(allLabs().map((l) => [l.id, l] as const))('the dry run of lab %s plans its stack and everything it names, nothing else', async (_id, lab) => {
  const a = new FakeAccount();
  deploy(a, lab);
  const named = (lab.learnerResources ?? []).flatMap((l) => learnerCreated(a, lab, l));
  foreign(a);
  wireAccount(a);
  const clients = createTeardownClients({ region: REGION, maxAttempts: 1 });
  try {
    const outcome = await teardownLab(clients, lab, pricesFor(REGION), { yes: false, destroyStack: async () => { throw new Error('dry run'); } });
    const planned = outcome.plan.items.map((i) => i.resource.name);
    for (const n of named) expect(planned).toContain(n);
    expect(planned).toContain(labStackName(lab.id));
    expect(planned.join(' ')).not.toMatch(/prod-/);
    expect(a.writes).toEqual([]);
    if (process.env.MLLAB_PLAN_DIR) writeFileSync(join(process.env.MLLAB_PLAN_DIR, `${lab.id}.txt`), `${formatPlan(outcome.plan)}\n`);
  } finally {
    clients.destroy();
  }
});
