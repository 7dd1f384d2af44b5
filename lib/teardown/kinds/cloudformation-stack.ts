import { DONE, waiting, type TeardownKindModule } from '../kind';

/** The lab stack `MlLab-<lab-id>`: destroyed through lib/deploy's toolkit, which waits until it is gone. */
export const cloudformationStack: TeardownKindModule<'cloudformation:stack'> = {
  kind: 'cloudformation:stack',
  action: 'destroy stack',
  because: 'once nothing created beside it can make its deletion fail',
  // Objects in its bucket, consumers on its stream, apps in its domain, leftovers in its VPC, saved queries in its workgroup.
  after: ['s3:objects', 'kinesis:stream-consumer', 'sagemaker:domain', 'sagemaker:studio-vpc-leftovers', 'athena:named-query', 'glue:database', 'logs:log-group', 'logs:log-stream'],
  // Its resources are priced on their own lines.
  priced: false,
  label: (r) => `stack ${r.name}`,
  list: async (ctx) => (ctx.stack ? [{ kind: 'cloudformation:stack', name: ctx.stack.name, claim: 'stack', why: `${ctx.stack.resources.length} resources`, ref: {} }] : []),
  advance: async (ctx, r) => ((await ctx.once(`destroy stack ${r.name}`, () => ctx.destroyStack(r.name))) ? DONE : waiting('busy')),
};
