import type { TeardownKindModule } from '../kind';
import { deleteLogGroup, ownedLogGroups } from './logs';

/**
 * `/aws/lambda/MlLab-<lab-id>-...`: the log group Lambda creates at run time for a helper function
 * of the stack (bucket auto-delete, default-security-group restriction). The stack does not own it.
 */
export const logsStackLambdaLogGroup: TeardownKindModule<'logs:stack-lambda-log-group'> = {
  kind: 'logs:stack-lambda-log-group',
  action: 'delete',
  because: 'after the stack: its helper Lambdas log while CloudFormation deletes it, and Lambda creates their log groups again until then',
  after: ['cloudformation:stack'],
  // One the lab claims otherwise (its tag, a name it declares) is a plain log group of the lab.
  list: (ctx) => ownedLogGroups(ctx, 'logs:stack-lambda-log-group', (name) => (ctx.claims.of('logs:log-group', name) ? undefined : ctx.claims.stackLambdaLogGroup(name))),
  advance: deleteLogGroup,
};
