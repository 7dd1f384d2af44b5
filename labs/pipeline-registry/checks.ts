// The checks of pipeline-registry, one per requirement of its manifest (lab.ts). Steps are found by
// Type and by the references between them (definition.ts), never by name, so a hand-written
// definition and one the SageMaker Python SDK emits are judged alike.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeModelPackageCommand,
  DescribePipelineCommand,
  paginateListPipelineExecutions,
  paginateListPipelineExecutionSteps,
  paginateListPipelineParametersForExecution,
  SageMakerClient,
  type DescribeModelPackageCommandOutput,
  type PipelineExecutionStep,
  type PipelineExecutionSummary,
} from '@aws-sdk/client-sagemaker';
import { isNotFound, isServiceError, KnownError } from '../../lib/aws/errors';
import { parseS3Uri } from '../../lib/check/sagemaker';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided, verdictFrom } from '../../lib/check/verdicts';
import { STACK_OUTPUTS } from '../../lib/model';
import {
  argumentsOf,
  atPath,
  comparisonOf,
  conditionsOf,
  field,
  jsonGetOf,
  parameterReference,
  parseDefinition,
  propertyFilesOf,
  referencesIn,
  shapeOf,
  show,
  stepReference,
  type Definition,
  type Gate,
  type Json,
  type Parameter,
  type Shape,
  type Step,
} from './definition';
import {
  APPROVED_STATUS,
  EXECUTIONS_READ,
  lab,
  MIN_TEST_AUC,
  MODEL_PACKAGE_GROUP,
  PIPELINE_NAME,
  PROCESSING_INSTANCE_TYPES,
  REGISTERED_STATUS,
  TRAINING_INSTANCE_TYPES,
} from './lab';

type Read = { readonly definition: Definition; readonly shape: Shape } | { readonly missing: string } | { readonly unreadable: string };

/**
 * The pipeline's definition. DescribePipeline answers an unknown name with ResourceNotFound
 * (API_DescribePipeline, Errors); every requirement reads it through the memoising client.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribePipeline.html
 */
async function readPipeline(ctx: CheckContext): Promise<Read> {
  let described;
  try {
    described = await ctx.client(SageMakerClient).send(new DescribePipelineCommand({ PipelineName: PIPELINE_NAME }));
  } catch (err) {
    if (isServiceError(err, 'ResourceNotFound') || isNotFound(err)) {
      return { missing: `No pipeline named ${PIPELINE_NAME} exists in ${ctx.region}. Create it with that name: the checker and teardown find it by it.` };
    }
    throw err;
  }
  if (described.PipelineStatus === 'Deleting') return { missing: `The pipeline ${PIPELINE_NAME} is being deleted; create it again.` };
  const definition = parseDefinition(described.PipelineDefinition);
  if ('unreadable' in definition) return { unreadable: `The pipeline ${PIPELINE_NAME} was found, but ${definition.unreadable}, so its steps cannot be judged.` };
  return { definition, shape: shapeOf(definition) };
}

type DefinitionCheck = (definition: Definition, shape: Shape) => CheckVerdict;

function onDefinition(check: DefinitionCheck): (ctx: CheckContext) => Promise<CheckVerdict> {
  return async (ctx) => {
    const read = await readPipeline(ctx);
    if ('missing' in read) return fail(read.missing);
    if ('unreadable' in read) return undecided(read.unreadable);
    return check(read.definition, read.shape);
  };
}

const names = (steps: readonly Step[]) => steps.map((s) => s.name).join(', ');
const stepsOfType = (definition: Definition, type: string) => definition.steps.filter((s) => s.type === type);

