import { cloudformationStack } from '../../../lib/teardown/kinds/cloudformation-stack';
import { awsError } from '../../support/check-harness';
import { advanceContext, listContext, resource, STACK } from './kit';

test('list: the lab stack when it exists, with its resource count; nothing once it is gone', async () => {
  expect(await cloudformationStack.list(listContext({ stack: [['AWS::S3::Bucket', 'b'], ['AWS::IAM::Role', 'r']] }))).toEqual([
    { kind: 'cloudformation:stack', name: STACK, claim: 'stack', why: '2 resources', ref: {} },
  ]);
  expect(await cloudformationStack.list(listContext())).toEqual([]);
});

test('advance destroys the stack once and is done; a second advance destroys nothing', async () => {
  const destroyStack = jest.fn(async () => {});
  const ctx = advanceContext(destroyStack);
  expect(await cloudformationStack.advance(ctx, resource('cloudformation:stack', STACK))).toEqual({ done: true });
  expect(await cloudformationStack.advance(ctx, resource('cloudformation:stack', STACK))).toEqual({ done: true });
  expect(destroyStack.mock.calls).toEqual([[STACK]]);
});

test('a deletion CloudFormation refuses is a failure for the engine to report, not done', async () => {
  const ctx = advanceContext(async () => { throw awsError('ValidationError', 'DELETE_FAILED'); });
  await expect(cloudformationStack.advance(ctx, resource('cloudformation:stack', STACK))).rejects.toMatchObject({ name: 'ValidationError' });
});
