// The safety core: each rule of what teardown may touch, and why.
import { Claims, parseArn, stackPhysicalIds, type ClaimsInput } from '../../lib/teardown/claims';
import { TAGGABLE } from '../../lib/teardown/kinds';

const LAB = 'churn-lab';
const arn = (service: string, resource: string) => `arn:aws:${service}:us-east-1:111122223333:${resource}`;
const stackOf = (...resources: [type: string, id: string][]) => ({
  name: `MlLab-${LAB}`,
  resources: resources.map(([ResourceType, PhysicalResourceId]) => ({ ResourceType, PhysicalResourceId, LogicalResourceId: 'R', ResourceStatus: 'CREATE_COMPLETE' as const, LastUpdatedTimestamp: new Date() })),
});

function claims(input: Partial<ClaimsInput> & { tags?: Record<string, string[]> } = {}): Claims {
  return new Claims({
    lab: { id: LAB, learnerResources: [{ kind: 'sagemaker:endpoint', name: 'churn-', match: 'prefix' }, { kind: 'kinesis:stream', name: 'churn-extra' }] },
    tagged: new Map(Object.entries(input.tags ?? {})),
    taggable: TAGGABLE,
    ...input,
  });
}

describe('parseArn', () => {
  test.each([
    ['arn:aws:sagemaker:us-east-1:1:endpoint/churn-ep', 'sagemaker', 'endpoint', 'churn-ep'],
    ['arn:aws:s3:::lab-bucket', 's3', '', 'lab-bucket'],
    ['arn:aws:logs:us-east-1:1:log-group:/aws/lambda/fn:*', 'logs', 'log-group', '/aws/lambda/fn'],
    ['arn:aws:sagemaker:us-east-1:1:user-profile/d-1/learner', 'sagemaker', 'user-profile', 'd-1/learner'],
  ])('%s', (value, service, resourceType, resourceName) => {
    expect(parseArn(value)).toMatchObject({ service, resourceType, resourceName });
  });
  test('not an ARN', () => expect(parseArn('d-lab1')).toBeUndefined());
});

test('the stack claim is the strongest: a stack resource that also carries a tag or matches a name is the stack\'s, removed with it', () => {
  const c = claims({ stack: stackOf(['AWS::SageMaker::Endpoint', 'churn-ep']), tags: { [LAB]: [arn('sagemaker', 'endpoint/churn-ep')] } });
  expect(c.of('sagemaker:endpoint', 'churn-ep')).toEqual({ claim: 'stack', why: `stack MlLab-${LAB}`, removedWithStack: true });
});

test('a stack resource named by an ARN is claimed by the name inside it', () => {
  const stack = stackOf(['AWS::SageMaker::UserProfile', arn('sagemaker', 'user-profile/d-1/learner')]);
  expect(claims({ stack }).of('sagemaker:user-profile', 'd-1/learner')).toMatchObject({ claim: 'stack' });
  expect(stackPhysicalIds(stack)).toEqual(new Set([arn('sagemaker', 'user-profile/d-1/learner'), 'd-1/learner']));
});

test('the lab\'s tag claims a resource of that kind whatever its name, in any case (SageMaker ARNs are lower-cased)', () => {
  const c = claims({ tags: { [LAB]: [arn('sagemaker', 'endpoint/fraud-tagged-ep')] } });
  expect(c.of('sagemaker:endpoint', 'Fraud-Tagged-EP')).toEqual({ claim: 'tag', why: `tag mllab:lab=${LAB}` });
  expect(c.of('sagemaker:endpoint-config', 'fraud-tagged-ep')).toBeUndefined();
  expect(c.hasTagged('sagemaker:endpoint')).toBe(true);
  expect(c.hasTagged('sagemaker:model')).toBe(false);
});

test('a name claims by exact name or by prefix, only at the start of the name, only for its kind', () => {
  const c = claims();
  expect(c.of('sagemaker:endpoint', 'churn-ep-1')).toEqual({ claim: 'name', why: "name prefix 'churn-'" });
  expect(c.of('kinesis:stream', 'churn-extra')).toEqual({ claim: 'name', why: "name 'churn-extra'" });
  for (const [kind, name] of [['sagemaker:endpoint', 'prod-churn-1'], ['kinesis:stream', 'churn-extra-2'], ['sagemaker:model', 'churn-model']] as const) {
    expect(c.of(kind, name)).toBeUndefined();
  }
});

test("a name match never overrides another lab's tag", () => {
  const c = claims({ tags: { 'fraud-lab': [arn('sagemaker', 'endpoint/churn-other'), arn('kinesis', 'stream/churn-extra')] } });
  expect(c.of('sagemaker:endpoint', 'churn-other')).toBeUndefined();
  expect(c.of('sagemaker:endpoint', 'Churn-Other')).toBeUndefined();
  expect(c.of('kinesis:stream', 'churn-extra')).toBeUndefined();
  // The guard is per kind: a name of another kind is still the lab's.
  expect(c.of('sagemaker:endpoint', 'churn-extra')).toMatchObject({ claim: 'name' });
});

