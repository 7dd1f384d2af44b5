// Reading a SageMaker pipeline definition (DescribePipeline's PipelineDefinition, a JSON string) the
// way the service does: steps are found by their Type and by the references between them, never by
// their names, because a definition written by hand and one the SageMaker Python SDK emits name the
// same steps differently (`Evaluate` or `EvaluateChurnModel`, `Register` or `RegisterChurn-RegisterModel`).
//
// Shapes, each from the pipeline definition JSON schema or from the code of the SageMaker Python SDK
// that emits it (the schema leaves PropertyFiles and Std:JsonGet out):
// - a step: { Name, Type, Arguments, DependsOn?, PropertyFiles? }; Type is one of the SDK's
//   StepTypeEnum values ('Processing', 'Training', 'Condition', 'RegisterModel', 'Model', ...);
//   only 'RegisterModel' creates a model package ('Model' creates a SageMaker model, which the
//   SDK's ModelStep emits for model.create(); model.register() emits '<name>-RegisterModel' of Type
//   'RegisterModel', after an optional repack step of Type 'Training').
// - a reference: { Get: 'Steps.<step>.<property path>' } or { Get: 'Parameters.<name>' }.
// - a property file: { PropertyFileName, OutputName, FilePath } on a processing step.
// - JsonGet: { 'Std:JsonGet': { PropertyFile: { Get: 'Steps.<step>.PropertyFiles.<name>' }, Path } }.
// - a condition step: Arguments { Conditions: [...], IfSteps: [steps], ElseSteps: [steps] }, whose
//   nested steps are full step objects; a condition is { Type: 'GreaterThanOrEqualTo' | 'GreaterThan' |
//   'LessThan' | 'LessThanOrEqualTo' | 'Equals' | ..., LeftValue, RightValue }, { Type: 'Not', Expression },
//   or { Type: 'Or' | 'In', ... }. All conditions of the list must hold for IfSteps to run.
// https://aws-sagemaker-mlops.github.io/sagemaker-model-building-pipeline-definition-JSON-schema/
// https://docs.aws.amazon.com/sagemaker/latest/dg/build-and-manage-propertyfile.html
// https://sagemaker.readthedocs.io/en/stable/workflows/pipelines/sagemaker.workflow.pipelines.html
// (sagemaker.workflow.steps.StepTypeEnum, functions.JsonGet, properties.PropertyFile, condition_step.ConditionStep)

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Step {
  readonly name: string;
  readonly type: string;
  readonly raw: Record<string, Json>;
  /** Name of the condition step whose IfSteps (or ElseSteps) hold this step, if any. */
  readonly branchOf?: { readonly condition: string; readonly branch: 'IfSteps' | 'ElseSteps' };
}

export interface Parameter {
  readonly name: string;
  /** 'String' when the definition omits it, as the schema's StringParameter allows. */
  readonly type: string;
  readonly defaultValue?: Json;
}

export interface Definition {
  readonly steps: readonly Step[];
  readonly parameters: readonly Parameter[];
}

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The definition, or why it cannot be read (then the check could not see enough to decide). */
export function parseDefinition(text: string | undefined): Definition | { readonly unreadable: string } {
  if (text === undefined || text.trim() === '') return { unreadable: 'DescribePipeline returned no PipelineDefinition' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { unreadable: `its PipelineDefinition is not JSON (${(err as Error).message})` };
  }
  if (!isObject(json) || !Array.isArray(json.Steps)) return { unreadable: 'its PipelineDefinition has no Steps array' };
  const steps: Step[] = [];
  const visit = (list: Json[], branchOf?: Step['branchOf']): void => {
    for (const s of list) {
      if (!isObject(s) || typeof s.Name !== 'string' || typeof s.Type !== 'string') continue;
      steps.push({ name: s.Name, type: s.Type, raw: s, ...(branchOf ? { branchOf } : {}) });
      const args = s.Arguments;
      if (s.Type === 'Condition' && isObject(args)) {
        for (const branch of ['IfSteps', 'ElseSteps'] as const) {
          const nested = args[branch];
          if (Array.isArray(nested)) visit(nested, { condition: s.Name, branch });
        }
      }
    }
  };
  visit(json.Steps);
  const parameters: Parameter[] = (Array.isArray(json.Parameters) ? json.Parameters : []).filter(isObject).flatMap((p) =>
    typeof p.Name === 'string' ? [{ name: p.Name, type: typeof p.Type === 'string' ? p.Type : 'String', ...(p.DefaultValue !== undefined ? { defaultValue: p.DefaultValue } : {}) }] : [],
  );
  return { steps, parameters };
}