/** R1: the preprocess -> train -> evaluate chain, joined by references, with a property file at the end. */
function structureProblems(definition: Definition, shape: Shape): string[] {
  const problems: string[] = [];
  const processing = stepsOfType(definition, 'Processing');
  const training = stepsOfType(definition, 'Training');
  if (processing.length === 0) {
    problems.push('The definition has no step of Type Processing: the raw extract must be split and prepared inside the pipeline, so that every retraining starts from the same code and the same data.');
  }
  if (training.length === 0) {
    problems.push('The definition has no step of Type Training.');
  } else if (shape.training.length === 0) {
    problems.push(
      `No training step (${names(training)}) reads a processing step's output (a Get of Steps.<processing step>.ProcessingOutputConfig.Outputs[...].S3Output.S3Uri) or depends on a processing step: it trains on data this execution did not prepare, so a rerun does not reproduce the model from the raw extract.`,
    );
  }
  if (shape.training.length > 0 && shape.evaluation.length === 0) {
    problems.push(
      `No processing step reads the training step's model (Steps.${shape.training[0]!.name}.ModelArtifacts.S3ModelArtifacts): without an evaluation step nothing measures the new model on held-out data before it is registered.`,
    );
  }
  const evaluations = shape.evaluation.map((step) => ({ step, files: propertyFilesOf(step) }));
  if (evaluations.length > 0 && evaluations.every((e) => e.files.length === 0)) {
    problems.push(
      `The evaluation step ${names(shape.evaluation)} declares no PropertyFiles: a condition step can read a value from a processing step's output only through a property file (PropertyFileName, OutputName, FilePath).`,
    );
  }
  for (const { step, files } of evaluations) {
    const outputs = field(argumentsOf(step), ['ProcessingOutputConfig', 'Outputs']);
    const outputNames = Array.isArray(outputs) ? outputs.map((o) => field(o, ['OutputName'])).filter((n): n is string => typeof n === 'string') : [];
    for (const file of files) {
      if (file.outputName === undefined || !outputNames.includes(file.outputName)) {
        problems.push(
          `The property file ${file.name} of ${step.name} names the output '${file.outputName ?? '(none)'}', but the step's outputs are ${outputNames.join(', ') || 'none'}: SageMaker looks for ${file.filePath ?? 'the file'} in the named output, so the property file would never resolve.`,
        );
      }
    }
  }
  return problems;
}

/** Where each step kind sets its instance type (API_ProcessingClusterConfig, API_ResourceConfig). */
const INSTANCE_TYPE_FIELD: Record<string, { path: readonly string[]; allowed: readonly string[] }> = {
  Processing: { path: ['ProcessingResources', 'ClusterConfig', 'InstanceType'], allowed: PROCESSING_INSTANCE_TYPES },
  Training: { path: ['ResourceConfig', 'InstanceType'], allowed: TRAINING_INSTANCE_TYPES },
};

/** A comparison's metric side: a value read from a step (JsonGet, or a step property), never a parameter or a literal. */
const isMetric = (v: Json) => jsonGetOf(v) !== undefined || referencesIn(v).some((g) => stepReference(g) !== undefined);

/** Every comparison of a metric with a threshold, through Not and Or, in every condition step. */
function comparisons(definition: Definition): Gate[] {
  const out: Gate[] = [];
  const walk = (c: Json | undefined): void => {
    if (!c || typeof c !== 'object' || Array.isArray(c)) return;
    if (c.Type === 'Or' && Array.isArray(c.Conditions)) return c.Conditions.forEach(walk);
    const comparison = comparisonOf(c, isMetric);
    if ('gate' in comparison) out.push(comparison.gate);
    else if ('inverted' in comparison) out.push(comparison.inverted);
  };
  for (const step of stepsOfType(definition, 'Condition')) conditionsOf(step).forEach(walk);
  return out;
}

const gateThresholds = (definition: Definition): Json[] => comparisons(definition).map((g) => g.threshold);

/** The parameters that can be the AUC bar: compared with a metric, Float, defaulting to between MIN_TEST_AUC and 1. */
function barParameters(definition: Definition): Parameter[] {
  const names = new Set(gateThresholds(definition).map(parameterReference));
  return definition.parameters.filter((p) => names.has(p.name) && p.type === 'Float' && typeof p.defaultValue === 'number' && p.defaultValue >= MIN_TEST_AUC && p.defaultValue <= 1);
}