describe("the stack's helper-function log groups", () => {
  const group = (labId: string) => `/aws/lambda/MlLab-${labId}-CustomS3AutoDeleteObjectsCustomResour-X1`;
  test('are claimed by the stack name they carry', () => {
    expect(claims().stackLambdaLogGroup(group(LAB))).toEqual({ claim: 'stack-name', why: `name prefix '/aws/lambda/MlLab-${LAB}-'` });
    expect(claims().stackLambdaLogGroup(`/aws/lambda/prod-MlLab-${LAB}-fn`)).toBeUndefined();
    expect(claims().stackLambdaLogGroup('/aws/lambda/MlLab-fraud-lab-fn')).toBeUndefined();
  });
  test("a lab a never claims lab a-b's, whether a-b is known to this build or found by its tag", () => {
    expect(claims({ otherLabIds: [`${LAB}-v2`] }).stackLambdaLogGroup(group(`${LAB}-v2`))).toBeUndefined();
    expect(claims({ tags: { [`${LAB}-v2`]: [] } }).stackLambdaLogGroup(group(`${LAB}-v2`))).toBeUndefined();
    expect(claims({ otherLabIds: [`${LAB}-v2`] }).stackLambdaLogGroup(group(LAB))).toMatchObject({ claim: 'stack-name' });
  });
});

describe('containers: resources whose insides are the lab\'s', () => {
  test('come from the stack and from the lab\'s tag, never from another lab\'s', () => {
    const c = claims({
      stack: stackOf(['AWS::S3::Bucket', 'lab-bucket'], ['AWS::Kinesis::Stream', 'lab-stream'], ['AWS::SageMaker::Domain', 'd-lab1'], ['AWS::Glue::Database', 'lab_db'], ['AWS::Athena::WorkGroup', 'lab-wg'], ['AWS::EC2::VPC', 'vpc-lab']),
      tags: {
        [LAB]: ['arn:aws:s3:::tagged-bucket', arn('glue', 'database/scratch_db'), arn('athena', 'workgroup/tagged-wg'), arn('kinesis', 'stream/tagged-stream'), arn('sagemaker', 'domain/d-tagged')],
        'fraud-lab': ['arn:aws:s3:::fraud-bucket', arn('sagemaker', 'domain/d-other')],
      },
    });
    const names = (type: Parameters<Claims['containers']>[0]) => [...c.containers(type)].map(([name, owner]) => `${name} ${owner.claim}`);
    expect(names('bucket')).toEqual(['lab-bucket stack', 'tagged-bucket tag']);
    expect(names('stream')).toEqual(['lab-stream stack', 'tagged-stream tag']);
    expect(names('domain')).toEqual(['d-lab1 stack', 'd-tagged tag']);
    expect(names('database')).toEqual(['lab_db stack', 'scratch_db tag']);
    expect(names('workgroup')).toEqual(['lab-wg stack', 'tagged-wg tag']);
    expect(names('vpc')).toEqual(['vpc-lab stack']);
    expect(c.unhandledTagged).toEqual([]);
  });
  test("a container's first owner stays: the stack's over a tag, and a resource a name claims opens one only when none owns it", () => {
    const c = claims({ stack: stackOf(['AWS::Kinesis::Stream', 'lab-stream']), tags: { [LAB]: [arn('kinesis', 'stream/lab-stream')] } });
    c.open('stream', 'lab-stream', { claim: 'name', why: "name 'lab-stream'" });
    c.open('stream', 'churn-extra', { claim: 'name', why: "name 'churn-extra'" });
    expect([...c.containers('stream')]).toEqual([['lab-stream', { claim: 'stack', why: `stack MlLab-${LAB}` }], ['churn-extra', { claim: 'name', why: "name 'churn-extra'" }]]);
  });
});

test('what the lab tagged but no kind handles is reported, unless the stack has it or had it; another lab\'s never is', () => {
  const c = claims({
    stack: stackOf(['AWS::IAM::Role', 'MlLab-churn-lab-Role']),
    formerStackIds: new Set(['old-topic']),
    tags: {
      [LAB]: [arn('sns', 'churn-alerts'), 'arn:aws:iam::111122223333:role/MlLab-churn-lab-Role', arn('sns', 'old-topic')],
      'fraud-lab': [arn('sns', 'fraud-alerts')],
    },
  });
  expect(c.unhandledTagged).toEqual([arn('sns', 'churn-alerts')]);
});

test('the stack\'s resources by CloudFormation type', () => {
  const c = claims({ stack: stackOf(['AWS::Glue::Crawler', 'lab-crawler'], ['AWS::Glue::Crawler', arn('glue', 'crawler/second')]) });
  expect(c.stackNames('AWS::Glue::Crawler')).toEqual(['lab-crawler', 'second']);
  expect(c.stackNames('AWS::SageMaker::Domain')).toEqual([]);
});
