import { CloudWatchLogsClient, DeleteLogStreamCommand, DescribeLogGroupsCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { logsLogStream } from '../../../lib/teardown/kinds/logs-log-stream';
import { awsError } from '../../support/check-harness';
import { itDeletesAtOnce, listContext, resource } from './kit';

const logs = mockClient(CloudWatchLogsClient);
const STREAMS: Record<string, string[]> = {
  '/aws/sagemaker/TrainingJobs': ['churn-train-1/algo-1', 'churn-trainer/algo-1', 'prod-churn-train-1/algo-1'],
  '/aws-glue/crawlers': ['lab-crawler', 'prod-crawler'],
};

beforeEach(() => {
  logs.reset();
  logs.on(DescribeLogGroupsCommand).resolves({ logGroups: Object.keys(STREAMS).map((logGroupName) => ({ logGroupName })) });
  logs.on(DescribeLogStreamsCommand).callsFake((i) => ({ logStreams: STREAMS[i.logGroupName]!.filter((s) => s.startsWith(i.logStreamNamePrefix ?? '')).map((logStreamName) => ({ logStreamName })) }));
  logs.on(DeleteLogStreamCommand).resolves({});
});

test("list: the lab's streams in the shared service groups, by the names the lab gives and its stack's, never the groups or anyone else's streams", async () => {
  const ctx = listContext({ learnerResources: [{ kind: 'sagemaker:training-job', name: 'churn-train-', match: 'prefix' }], stack: [['AWS::Glue::Crawler', 'lab-crawler']] });
  expect((await logsLogStream.list(ctx)).map((r) => [r.ref.logGroup, r.name])).toEqual([
    ['/aws/sagemaker/TrainingJobs', 'churn-train-1/algo-1'],
    ['/aws-glue/crawlers', 'lab-crawler'],
  ]);
  // Groups that do not exist in the region are not read.
  expect(logs.commandCalls(DescribeLogStreamsCommand).map((c) => c.args[0].input.logGroupName)).toEqual(['/aws/sagemaker/TrainingJobs', '/aws-glue/crawlers']);
});

// Only the lab's stream: the shared group stays.
itDeletesAtOnce({
  kind: logsLogStream, resource: resource('logs:log-stream', 'lab-crawler', { logGroup: '/aws-glue/crawlers' }), mocks: [logs], expected: ['DeleteLogStream'],
  missing: () => logs.on(DeleteLogStreamCommand).rejects(awsError('ResourceNotFoundException')),
});