function parameterProblems(definition: Definition): { problems: string[]; facts: string[] } {
  const problems: string[] = [];
  const facts: string[] = [];
  const declared = new Map(definition.parameters.map((p) => [p.name, p]));
  const instanceParameters = definition.steps.flatMap((step) => {
    const where = INSTANCE_TYPE_FIELD[step.type];
    const name = where ? parameterReference(field(argumentsOf(step), where.path)) : undefined;
    return where && name ? [{ step, name, allowed: where.allowed }] : [];
  });
  if (instanceParameters.length === 0) {
    problems.push(
      'No step takes its instance type from a pipeline parameter: with the type written into the definition, running on other capacity means editing and re-creating the pipeline, and two executions can no longer be compared by their recorded parameters alone.',
    );
  }
  for (const { step, name, allowed } of instanceParameters) {
    const parameter = declared.get(name);
    if (!parameter) problems.push(`${step.name} reads Parameters.${name}, which the definition does not declare; SageMaker refuses an execution of such a definition.`);
    else if (parameter.type !== 'String') problems.push(`Parameters.${name}, the instance type of ${step.name}, is of Type ${parameter.type}; an instance type is a String parameter.`);
    else if (typeof parameter.defaultValue !== 'string' || !allowed.includes(parameter.defaultValue)) {
      problems.push(
        `Parameters.${name} (the instance type of ${step.name}) defaults to ${JSON.stringify(parameter.defaultValue ?? null)}; give it a default of ${allowed.join(' or ')}: the lab's guardrail lets a ${step.type.toLowerCase()} job start on nothing else, so an execution with the default would be refused.`,
      );
    } else facts.push(`${step.name} runs on Parameters.${name} (default ${parameter.defaultValue})`);
  }
  const thresholds = [...new Set(gateThresholds(definition).map(parameterReference).filter((n): n is string => n !== undefined))];
  if (thresholds.length === 0) {
    const literal = gateThresholds(definition).find((v) => typeof v === 'number');
    problems.push(
      literal !== undefined
        ? `The condition compares with the literal ${literal}: raising the bar then needs a new pipeline definition, and an execution does not record the bar it was held to. Declare a Float parameter for the threshold and compare with it.`
        : 'No condition step compares a metric with a pipeline parameter: declare a Float parameter for the threshold and compare the metric with it, so each execution records the bar it was held to.',
    );
    return { problems, facts };
  }
  // The bar is a Float parameter whose default holds it; other compared parameters (a row count,
  // a second metric) are the learner's own, judged only when no parameter can be the bar.
  const bars = barParameters(definition);
  if (bars.length > 0) {
    facts.push(...bars.map((p) => `the threshold is Parameters.${p.name} (Float, default ${String(p.defaultValue)})`));
    return { problems, facts };
  }
  for (const name of thresholds) {
    const parameter = declared.get(name);
    if (!parameter) problems.push(`The condition reads Parameters.${name}, which the definition does not declare.`);
    else if (parameter.type !== 'Float') {
      problems.push(`Parameters.${name}, the threshold, is of Type ${parameter.type}: an AUC threshold such as ${MIN_TEST_AUC} is a fraction, so declare it as a Float parameter (ParameterFloat).`);
    } else {
      problems.push(
        `Parameters.${name} defaults to ${JSON.stringify(parameter.defaultValue ?? null)}; the retention team accepts no model below a test AUC of ${MIN_TEST_AUC}, so the default must be between ${MIN_TEST_AUC} and 1 (an execution started without overriding it must still hold the bar).`,
      );
    }
  }
  return { problems, facts };
}

const FINAL_METRIC = /^FinalMetricDataList\b/;

