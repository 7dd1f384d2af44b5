import { DeleteDataQualityRulesetCommand, paginateListDataQualityRulesets } from '@aws-sdk/client-glue';
import { collect } from '../../aws';
import { claimed, deleteOnce, free, type TeardownKindModule } from '../kind';

/**
 * AWS Glue Data Quality rulesets the lab names. A ruleset is a stored DQDL text: it bills nothing
 * by itself (evaluation runs bill DPU time while they run, and end by themselves), and its results
 * stay in Glue's history. DeleteDataQualityRuleset is synchronous and answers EntityNotFoundException
 * for a name that is gone. Resource type `dataQualityRuleset`:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsglue.html
 */
const KIND = 'glue:data-quality-ruleset';

export const glueDataQualityRuleset: TeardownKindModule<'glue:data-quality-ruleset'> = {
  kind: 'glue:data-quality-ruleset',
  action: 'delete',
  because: 'a stored rule text that nothing else depends on; its evaluation runs end by themselves',
  after: [],
  // A ruleset the learner created is no part of the stack, and targets a table of its database: gone first.
  before: ['cloudformation:stack'],
  arnType: 'glue:dataQualityRuleset',
  // Only a lab that names a ruleset, or tagged one, has any: the others never list the account's.
  list: async (ctx) => {
    if (!(ctx.lab.learnerResources ?? []).some((l) => l.kind === KIND) && !ctx.claims.hasTagged(KIND)) return [];
    return claimed(ctx, KIND,
      await collect(paginateListDataQualityRulesets({ client: ctx.clients.glue }, {}), (p) => p.Rulesets),
      (r) => r.Name!, () => free('a stored ruleset; evaluation runs bill per DPU-hour while they run'));
  },
  advance: deleteOnce({
    notFound: 'EntityNotFoundException',
    label: (r) => `DeleteDataQualityRuleset ${r.name}`,
    send: (ctx, r) => ctx.clients.glue.send(new DeleteDataQualityRulesetCommand({ Name: r.name })),
  }),
};