/** Every `Get` expression inside a value (a step's Arguments, a condition operand), in document order. */
export function referencesIn(value: Json | undefined): string[] {
  const out: string[] = [];
  const walk = (v: Json | undefined): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) {
      if (typeof v.Get === 'string') out.push(v.Get);
      for (const [k, child] of Object.entries(v)) if (k !== 'Get') walk(child);
    }
  };
  walk(value);
  return out;
}

/** `Steps.<name>.<rest>` -> its parts. Step names are `[A-Za-z0-9_-]*` (the schema's StepName). */
export function stepReference(get: string): { readonly step: string; readonly path: string } | undefined {
  const match = /^Steps\.([A-Za-z0-9_-]+)\.(.+)$/.exec(get);
  return match ? { step: match[1]!, path: match[2]! } : undefined;
}

/** `Parameters.<name>` -> the name. */
export function parameterReference(value: Json | undefined): string | undefined {
  if (!isObject(value) || typeof value.Get !== 'string') return undefined;
  const match = /^Parameters\.(.+)$/.exec(value.Get);
  return match?.[1];
}

/** The steps that `step` reads a property of, with the property paths. */
function readsOf(step: Step): { step: string; path: string }[] {
  return referencesIn(step.raw.Arguments).flatMap((get) => stepReference(get) ?? []);
}

function dependsOn(step: Step): string[] {
  return Array.isArray(step.raw.DependsOn) ? step.raw.DependsOn.filter((d): d is string => typeof d === 'string') : [];
}

