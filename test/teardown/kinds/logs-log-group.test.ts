import { CloudWatchLogsClient, DeleteLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { logsLogGroup } from '../../../lib/teardown/kinds/logs-log-group';
import { awsError } from '../../support/check-harness';
import { arn, itDeletesAtOnce, itListsOnlyWhatIsClaimed, LAB_ID, LISTED, listContext, OTHER_LAB_ID, resource } from './kit';

const logs = mockClient(CloudWatchLogsClient);

beforeEach(() => {
  logs.reset();
  logs.on(DescribeLogGroupsCommand).resolves({ logGroups: LISTED.map((logGroupName) => ({ logGroupName, storedBytes: 1024 ** 3 })) });
  logs.on(DeleteLogGroupCommand).resolves({});
});

itListsOnlyWhatIsClaimed(logsLogGroup);

test("list: an endpoint's own log group goes with the lab's endpoint; a helper function's goes after the stack (another kind)", async () => {
  logs.on(DescribeLogGroupsCommand).resolves({ logGroups: ['/aws/sagemaker/Endpoints/churn-ep', '/aws/sagemaker/Endpoints/fraud-ep', '/aws/sagemaker/Endpoints/prod-ep', '/aws/lambda/MlLab-churn-lab-Fn-1'].map((logGroupName) => ({ logGroupName })) });
  const ctx = listContext({
    learnerResources: [{ kind: 'sagemaker:endpoint', name: 'churn-', match: 'prefix' }, { kind: 'sagemaker:endpoint', name: 'fraud-', match: 'prefix' }],
    tagged: { [LAB_ID]: [], [OTHER_LAB_ID]: [arn('sagemaker', 'endpoint/fraud-ep')] },
  });
  expect((await logsLogGroup.list(ctx)).map((r) => [r.name, r.why])).toEqual([['/aws/sagemaker/Endpoints/churn-ep', "log group of endpoint churn-ep (name prefix 'churn-')"]]);
});

itDeletesAtOnce({
  kind: logsLogGroup, resource: resource('logs:log-group', 'churn-1'), mocks: [logs], expected: ['DeleteLogGroup'],
  missing: () => logs.on(DeleteLogGroupCommand).rejects(awsError('ResourceNotFoundException')),
});
