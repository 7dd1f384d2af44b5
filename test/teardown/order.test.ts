// The registry of kinds and the order computed from what each declares it comes `after`.
import { KINDS, type TeardownKind } from '../../lib/teardown/kinds';
import { KIND_DEPENDENCIES, KIND_ORDER, orderKinds, STACK_STEP, stepOf } from '../../lib/teardown/order';

const kinds = Object.keys(KINDS) as TeardownKind[];
const before = (a: TeardownKind, b: TeardownKind) => KIND_ORDER.indexOf(a) < KIND_ORDER.indexOf(b);

test('every key of the registry names its own module, and every ARN type belongs to one kind', () => {
  for (const k of kinds) expect(KINDS[k].kind).toBe(k);
  const arnTypes = kinds.map((k) => KINDS[k].arnType).filter(Boolean);
  expect(new Set(arnTypes).size).toBe(arnTypes.length);
});

test('the steps the plan shows are those the dependencies give (the plan format and the order the scenario tests assert)', () => {
  // Today's steps; a new kind may join a step or come after the stack's helper log groups, but moves none of these.
  const steps: Record<number, readonly TeardownKind[]> = {
    1: ['sagemaker:monitoring-schedule'],
    2: ['sagemaker:hyper-parameter-tuning-job', 'sagemaker:processing-job', 'sagemaker:training-job', 'sagemaker:transform-job'],
    3: ['sagemaker:endpoint'],
    4: ['sagemaker:endpoint-config'],
    5: ['sagemaker:model', 'sagemaker:model-package-group', 'sagemaker:pipeline'],
    6: ['sagemaker:notebook-instance'],
    7: ['sagemaker:app', 'sagemaker:space', 'sagemaker:user-profile'],
    8: ['sagemaker:domain', 'sagemaker:studio-vpc-leftovers'],
    9: ['kinesis:stream-consumer'],
    10: ['firehose:delivery-stream', 'kinesis:stream'],
    11: ['athena:named-query', 'glue:crawler', 'glue:job', 'glue:table'],
    12: ['glue:database', 'logs:log-group', 'logs:log-stream', 's3:objects'],
    13: ['cloudformation:stack'],
    14: ['logs:stack-lambda-log-group'],
  };
  for (const [step, inStep] of Object.entries(steps)) for (const k of inStep) expect(`${k} ${stepOf(k)}`).toBe(`${k} ${step}`);
  expect(STACK_STEP).toBe(13);
  // Within a step, by name: the plan's rows keep their order.
  expect(KIND_ORDER.filter((k) => stepOf(k) === 12)).toEqual(steps[12]);
});

test('the order keeps what AWS enforces', () => {
  // Apps before spaces before user profiles: one step, the domain's clean-up keeps that order.
  expect(before('sagemaker:app', 'sagemaker:space') && before('sagemaker:space', 'sagemaker:user-profile')).toBe(true);
  expect(stepOf('sagemaker:endpoint-config')).toBeGreaterThan(stepOf('sagemaker:endpoint'));
  expect(stepOf('sagemaker:model')).toBeGreaterThan(stepOf('sagemaker:endpoint-config'));
  for (const inside of ['sagemaker:app', 'sagemaker:space', 'sagemaker:user-profile'] as const) expect(stepOf('sagemaker:domain')).toBeGreaterThan(stepOf(inside));
  // The NFS groups go beside the domain: their clean-up waits by itself until the domain is gone.
  expect(stepOf('sagemaker:studio-vpc-leftovers')).toBe(stepOf('sagemaker:domain'));
  expect(stepOf('kinesis:stream')).toBeGreaterThan(stepOf('kinesis:stream-consumer'));
  expect(stepOf('glue:database')).toBeGreaterThan(stepOf('glue:table'));
  expect(stepOf('logs:stack-lambda-log-group')).toBeGreaterThan(STACK_STEP);
});

// A kind that fails this declares the kind it keeps from deletion in `before` (at least the stack).
test('the stack comes after everything created beside it, by declared dependencies, and only its helper log groups after it', () => {
  const ancestors = new Set<TeardownKind>();
  const visit = (k: TeardownKind) => KIND_DEPENDENCIES[k].forEach((d) => ancestors.has(d) || (ancestors.add(d), visit(d)));
  visit('cloudformation:stack');
  expect(kinds.filter((k) => !ancestors.has(k)).sort()).toEqual(['cloudformation:stack', 'logs:stack-lambda-log-group']);
});

describe('orderKinds', () => {
  test('ties go to the lower step, then the name, whatever the registry order', () => {
    const graph = { b: { after: [] }, a: { after: [] }, c: { after: ['b'] } };
    expect(orderKinds(graph)).toMatchObject({ order: ['a', 'b', 'c'], step: { a: 1, b: 1, c: 2 } });
    expect(orderKinds({ c: graph.c, a: graph.a, b: graph.b }).order).toEqual(['a', 'b', 'c']);
  });
  test('a dependency inside one group adds no step, but keeps the order', () => {
    const group = {};
    expect(orderKinds({ z: { after: [], group }, y: { after: ['z'], group }, x: { after: ['y'] } })).toMatchObject({ order: ['z', 'y', 'x'], step: { z: 1, y: 1, x: 2 } });
  });
  test('`before` is the same edge declared by the kind that comes first (a kind added later)', () => {
    expect(orderKinds({ old: { after: [] }, added: { after: [], before: ['old'] } })).toEqual({ order: ['added', 'old'], step: { added: 1, old: 2 }, dependencies: { old: ['added'], added: [] } });
  });
  test('an unknown dependency is a programming error', () => {
    expect(() => orderKinds({ a: { after: ['s3:bucket'] } })).toThrow('teardown kind a comes after s3:bucket, which is not a registered kind');
    expect(() => orderKinds({ a: { after: [], before: ['s3:bucket'] } })).toThrow('teardown kind a comes before s3:bucket, which is not a registered kind');
  });
  test('a cycle is a programming error', () => {
    expect(() => orderKinds({ a: { after: ['c'] }, b: { after: ['a'] }, c: { after: ['b'] } })).toThrow('teardown kinds come after each other in a cycle: a -> c -> b -> a');
  });
});