/** Why the gating comparison's metric side is not the evaluation report's metric, or undefined. */
function metricProblem(gate: Gate, shape: Shape): string | undefined {
  const get = jsonGetOf(gate.metric);
  if (get) {
    const step = shape.byName.get(get.step);
    if (!step) return `The condition reads a property file of ${get.step}, which is not a step of the pipeline.`;
    if (!shape.evaluation.includes(step)) {
      return `The condition reads the property file ${get.propertyFile} of ${get.step}, which does not read the trained model: the number it compares says nothing about the model this execution trained. Read the evaluation step's property file.`;
    }
    if (!propertyFilesOf(step).some((f) => f.name === get.propertyFile)) {
      return `The condition reads the property file ${get.propertyFile}, which ${get.step} does not declare (it declares ${propertyFilesOf(step).map((f) => f.name).join(', ') || 'none'}).`;
    }
    return undefined;
  }
  const reference = referencesIn(gate.metric).map(stepReference).find((r) => r !== undefined);
  if (reference && FINAL_METRIC.test(reference.path)) {
    return (
      `The condition compares ${show(gate.metric)}, the training job's own final metric. That number is computed by the algorithm during training on its validation channel, the data used to pick the rounds and settings, so it flatters the model; ` +
      'the test split is seen by no one but your evaluation step, and what the evaluation step computes and writes is what a reviewer will find in the registry. Gate on the evaluation report: JsonGet on the evaluation step\'s property file.'
    );
  }
  return `The condition compares ${show(gate.metric)}; the gate must read the test AUC from the evaluation step's property file with JsonGet.`;
}

function gateProblems(definition: Definition, shape: Shape): { problems: string[]; facts: string[] } {
  const registers = stepsOfType(definition, 'RegisterModel');
  if (registers.length === 0) return { problems: ['The definition has no step of Type RegisterModel, so there is no registration for a condition to gate (see R4).'], facts: [] };
  const problems: string[] = [];
  const facts: string[] = [];
  for (const register of registers) {
    if (!register.branchOf) {
      problems.push(`${register.name} is a top-level step: it registers every model the pipeline trains, however poor. Place it in the IfSteps of a condition step on the evaluation metric.`);
      continue;
    }
    const condition = shape.byName.get(register.branchOf.condition)!;
    if (register.branchOf.branch === 'ElseSteps') {
      problems.push(`${register.name} is in the ElseSteps of ${condition.name}: it registers exactly the models that fail the condition.`);
      continue;
    }
    const comparisons = conditionsOf(condition).map((c) => comparisonOf(c, isMetric));
    const gates = comparisons.flatMap((c) => ('gate' in c ? [c.gate] : []));
    const good = gates.find((g) => metricProblem(g, shape) === undefined);
    if (good) {
      facts.push(`${condition.name} runs ${register.name} only when ${show(good.metric)} ${good.strict ? '>' : '>='} ${show(good.threshold)}`);
      continue;
    }
    if (gates.length > 0) {
      problems.push(metricProblem(gates[0]!, shape)!);
      continue;
    }
    const inverted = comparisons.find((c): c is { inverted: Gate } => 'inverted' in c);
    if (inverted) {
      problems.push(
        `${condition.name} lets ${register.name} run when ${show(inverted.inverted.metric)} is ${inverted.inverted.strict ? 'below' : 'at most'} ${show(inverted.inverted.threshold)}: for AUC higher is better, so this registers the weaker models. (A condition copied from an MSE example compares with LessThanOrEqualTo, because for an error lower is better.)`,
      );
      continue;
    }
    problems.push(`${condition.name} has no comparison of the evaluation metric with the threshold (found: ${comparisons.map((c) => ('other' in c ? c.other : '?')).join(', ') || 'no conditions'}); an Or or an In condition does not hold every registered model to the bar.`);
  }
  return { problems, facts };
}

/** A string argument as written, or through a String parameter's default (`{ Get: 'Parameters.X' }`). */
function resolved(value: Json | undefined, definition: Definition): { value?: Json; via?: string } {
  const name = parameterReference(value);
  if (name === undefined) return { value };
  const parameter = definition.parameters.find((p) => p.name === name);
  return { value: parameter?.defaultValue, via: `Parameters.${name}` };
}

