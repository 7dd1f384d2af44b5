import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { z } from 'zod';
import { allLabs, findLab } from '../../labs/index';
import { ACCOUNT_ID, ENVIRONMENT_IDS, externalIdProblem, MAX_BUDGET_USD, MIN_BUDGET_USD, type EnvironmentId } from '../model';
import { packageRoot } from '../package-root';
import { ClassStack, classHandlerSources, MAX_MAP_CONCURRENCY } from './class-stack';
import { LabStack, type LabStackOptions } from './lab-stack';
import { DEFAULT_BUDGET_USD } from './lab-budget';

export interface LabAppOptions {
  /** CDK context (`-c key=value` on the CLI): lab, env, budgetUsd, email, budgetTagFilter. */
  readonly context?: Record<string, unknown>;
  /** Where the cloud assembly goes. @default - the CDK's default (cdk.out, or the CLI's) */
  readonly outdir?: string;
}

const CONTEXT_KEYS = ['lab', 'env', 'budgetUsd', 'email', 'budgetTagFilter', 'instructorAccount', 'instructorExternalId', 'class', 'classMaxConcurrency'] as const;

// Context values from the CLI are strings; from code they may be numbers or booleans.
const numberish = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
  z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a number'),
);
const boolish = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean({ error: "must be 'true' or 'false'" }));
const BUDGET_RANGE = `must be between ${MIN_BUDGET_USD} and ${MAX_BUDGET_USD} (US dollars a month)`;
const LabContext = z
  .object({
    lab: z.string().min(1).optional(),
    env: z.enum(ENVIRONMENT_IDS).optional(),
    budgetUsd: numberish
      .pipe(z.number().min(MIN_BUDGET_USD, BUDGET_RANGE).max(MAX_BUDGET_USD, BUDGET_RANGE))
      .optional()
      .default(DEFAULT_BUDGET_USD),
    email: z.email().optional(),
    budgetTagFilter: boolish.optional().default(true),
    class: boolish.optional(),
    classMaxConcurrency: numberish.pipe(z.number().int('must be a whole number').min(1).max(MAX_MAP_CONCURRENCY)).optional(),
    instructorAccount: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().regex(ACCOUNT_ID, 'must be a 12-digit AWS account id')).optional(),
    // Never echoed: the issue is said, the value is not (it guards the instructor's access).
    instructorExternalId: z.string().superRefine((v, ctx) => {
      const problem = externalIdProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }).optional(),
  })
  .strict()
  .refine((c) => [c.lab, c.env, c.class].filter(Boolean).length <= 1, { message: 'give one of -c lab=<id>, -c env=<environment> or -c class=true, not several' })
  .refine((c) => (c.instructorAccount === undefined) === (c.instructorExternalId === undefined), {
    message: 'give both -c instructorAccount=<account id> and -c instructorExternalId=<external id> for a checker role, or neither',
  });

/** The feature flags and settings of cdk.json, so an in-process app matches `cdk synth`. */
function cdkJsonContext(): Record<string, unknown> {
  const file = JSON.parse(readFileSync(join(packageRoot(), 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return file.context ?? {};
}

/** Reads our keys out of the whole context (which also carries feature flags) with clear errors. */
export function parseLabContext(context: Record<string, unknown>): z.infer<typeof LabContext> {
  const ours = Object.fromEntries(CONTEXT_KEYS.filter((k) => context[k] !== undefined).map((k) => [k, context[k]]));
  const parsed = LabContext.safeParse(ours);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const key = i.path.join('.');
      if (key === 'instructorExternalId') return `-c ${key}: ${i.message}`;
      return key ? `-c ${key}: ${i.message} (got ${JSON.stringify(ours[key])})` : i.message;
    });
    throw new Error(`invalid CDK context: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/**
 * The aws-ml-labs CDK app with its stacks and cdk-nag's AWS Solutions checks. `bin/app.ts`,
 * the CLI's deploy and the cost model all build the app through here, so they agree.
 *   -c lab=<id>   that lab's stack   -c env=<environment>   that environment on its own
 *   -c class=true the instructor's MlLab-class stack (-c classMaxConcurrency=<n>)
 *   none of them  every lab stack, the environment-only stacks and MlLab-class
 */
export function createLabApp(options: LabAppOptions = {}): App {
  // cdk.json's flags are defaults, the CLI's -c values come next, options.context wins.
  const app = new App({
    context: cdkJsonContext(),
    ...(options.context ? { postCliContext: options.context } : {}),
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  const settings = parseLabContext(
    Object.fromEntries(CONTEXT_KEYS.map((k) => [k, app.node.tryGetContext(k) as unknown])),
  );
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

  const stackOptions: LabStackOptions = {
    budgetLimitUsd: settings.budgetUsd,
    alertEmail: settings.email,
    budgetScopedToLabTag: settings.budgetTagFilter,
    ...(settings.instructorAccount && settings.instructorExternalId
      ? { checker: { instructorAccount: settings.instructorAccount, externalId: settings.instructorExternalId } }
      : {}),
  };
  const classOptions = settings.classMaxConcurrency !== undefined ? { maxConcurrency: settings.classMaxConcurrency } : {};
  if (settings.lab) {
    const lab = findLab(settings.lab);
    if (!lab) {
      const known = allLabs().map((l) => l.id);
      throw new Error(`unknown lab '${settings.lab}'; known labs: ${known.length > 0 ? known.join(', ') : '(none registered yet)'}`);
    }
    LabStack.forLab(app, lab, stackOptions);
  } else if (settings.env) {
    LabStack.forEnvironment(app, settings.env as EnvironmentId, stackOptions);
  } else if (settings.class) {
    new ClassStack(app, classOptions);
  } else {
    for (const lab of allLabs()) LabStack.forLab(app, lab, stackOptions);
    for (const env of ENVIRONMENT_IDS) LabStack.forEnvironment(app, env, stackOptions);
    // From a checkout only: an installed package has no sources to bundle the class functions from.
    if (classHandlerSources()) new ClassStack(app, classOptions);
  }
  return app;
}
