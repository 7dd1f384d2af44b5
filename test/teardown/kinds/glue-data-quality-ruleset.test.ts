import { DeleteDataQualityRulesetCommand, GlueClient, ListDataQualityRulesetsCommand } from '@aws-sdk/client-glue';
import { mockClient } from 'aws-sdk-client-mock';
import { glueDataQualityRuleset } from '../../../lib/teardown/kinds/glue-data-quality-ruleset';
import { awsError } from '../../support/check-harness';
import { advanceContext, itDeletesAtOnce, itListsOnlyWhatIsClaimed, LISTED, resource } from './kit';

const glue = mockClient(GlueClient);

beforeEach(() => {
  glue.reset();
  // Two pages, so the listing follows NextToken.
  glue.on(ListDataQualityRulesetsCommand).callsFake((i) =>
    i.NextToken ? { Rulesets: LISTED.slice(2).map((Name) => ({ Name })) } : { Rulesets: LISTED.slice(0, 2).map((Name) => ({ Name })), NextToken: 'page-2' });
  glue.on(DeleteDataQualityRulesetCommand).resolves({});
});

itListsOnlyWhatIsClaimed(glueDataQualityRuleset);

itDeletesAtOnce({
  kind: glueDataQualityRuleset,
  resource: resource('glue:data-quality-ruleset', 'churn-1'),
  mocks: [glue],
  expected: ['DeleteDataQualityRuleset'],
  missing: () => glue.on(DeleteDataQualityRulesetCommand).rejects(awsError('EntityNotFoundException')),
});

test('deletes by the stated name', async () => {
  await glueDataQualityRuleset.advance(advanceContext(), resource('glue:data-quality-ruleset', 'loans-quality'));
  expect(glue).toHaveReceivedCommandWith(DeleteDataQualityRulesetCommand, { Name: 'loans-quality' });
});