/** The group as CreateModelPackage accepts it: its name or its ARN (API_CreateModelPackage, ModelPackageGroupName). */
const namesGroup = (value: Json | undefined) => typeof value === 'string' && (value === MODEL_PACKAGE_GROUP || value.endsWith(`:model-package-group/${MODEL_PACKAGE_GROUP}`));

function registrationProblems(definition: Definition): { problems: string[]; facts: string[] } {
  const registers = stepsOfType(definition, 'RegisterModel');
  if (registers.length === 0) {
    const models = stepsOfType(definition, 'Model');
    return {
      problems: [
        models.length > 0
          ? `The definition has a step of Type Model (${names(models)}), which creates a SageMaker model (CreateModel), not a version in the registry. Registration is a step of Type RegisterModel (the SDK's ModelStep with model.register(), or RegisterModel).`
          : 'The definition has no step of Type RegisterModel: nothing puts the trained model into the model registry.',
      ],
      facts: [],
    };
  }
  const problems: string[] = [];
  const facts: string[] = [];
  const trainingNames = new Set(stepsOfType(definition, 'Training').map((s) => s.name));
  for (const register of registers) {
    const args = argumentsOf(register);
    const group = resolved(args.ModelPackageGroupName, definition);
    if (!namesGroup(group.value)) {
      problems.push(`${register.name} registers into ${JSON.stringify(group.value ?? null)}${group.via ? ` (${group.via})` : ''}; the scenario's registry is the model package group ${MODEL_PACKAGE_GROUP}.`);
    }
    const status = resolved(args.ModelApprovalStatus, definition);
    if (status.value === APPROVED_STATUS) {
      problems.push(
        `${register.name} registers with ModelApprovalStatus Approved${status.via ? ` (${status.via})` : ''}: every model that clears the gate is then deployable at once, and a deployment rule on the registry would ship it with no one having looked. Register ${REGISTERED_STATUS} and approve after review.`,
      );
    } else if (status.value !== REGISTERED_STATUS) {
      problems.push(`${register.name} sets ModelApprovalStatus to ${JSON.stringify(status.value ?? null)}${status.via ? ` (${status.via})` : ''}; the scenario asks for ${REGISTERED_STATUS}, so that a person reviews each version before it may be deployed.`);
    }
    const metrics = args.ModelMetrics;
    const sources = referencesIn(metrics).length + (JSON.stringify(metrics ?? null).match(/"S3Uri"/g)?.length ?? 0);
    if (metrics === undefined || sources === 0) {
      problems.push(`${register.name} records no ModelMetrics: the reviewer who approves the version sees no evidence of how it performed. Point ModelMetrics.ModelQuality.Statistics at the evaluation report.`);
    }
    const model = referencesIn(args.InferenceSpecification).map(stepReference).find((r) => r && trainingNames.has(r.step) && r.path === 'ModelArtifacts.S3ModelArtifacts');
    if (!model) {
      problems.push(`${register.name}'s InferenceSpecification does not take its ModelDataUrl from a training step's ModelArtifacts.S3ModelArtifacts: the version registered would not be the model this execution trained and evaluated.`);
    } else facts.push(`${register.name} registers Steps.${model.step}'s model into ${MODEL_PACKAGE_GROUP}, ${REGISTERED_STATUS}`);
  }
  return { problems, facts };
}

/** ListPipelineExecutions returns at most 100 per page (API_ListPipelineExecutions, MaxResults). */
const PAGE_SIZE = 100;
const MAX_PAGES = 5;

export interface Registration {
  readonly execution: PipelineExecutionSummary;
  readonly steps: readonly PipelineExecutionStep[];
  readonly packageArn: string;
}

type Judged = { readonly registration: Registration } | { readonly problem: string };

