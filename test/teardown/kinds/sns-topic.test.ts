import { DeleteTopicCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { snsTopic } from '../../../lib/teardown/kinds/sns-topic';
import { awsError } from '../../support/check-harness';
import { arn, itDeletesAtOnce, LISTED, listContext, resource } from './kit';

const sns = mockClient(SNSClient);

beforeEach(() => {
  sns.reset();
  // Two pages, as ListTopics pages by 100 (API_ListTopics).
  sns.on(ListTopicsCommand).callsFake((i) =>
    i.NextToken ? { Topics: LISTED.slice(3).map((n) => ({ TopicArn: arn('sns', n) })) } : { Topics: LISTED.slice(0, 3).map((n) => ({ TopicArn: arn('sns', n) })), NextToken: 'page-2' },
  );
  sns.on(DeleteTopicCommand).resolves({});
});

test('list claims the topics whose names the lab declares (by prefix), over every page, with the ARN to delete', async () => {
  const found = await snsTopic.list(listContext({ learnerResources: [{ kind: 'sns:topic', name: 'churn-', match: 'prefix' }] }));
  expect(found.map((r) => [r.name, r.ref.arn, r.claim])).toEqual([
    ['churn-1', arn('sns', 'churn-1'), 'name'],
    ['churn-other', arn('sns', 'churn-other'), 'name'],
  ]);
  expect(found[0]!.costPerHourUsd).toBe(0);
});

test('list claims an exact name only, not another topic that starts with it', async () => {
  const found = await snsTopic.list(listContext({ learnerResources: [{ kind: 'sns:topic', name: 'prod-1' }] }));
  expect(found.map((r) => r.name)).toEqual(['prod-1']);
});

test('a lab that declares no topic lists nothing and makes no SNS call', async () => {
  expect(await snsTopic.list(listContext({ learnerResources: [{ kind: 'sagemaker:endpoint', name: 'churn-1' }] }))).toEqual([]);
  expect(sns.calls()).toHaveLength(0);
});

test('a topic is deleted only after the endpoints that publish to it', () => {
  expect(snsTopic.after).toContain('sagemaker:endpoint');
});

// SNS answers DeleteTopic of a missing topic without an error; a NotFoundException is gone as well.
itDeletesAtOnce({
  kind: snsTopic,
  resource: resource('sns:topic', 'churn-1', { arn: arn('sns', 'churn-1') }),
  mocks: [sns],
  expected: ['DeleteTopic'],
  missing: () => sns.on(DeleteTopicCommand).rejects(awsError('NotFoundException', 'Topic does not exist', 404)),
});