/** A processing output read by reference: `ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri` (either quote). */
const PROCESSING_OUTPUT = /^ProcessingOutputConfig\.Outputs\[/;
const MODEL_ARTEFACTS = /^ModelArtifacts\.S3ModelArtifacts$/;

export interface PropertyFile {
  readonly name: string;
  readonly outputName?: string;
  readonly filePath?: string;
}

export function propertyFilesOf(step: Step): PropertyFile[] {
  const files = step.raw.PropertyFiles;
  return (Array.isArray(files) ? files : []).filter(isObject).flatMap((f) =>
    typeof f.PropertyFileName === 'string'
      ? [{ name: f.PropertyFileName, ...(typeof f.OutputName === 'string' ? { outputName: f.OutputName } : {}), ...(typeof f.FilePath === 'string' ? { filePath: f.FilePath } : {}) }]
      : [],
  );
}

export interface Shape {
  readonly byName: ReadonlyMap<string, Step>;
  /** Training steps that read a processing step's output (or depend on one). */
  readonly training: readonly Step[];
  /** Processing steps that feed a training step. */
  readonly preprocessing: readonly Step[];
  /** Processing steps that read a training step's model artefacts. */
  readonly evaluation: readonly Step[];
}

/** The pipeline's steps by role, found by Type and references only. */
export function shapeOf(definition: Definition): Shape {
  const byName = new Map(definition.steps.map((s) => [s.name, s]));
  const ofType = (step: string | undefined, type: string) => step !== undefined && byName.get(step)?.type === type;
  const training = definition.steps.filter(
    (s) => s.type === 'Training' && (readsOf(s).some((r) => ofType(r.step, 'Processing') && PROCESSING_OUTPUT.test(r.path)) || dependsOn(s).some((d) => ofType(d, 'Processing'))),
  );
  const trainingNames = new Set(training.map((t) => t.name));
  const preprocessing = definition.steps.filter((p) => p.type === 'Processing' && training.some((t) => readsOf(t).some((r) => r.step === p.name) || dependsOn(t).includes(p.name)));
  const evaluation = definition.steps.filter((s) => s.type === 'Processing' && readsOf(s).some((r) => trainingNames.has(r.step) && MODEL_ARTEFACTS.test(r.path)));
  return { byName, training, preprocessing, evaluation };
}

/** A JsonGet operand: which step's property file it reads, at which path. */
export interface JsonGetOperand {
  readonly step: string;
  readonly propertyFile: string;
  readonly path: string;
}

export function jsonGetOf(value: Json | undefined): JsonGetOperand | undefined {
  if (!isObject(value) || !isObject(value['Std:JsonGet'])) return undefined;
  const get = value['Std:JsonGet'];
  const file = get.PropertyFile;
  const reference = isObject(file) && typeof file.Get === 'string' ? stepReference(file.Get) : undefined;
  const match = reference ? /^PropertyFiles\.(.+)$/.exec(reference.path) : null;
  if (!reference || !match || typeof get.Path !== 'string') return undefined;
  return { step: reference.step, propertyFile: match[1]!, path: get.Path };
}

/** A comparison `metric >= threshold` (or `>`) read from a condition, however it is spelled. */
export interface Gate {
  readonly metric: Json;
  readonly threshold: Json;
  readonly strict: boolean;
}

export type Comparison = { readonly gate: Gate } | { readonly inverted: Gate } | { readonly other: string };

/**
 * Normalises one condition to "left is at least right": GreaterThanOrEqualTo(a, b) and
 * LessThanOrEqualTo(b, a) say the same, and so does Not(LessThan(a, b)). `metricSide` decides which
 * operand is the metric (the other is the threshold); a comparison in the other direction is
 * reported as `inverted`.
 */
export function comparisonOf(condition: Json, isMetric: (v: Json) => boolean): Comparison {
  if (!isObject(condition) || typeof condition.Type !== 'string') return { other: 'not a condition object' };
  if (condition.Type === 'Not') {
    const inner = comparisonOf(condition.Expression ?? null, isMetric);
    if ('gate' in inner) return { inverted: { ...inner.gate, strict: !inner.gate.strict } };
    if ('inverted' in inner) return { gate: { ...inner.inverted, strict: !inner.inverted.strict } };
    return inner;
  }
  const { LeftValue: left = null, RightValue: right = null } = condition;
  const atLeast: Record<string, { lower: 'left' | 'right'; strict: boolean }> = {
    GreaterThanOrEqualTo: { lower: 'right', strict: false },
    GreaterThan: { lower: 'right', strict: true },
    LessThanOrEqualTo: { lower: 'left', strict: false },
    LessThan: { lower: 'left', strict: true },
  };
  const order = atLeast[condition.Type];
  if (!order) return { other: condition.Type };
  const [high, low] = order.lower === 'right' ? [left, right] : [right, left];
  if (isMetric(high)) return { gate: { metric: high, threshold: low, strict: order.strict } };
  if (isMetric(low)) return { inverted: { metric: low, threshold: high, strict: order.strict } };
  return { other: condition.Type };
}

/** The conditions of a condition step (all must hold for its IfSteps to run). */
export function conditionsOf(step: Step): Json[] {
  const args = step.raw.Arguments;
  return isObject(args) && Array.isArray(args.Conditions) ? args.Conditions : [];
}

/** A value of the definition as a learner would read it in a finding. */
export function show(value: Json | undefined): string {
  if (isObject(value) && typeof value.Get === 'string') return value.Get;
  const get = jsonGetOf(value ?? null);
  if (get) return `JsonGet(Steps.${get.step}.PropertyFiles.${get.propertyFile}, '${get.path}')`;
  return JSON.stringify(value);
}

export function argumentsOf(step: Step): Record<string, Json> {
  return isObject(step.raw.Arguments) ? step.raw.Arguments : {};
}

/** A nested field of a JSON object (`['ProcessingResources', 'ClusterConfig', 'InstanceType']`). */
export function field(value: Json | undefined, path: readonly string[]): Json | undefined {
  let v: Json | undefined = value;
  for (const key of path) v = isObject(v) ? v[key] : undefined;
  return v;
}

/**
 * A value at a simple JSONPath (`binary_classification_metrics.auc.value`, `$.metrics['auc']`,
 * `scores[0]`), the forms JsonGet paths take; undefined when the path does not resolve.
 */
export function atPath(document: Json, path: string): Json | undefined {
  const parts = path.replace(/^\$\.?/, '').match(/[^.[\]'"]+/g) ?? [];
  let v: Json | undefined = document;
  for (const part of parts) {
    if (Array.isArray(v) && /^\d+$/.test(part)) v = v[Number(part)];
    else v = isObject(v) ? v[part] : undefined;
  }
  return v;
}