async function listExecutions(ctx: CheckContext): Promise<PipelineExecutionSummary[]> {
  const out: PipelineExecutionSummary[] = [];
  let pages = 0;
  const paginator = paginateListPipelineExecutions(
    { client: ctx.client(SageMakerClient), pageSize: PAGE_SIZE },
    { PipelineName: PIPELINE_NAME, SortBy: 'CreationTime', SortOrder: 'Descending' },
  );
  for await (const page of paginator) {
    out.push(...(page.PipelineExecutionSummaries ?? []));
    if (++pages >= MAX_PAGES || out.filter((e) => e.PipelineExecutionStatus === 'Succeeded').length >= EXECUTIONS_READ) break;
  }
  return out.sort((a, b) => (b.StartTime?.getTime() ?? 0) - (a.StartTime?.getTime() ?? 0));
}

async function stepsOf(ctx: CheckContext, arn: string): Promise<PipelineExecutionStep[]> {
  const out: PipelineExecutionStep[] = [];
  for await (const page of paginateListPipelineExecutionSteps({ client: ctx.client(SageMakerClient) }, { PipelineExecutionArn: arn })) out.push(...(page.PipelineExecutionSteps ?? []));
  return out;
}

async function parametersOf(ctx: CheckContext, arn: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const page of paginateListPipelineParametersForExecution({ client: ctx.client(SageMakerClient) }, { PipelineExecutionArn: arn })) {
    for (const p of page.PipelineParameters ?? []) if (p.Name !== undefined && p.Value !== undefined) out.set(p.Name, p.Value);
  }
  return out;
}

const executionName = (e: PipelineExecutionSummary) => e.PipelineExecutionDisplayName ?? e.PipelineExecutionArn?.split('/').pop() ?? '(unnamed)';

/**
 * The registration the lab judges: from the newest Succeeded execution (of the newest
 * EXECUTIONS_READ) whose RegisterModel step created a model package (its step metadata's
 * RegisterModel.Arn) with the threshold held at the bar. A learner reruns to iterate, so the newest
 * registration is the answer they stand by.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_PipelineExecutionStepMetadata.html
 */
export async function judgedRegistration(ctx: CheckContext): Promise<Judged> {
  const read = await readPipeline(ctx);
  if ('missing' in read) return { problem: read.missing };
  if ('unreadable' in read) throw new KnownError('other', read.unreadable);
  const thresholds = new Map(barParameters(read.definition).map((p) => [p.name, p.defaultValue] as const));
  const executions = await listExecutions(ctx);
  if (executions.length === 0) return { problem: `${PIPELINE_NAME} has never been executed: start an execution (StartPipelineExecution, or pipeline.start() in the SageMaker Python SDK).` };
  const succeeded = executions.filter((e) => e.PipelineExecutionStatus === 'Succeeded').slice(0, EXECUTIONS_READ);
  if (succeeded.length === 0) {
    const latest = executions[0]!;
    const reason = latest.PipelineExecutionFailureReason ? ` Failure reason: ${latest.PipelineExecutionFailureReason}` : '';
    const waiting = latest.PipelineExecutionStatus === 'Executing' ? ' Run the check again once it has finished.' : '';
    return { problem: `None of the ${executions.length} execution(s) of ${PIPELINE_NAME} Succeeded; the newest, ${executionName(latest)}, is ${latest.PipelineExecutionStatus}.${reason}${waiting}` };
  }
  const notes: string[] = [];
  for (const execution of succeeded) {
    const arn = execution.PipelineExecutionArn!;
    const steps = await stepsOf(ctx, arn);
    const registered = steps.find((s) => s.StepStatus === 'Succeeded' && s.Metadata?.RegisterModel?.Arn);
    if (!registered) {
      const outcome = steps.find((s) => s.Metadata?.Condition?.Outcome)?.Metadata?.Condition?.Outcome;
      notes.push(
        outcome === 'False'
          ? `${executionName(execution)} Succeeded, but its condition step's outcome was False, so nothing was registered: the model did not reach the bar on the test split.`
          : `${executionName(execution)} Succeeded without a registration step that created a model package.`,
      );
      continue;
    }
    const values = await parametersOf(ctx, arn);
    const lowered = [...thresholds].map(([name, fallback]) => [name, values.has(name) ? Number(values.get(name)) : fallback] as const).find(([, v]) => typeof v !== 'number' || Number.isNaN(v) || v < MIN_TEST_AUC);
    if (lowered) {
      notes.push(`${executionName(execution)} registered a model with ${lowered[0]} = ${String(lowered[1])}: the gate was lowered below ${MIN_TEST_AUC} for that run, so its registration does not count.`);
      continue;
    }
    return { registration: { execution, steps, packageArn: registered.Metadata!.RegisterModel!.Arn! } };
  }
  return { problem: `No Succeeded execution of ${PIPELINE_NAME} among the newest ${succeeded.length} registered a model at the bar. ${notes.join(' ')}` };
}

