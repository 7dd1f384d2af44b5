// Class mode's checker role in a learner's lab stack: on request only, exactly the lab's checker
// policy, trusted by the instructor's account with the external id and nothing else; cdk-nag clean.
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { Stack } from 'aws-cdk-lib';
import { findLab } from '../../labs/index';
import { checkerPolicy } from '../../lib/policy';
import { createLabApp, parseLabContext } from '../../lib/stack/app';
import { LabStack } from '../../lib/stack/lab-stack';
import { synthApp } from './fixtures';

const INSTRUCTOR = '444455556666';
const EXTERNAL_ID = 'class-2026-12-f3a9c1';
const lab = findLab('streaming-ingest')!;

let synth: ReturnType<typeof synthApp>;
let template: Template;
let withoutRole: Template;
beforeAll(() => {
  synth = synthApp();
  const stack = LabStack.forLab(synth.app, lab, { checker: { instructorAccount: INSTRUCTOR, externalId: EXTERNAL_ID } });
  const plain = LabStack.forLab(synthApp().app, lab);
  synth.app.synth();
  template = Template.fromStack(stack);
  withoutRole = Template.fromStack(plain);
});
afterAll(() => synth.cleanUp());

test('is named mllab-checker-<lab>, trusted only by the instructor account with the external id, for an hour at most', () => {
  template.hasResourceProperties('AWS::IAM::Role', {
    RoleName: 'mllab-checker-streaming-ingest',
    MaxSessionDuration: 3600,
    AssumeRolePolicyDocument: {
      Statement: [
        {
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${INSTRUCTOR}:root`]] } },
          Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } },
        },
      ],
    },
  });
});

test('grants exactly `mllab policy --lab <lab>` (the same generated statements), read-only', () => {
  const roles = template.findResources('AWS::IAM::Role', { Properties: { RoleName: 'mllab-checker-streaming-ingest' } });
  const [role] = Object.values(roles) as { Properties: { Policies: { PolicyName: string; PolicyDocument: { Statement: any[] } }[] } }[];
  expect(role!.Properties.Policies.map((p) => p.PolicyName)).toEqual(['Checks']);
  const granted = role!.Properties.Policies[0]!.PolicyDocument.Statement;
  const expected = checkerPolicy([lab], { partition: 'PARTITION', region: 'REGION' }).Statement;
  expect(granted.map((s) => [s.Sid, s.Action].flat())).toEqual(expected.map((s) => [s.Sid, s.Action].flat()));
  const actions = granted.flatMap((s) => [s.Action].flat() as string[]);
  expect(actions.filter((a) => !/:(Describe|Get|List|BatchGet|Head)/.test(a))).toEqual([]);
  // Resources are the lab's, in the stack's own partition and region.
  const stream = granted.find((s) => s.Sid === 'MllabReadLabStreams');
  expect(JSON.stringify(Stack.of(synth.app.node.findAll().find((c) => c instanceof LabStack)!).resolve(stream.Resource))).toContain('stream/MlLab-streaming-ingest-*');
});

test('is absent unless asked for', () => {
  expect(Object.keys(withoutRole.findResources('AWS::IAM::Role', { Properties: { RoleName: 'mllab-checker-streaming-ingest' } }))).toEqual([]);
});

test('keeps the AWS Solutions checks and CloudFormation validation clean', () => {
  expect(synth.validationErrors()).toEqual([]);
});

describe('CDK context', () => {
  test('both instructorAccount and instructorExternalId, or neither', () => {
    expect(parseLabContext({ instructorAccount: INSTRUCTOR, instructorExternalId: EXTERNAL_ID })).toMatchObject({ instructorAccount: INSTRUCTOR });
    expect(() => parseLabContext({ instructorAccount: INSTRUCTOR })).toThrow('give both -c instructorAccount');
    expect(() => parseLabContext({ instructorExternalId: EXTERNAL_ID })).toThrow('give both -c instructorAccount');
  });

  test('refuses an account that is not 12 digits, and an external id AssumeRole would refuse, without echoing the id', () => {
    expect(() => parseLabContext({ instructorAccount: '1234', instructorExternalId: EXTERNAL_ID })).toThrow('12-digit AWS account id');
    const secret = 'has spaces in it';
    let message = '';
    try {
      parseLabContext({ instructorAccount: INSTRUCTOR, instructorExternalId: secret });
    } catch (err: any) {
      message = err.message;
    }
    expect(message).toContain('-c instructorExternalId: may hold only');
    expect(message).not.toContain(secret);
    expect(() => parseLabContext({ instructorAccount: INSTRUCTOR, instructorExternalId: 'x' })).toThrow('2 to 1,224 characters');
  });

  test('the app adds the role to the lab stack from -c values', () => {
    const app = createLabApp({ context: { lab: 'streaming-ingest', instructorAccount: INSTRUCTOR, instructorExternalId: EXTERNAL_ID }, outdir: join(synth.app.outdir, 'ctx') });
    const stack = app.node.findChild('MlLab-streaming-ingest') as LabStack;
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', { RoleName: 'mllab-checker-streaming-ingest' });
  });
});
