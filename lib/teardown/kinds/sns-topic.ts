// How a lab declares it: `learnerResources: [{ kind: 'sns:topic', name: '<topic name>' }]`, or
// `{ kind: 'sns:topic', name: '<prefix>', match: 'prefix' }` for every topic of the region whose name
// (the last part of its ARN) starts with the prefix. Nothing is listed, and no SNS call is made, for
// a lab that declares no topic. Deleting a topic deletes its subscriptions, and SNS answers a delete
// of a topic that is already gone without an error.
// https://docs.aws.amazon.com/sns/latest/api/API_DeleteTopic.html
import { DeleteTopicCommand, paginateListTopics } from '@aws-sdk/client-sns';
import { collect } from '../../aws';
import { claimed, deleteOnce, free, type TeardownKindModule } from '../kind';

/** `arn:aws:sns:us-east-1:111122223333:name` -> `name`. */
const topicName = (arn: string): string => arn.slice(arn.lastIndexOf(':') + 1);

export const snsTopic: TeardownKindModule<'sns:topic'> = {
  kind: 'sns:topic',
  action: 'delete',
  because: 'a notification topic the learner created; an endpoint that still names it would publish to it',
  // What publishes to it (an asynchronous endpoint's notifications) goes first.
  after: ['sagemaker:endpoint'],
  // A topic the learner created is no part of the stack: gone before the stack is destroyed.
  before: ['cloudformation:stack'],
  list: async (ctx) => {
    if (!(ctx.lab.learnerResources ?? []).some((l) => l.kind === 'sns:topic')) return [];
    const topics = await collect(paginateListTopics({ client: ctx.clients.sns }, {}), (p) => p.Topics);
    return claimed(ctx, 'sns:topic', topics.filter((t) => t.TopicArn), (t) => topicName(t.TopicArn!), (t) => ({
      ref: { arn: t.TopicArn! },
      ...free('no hourly charge; billed per request and delivery'),
    }));
  },
  advance: deleteOnce({
    notFound: 'NotFoundException',
    label: (r) => `DeleteTopic ${r.name}`,
    send: (ctx, r) => ctx.clients.sns.send(new DeleteTopicCommand({ TopicArn: r.ref.arn })),
  }),
};