function onRegistration(check: (registration: Registration, ctx: CheckContext) => Promise<CheckVerdict>): (ctx: CheckContext) => Promise<CheckVerdict> {
  return async (ctx) => {
    const judged = await judgedRegistration(ctx);
    if ('problem' in judged) return fail(judged.problem);
    return check(judged.registration, ctx);
  };
}

async function describePackage(ctx: CheckContext, arn: string): Promise<DescribeModelPackageCommandOutput | undefined> {
  try {
    return await ctx.client(SageMakerClient).send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
  } catch (err) {
    // A deleted version is answered with ValidationException or ResourceNotFound; the ARN came
    // from the execution's own step metadata, so no other validation error can occur.
    if (isServiceError(err, 'ResourceNotFound', 'ValidationException') || isNotFound(err)) return undefined;
    throw err;
  }
}

/** The evaluation report is a few hundred bytes; a bound keeps a mistaken pointer at a data file cheap. */
const REPORT_MAX_BYTES = 1_048_576;

async function readReport(ctx: CheckContext, uri: string): Promise<{ json: Json } | { missing: true } | { problem: string }> {
  const s3 = parseS3Uri(uri)!;
  let text: string;
  try {
    const object = await ctx.client(S3Client).send(new GetObjectCommand({ Bucket: s3.bucket, Key: s3.key, Range: `bytes=0-${REPORT_MAX_BYTES - 1}` }));
    text = (await object.Body?.transformToString()) ?? '';
  } catch (err) {
    if (isNotFound(err)) return { missing: true };
    throw err;
  }
  try {
    return { json: JSON.parse(text) as Json };
  } catch {
    return { problem: `${uri} is not a JSON document, so the registry shows the reviewer no readable metrics; point ModelQuality.Statistics at the evaluation step's JSON report.` };
  }
}

