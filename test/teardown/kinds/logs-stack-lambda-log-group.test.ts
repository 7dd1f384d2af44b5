import { CloudWatchLogsClient, DeleteLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { logsStackLambdaLogGroup } from '../../../lib/teardown/kinds/logs-stack-lambda-log-group';
import { awsError } from '../../support/check-harness';
import { arnFor, itDeletesAtOnce, LAB_ID, listContext, resource } from './kit';

const logs = mockClient(CloudWatchLogsClient);
const HELPER = '/aws/lambda/MlLab-churn-lab-CustomS3AutoDeleteObjectsCustomResour-Aut0De1ete';

beforeEach(() => {
  logs.reset();
  const groups = [HELPER, '/aws/lambda/MlLab-churn-lab-v2-CustomS3AutoDelete-V2', '/aws/lambda/MlLab-churn-lab-Tagged-1', '/aws/lambda/prod-MlLab-churn-lab-fn', '/aws/lambda/MlLab-fraud-lab-Fn'];
  logs.on(DescribeLogGroupsCommand).resolves({ logGroups: groups.map((logGroupName) => ({ logGroupName, storedBytes: 0 })) });
  logs.on(DeleteLogGroupCommand).resolves({});
});

test("list: the stack's helper-function log groups, not a longer lab id's, not one the lab claims otherwise, not a look-alike", async () => {
  const ctx = listContext({ tagged: { [LAB_ID]: [arnFor('logs:log-group', '/aws/lambda/MlLab-churn-lab-Tagged-1')], 'churn-lab-v2': [] } });
  expect((await logsStackLambdaLogGroup.list(ctx)).map((r) => [r.name, r.claim, r.why])).toEqual([[HELPER, 'stack-name', "name prefix '/aws/lambda/MlLab-churn-lab-'"]]);
});

itDeletesAtOnce({
  kind: logsStackLambdaLogGroup, resource: resource('logs:stack-lambda-log-group', HELPER), mocks: [logs], expected: ['DeleteLogGroup'],
  missing: () => logs.on(DeleteLogGroupCommand).rejects(awsError('ResourceNotFoundException')),
});
