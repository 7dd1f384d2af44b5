// A lab that builds on another lab's artefacts (readsArtefactsOf): serverless-endpoint serves the
// model xgboost-builtin trained, so its execution role reads that lab's model artefacts, no more.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { lab as serverlessLab } from '../../labs/serverless-endpoint/lab';
import { lab as xgboostLab, OUTPUT_PREFIX } from '../../labs/xgboost-builtin/lab';
import { labStackName } from '../../lib/model';
import { LabStack } from '../../lib/stack/lab-stack';
import { fixtureLab, fixtureLabRoot, synthApp } from './fixtures';

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** Every statement of every identity policy in the template, with the policy's roles. */
function statements(template: Template): { roles: unknown; statement: Statement }[] {
  const policies = { ...template.findResources('AWS::IAM::Policy'), ...template.findResources('AWS::IAM::ManagedPolicy') };
  return Object.values(policies).flatMap((p) =>
    (p.Properties.PolicyDocument.Statement as Statement[]).map((statement) => ({ roles: p.Properties.Roles, statement })),
  );
}

/** An IAM resource pattern (`*` wildcards) as a regular expression over concrete ARNs. */
function arnPattern(resource: string): RegExp {
  return new RegExp(`^${resource.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** `{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::...']] }` in the aws partition. */
function resolveArn(resource: unknown): string {
  const join = (resource as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return resource as string;
  return join[1].map((part) => (typeof part === 'string' ? part : (part as { Ref?: string }).Ref === 'AWS::Partition' ? 'aws' : JSON.stringify(part))).join(join[0]);
}

describe('serverless-endpoint reads the xgboost-builtin model artefacts', () => {
  let synth: ReturnType<typeof synthApp>;
  let serverless: Template;
  let xgboost: Template;
  let xgboostBucketLogicalId: string;
  beforeAll(() => {
    synth = synthApp();
    const xgboostStack = LabStack.forLab(synth.app, xgboostLab);
    const serverlessStack = LabStack.forLab(synth.app, serverlessLab);
    synth.app.synth();
    serverless = Template.fromStack(serverlessStack);
    xgboost = Template.fromStack(xgboostStack);
    xgboostBucketLogicalId = Object.keys(xgboost.findResources('AWS::S3::Bucket', { Properties: { BucketEncryption: {} } }))[0]!;
  });
  afterAll(() => synth.cleanUp());

  const grants = () => statements(serverless).filter(({ statement }) => JSON.stringify(statement).includes('xgboost-builtin'));

  it('grants the Studio execution role s3:GetObject on the output prefix of buckets named like the xgboost-builtin lab bucket, in this account only', () => {
    const found = grants();
    expect(found).toHaveLength(1);
    const { roles, statement } = found[0]!;
    expect(roles).toEqual([{ Ref: expect.stringMatching(/^StudioExecutionRole/) }]);
    expect(statement.Effect).toBe('Allow');
    expect(statement.Action).toBe('s3:GetObject');
    const expectedPrefix = `${labStackName(xgboostLab.id)}-${xgboostBucketLogicalId}-`.toLowerCase();
    expect(resolveArn(statement.Resource)).toBe(`arn:aws:s3:::${expectedPrefix}*/${OUTPUT_PREFIX}*`);
    expect(statement.Condition).toEqual({ StringEquals: { 's3:ResourceAccount': { Ref: 'AWS::AccountId' } } });
  });

  it('matches the name CloudFormation gives that bucket, and only keys under the artefact prefix', () => {
    const pattern = arnPattern(resolveArn(grants()[0]!.statement.Resource));
    // `<stack name>-<logical id>-<random>`, lowercased, as CloudFormation names a bucket without BucketName.
    const bucket = `${labStackName(xgboostLab.id)}-${xgboostBucketLogicalId}-1a2b3c4d5e6f7`.toLowerCase();
    expect(bucket.length).toBeLessThanOrEqual(63);
    expect(pattern.test(`arn:aws:s3:::${bucket}/${OUTPUT_PREFIX}churn-xgb-1/output/model.tar.gz`)).toBe(true);
    expect(pattern.test(`arn:aws:s3:::${bucket}/churn/train/churn-train.csv`)).toBe(false);
    expect(pattern.test(`arn:aws:s3:::${bucket}`)).toBe(false);
    const otherLab = `${labStackName('algorithm-choice')}-${xgboostBucketLogicalId}-1a2b3c4d5e6f7`.toLowerCase();
    expect(pattern.test(`arn:aws:s3:::${otherLab}/${OUTPUT_PREFIX}model.tar.gz`)).toBe(false);
  });

  it('leaves every other S3 permission of the execution role on its own lab bucket', () => {
    const ownBucket = Object.keys(serverless.findResources('AWS::S3::Bucket', { Properties: { BucketEncryption: {} } }))[0]!;
    const s3Statements = statements(serverless).filter(
      ({ roles, statement }) =>
        statement.Effect === 'Allow' && JSON.stringify(roles ?? []).includes('StudioExecutionRole') && JSON.stringify(statement.Action ?? []).includes('s3:'),
    );
    const foreign = s3Statements
      .flatMap(({ statement }) => [statement.Resource].flat())
      .filter((resource) => !JSON.stringify(resource).includes(`"${ownBucket}"`));
    expect(foreign.map(resolveArn)).toEqual([resolveArn(grants()[0]!.statement.Resource)]);
  });

  it('gives the learner role nothing of the other lab, and the xgboost-builtin stack no grant at all', () => {
    expect(grants().every(({ roles }) => JSON.stringify(roles).includes('StudioExecutionRole') && !JSON.stringify(roles).includes('LearnerRole'))).toBe(true);
    expect(statements(xgboost).filter(({ statement }) => JSON.stringify(statement).includes('mllab-'))).toEqual([]);
  });

  it('passes the AWS Solutions checks: the one wildcard is acknowledged', () => {
    expect(synth.validationErrors()).toEqual([]);
  });
});

describe('readsArtefactsOf validation', () => {
  const studioLab = fixtureLab(['studio'], ['ml.t3.medium']);
  const stack = (labId: string, environments: typeof studioLab.environments, reads: { lab: string; keyPrefix: string }[]) =>
    new LabStack(new App(), labStackName(labId), { labId, environments, instanceTypes: ['ml.t3.medium'], readsArtefactsOf: reads, datasetRoot: fixtureLabRoot() });

  it('fails for a lab without a Studio execution role', () => {
    expect(() => stack('reader', ['streaming'], [{ lab: 'xgboost-builtin', keyPrefix: 'churn/output/' }])).toThrow('only a Studio lab has an execution role');
  });

  it('fails for a key prefix that does not end with a slash or holds a wildcard', () => {
    expect(() => stack('reader', ['studio'], [{ lab: 'xgboost-builtin', keyPrefix: 'churn/output' }])).toThrow("must end with '/'");
    expect(() => stack('reader', ['studio'], [{ lab: 'xgboost-builtin', keyPrefix: 'churn/*/' }])).toThrow("hold no '*'");
  });

  it('fails for the lab itself and for an id that is not a lab id', () => {
    expect(() => stack('reader', ['studio'], [{ lab: 'reader', keyPrefix: 'x/' }])).toThrow('lists itself');
    expect(() => stack('reader', ['studio'], [{ lab: 'Xgboost_Builtin', keyPrefix: 'x/' }])).toThrow('kebab-case');
  });

  it('fails for a lab whose generated bucket name would be truncated', () => {
    expect(() => stack('reader', ['studio'], [{ lab: 'a-lab-id-long-enough-that-cloudformation-truncates-it', keyPrefix: 'x/' }])).toThrow('truncated generated name');
  });

  it('adds no grant to a lab that declares none', () => {
    const template = Template.fromStack(stack('reader', ['studio'], []));
    expect(statements(template).filter(({ statement }) => JSON.stringify(statement).includes(':s3:::mllab-'))).toEqual([]);
  });
});