export const checks = defineChecks(lab, {
  R1: onDefinition((definition, shape) =>
    verdictFrom(structureProblems(definition, shape), [
      `${names(shape.preprocessing)} -> ${names(shape.training)} -> ${names(shape.evaluation)} (property file ${shape.evaluation.flatMap(propertyFilesOf).map((f) => f.name).join(', ')}).`,
    ]),
  ),
  R2: onDefinition((definition) => {
    const { problems, facts } = parameterProblems(definition);
    return verdictFrom(problems, [`${facts.join('; ')}.`]);
  }),
  R3: onDefinition((definition, shape) => {
    const { problems, facts } = gateProblems(definition, shape);
    return verdictFrom(problems, [`${facts.join('; ')}.`]);
  }),
  R4: onDefinition((definition) => {
    const { problems, facts } = registrationProblems(definition);
    return verdictFrom(problems, [`${facts.join('; ')}.`]);
  }),
  R5: onRegistration(async ({ execution, packageArn }) =>
    pass(`${executionName(execution)} Succeeded (started ${execution.StartTime?.toISOString() ?? '?'}) and registered ${packageArn}.`),
  ),
  R6: onRegistration(async ({ packageArn }, ctx) => {
    const described = await describePackage(ctx, packageArn);
    if (!described) return fail(`${packageArn} no longer exists: the version the execution registered was deleted. Run the pipeline again.`);
    if (described.ModelPackageGroupName !== MODEL_PACKAGE_GROUP) {
      return fail(`${packageArn} is in the group ${described.ModelPackageGroupName ?? '(none)'}, not ${MODEL_PACKAGE_GROUP}: reviewers and deployment rules watch the scenario's group only.`);
    }
    const statistics = described.ModelMetrics?.ModelQuality?.Statistics;
    if (!statistics?.S3Uri) {
      const other = Object.keys(described.ModelMetrics ?? {});
      return fail(
        `${packageArn} records no ModelMetrics.ModelQuality.Statistics${other.length ? ` (it records ${other.join(', ')})` : ''}: the model quality statistics are where the registry shows a reviewer how the version performed. Point them at the evaluation report the condition read.`,
      );
    }
    const bucket = await ctx.stackOutput(STACK_OUTPUTS.labBucketName);
    const s3 = parseS3Uri(statistics.S3Uri);
    if (!s3 || !s3.key) return fail(`ModelQuality.Statistics.S3Uri is '${statistics.S3Uri}', not an S3 object URI; it must name the evaluation report (a JSON object).`);
    if (s3.bucket !== bucket) return fail(`The evaluation report ${statistics.S3Uri} is outside the lab bucket ${bucket}; write the pipeline's outputs there, so the checker can read them and teardown removes them.`);
    if (statistics.ContentType !== 'application/json') {
      return fail(`ModelQuality.Statistics declares ContentType ${statistics.ContentType ?? '(none)'}; the report is JSON, and the registry and Studio read it by the declared type application/json.`);
    }
    const report = await readReport(ctx, statistics.S3Uri);
    if ('missing' in report) return fail(`${statistics.S3Uri}, the report ${packageArn} points to, does not exist: the version's evidence is gone. Run the pipeline again.`);
    if ('problem' in report) return fail(report.problem);
    const read = await readPipeline(ctx);
    // Only the metric compared with the AUC bar is held to it; other comparisons are the learner's own.
    const bars = 'definition' in read ? new Set(barParameters(read.definition).map((p) => p.name)) : new Set<string>();
    const gates = 'definition' in read ? comparisons(read.definition).filter((g) => bars.has(parameterReference(g.threshold) ?? '')) : [];
    const paths = gates.flatMap((g) => jsonGetOf(g.metric) ?? []);
    const values = paths.map((g) => ({ path: g.path, value: atPath(report.json, g.path) })).filter((v): v is { path: string; value: number } => typeof v.value === 'number');
    const low = values.find((v) => v.value < MIN_TEST_AUC);
    if (low) return fail(`The report ${statistics.S3Uri} gives ${low.path} = ${low.value}, below ${MIN_TEST_AUC}: the version in the registry carries evidence that it misses the bar.`);
    return pass(`${packageArn} (version ${described.ModelPackageVersion ?? '?'}) records ${statistics.S3Uri}${values.length ? `: ${values.map((v) => `${v.path} = ${v.value}`).join(', ')}` : ''}.`);
  }),
  R7: onRegistration(async ({ packageArn }, ctx) => {
    const described = await describePackage(ctx, packageArn);
    if (!described) return fail(`${packageArn} no longer exists: the version the execution registered was deleted. Run the pipeline again and approve the new version.`);
    const status = described.ModelApprovalStatus;
    if (status === APPROVED_STATUS) return pass(`${packageArn} is Approved${described.ApprovalDescription ? ` ("${described.ApprovalDescription}")` : ''}.`);
    if (status === 'Rejected') {
      return fail(`${packageArn} is Rejected: a rejected version may not be deployed. If its evaluation report satisfies you, approve it; otherwise improve the model and approve the version a new execution registers.`);
    }
    return fail(
      `${packageArn} is ${status ?? 'without an approval status'}: the pipeline registered it for review, and a person approving it (UpdateModelPackage, or the registry in Studio) is the gate between registry and production. ` +
        'SageMaker emits an EventBridge event (SageMaker Model Package State Change) on each status change, so a deployment rule can react to Approved and to nothing else.',
    );
  }),
});
