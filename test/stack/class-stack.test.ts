// MlLab-class: the instructor's stack, synthesised once (its functions bundled by esbuild as `cdk
// synth` bundles them), asserted with aws-cdk-lib/assertions, its state machine definition
// validated with asl-validator, cdk-nag and CloudFormation validation clean.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ClassStack, CHILD_RETRY, RETRIED_ERRORS } from '../../lib/stack/class-stack';
import { synthApp } from './fixtures';

/** A reference in the definition, as a value a real deployment would put there. */
function standIn(ref: any): string {
  if (ref.Ref === 'AWS::Partition') return 'aws';
  if (ref['Fn::GetAtt']?.[1] === 'Arn') return `arn:aws:lambda:us-east-1:111122223333:function:${ref['Fn::GetAtt'][0]}`;
  if (ref.Ref) return `mllab-class-${String(ref.Ref).toLowerCase()}`;
  throw new Error(`unexpected reference ${JSON.stringify(ref)}`);
}

let synth: ReturnType<typeof synthApp>;
let template: Template;
let definition: any;
beforeAll(() => {
  synth = synthApp();
  const stack = new ClassStack(synth.app, { maxConcurrency: 500, toleratedFailurePercentage: 5 });
  synth.app.synth();
  template = Template.fromStack(stack);
  const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as any[];
  // The definition is a Fn::Join of text and references; each reference becomes a stand-in string value.
  definition = JSON.parse(machine.Properties.DefinitionString['Fn::Join'][1].map((p: unknown) => (typeof p === 'string' ? p : standIn(p))).join(''));
}, 240_000);
afterAll(() => synth.cleanUp());

// asl-validator has no type declarations: it is a function of the definition.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const aslValidator = require('asl-validator') as (definition: unknown) => { isValid: boolean; errors: unknown[]; errorsText: (sep?: string) => string };

test('the AWS Solutions checks and CloudFormation validation report no errors', () => {
  expect(synth.validationErrors()).toEqual([]);
});

test('the state machine definition is valid Amazon States Language (asl-validator)', () => {
  const result = aslValidator(definition);
  expect({ isValid: result.isValid, errors: result.errorsText('\n') }).toEqual({ isValid: true, errors: '' });
  // The validator does reject a broken one: a Map child that names no first state.
  const broken = JSON.parse(JSON.stringify(definition));
  delete broken.States.EachLearner.ItemProcessor.StartAt;
  expect(aslValidator(broken).isValid).toBe(false);
});

test('a Distributed Map reads the roster CSV from the class bucket (key from the execution input) and writes its results there', () => {
  const map = definition.States[definition.StartAt];
  expect(map).toMatchObject({
    Type: 'Map',
    ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
    ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Parameters: { 'Key.$': '$.rosterKey' } },
    ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Prefix: 'results' } },
    ItemSelector: { 'lab.$': '$.lab', 'learner.$': '$$.Map.Item.Value' },
    MaxConcurrency: 500,
    ToleratedFailurePercentage: 5,
  });
  expect(map.ItemReader.Parameters.Bucket).toBe(map.ResultWriter.Parameters.Bucket);
  expect(map.Next).toBe('BuildTheScoreboard');
  expect(definition.States.BuildTheScoreboard.Parameters['resultWriterDetails.$']).toBe('$.mapRun.ResultWriterDetails');
});

test('each child invokes the check function once per learner and retries throttling with exponential backoff and full jitter', () => {
  const child = definition.States.EachLearner.ItemProcessor.States.CheckOneLearner;
  expect(child.Resource).toMatch(/function:CheckLearner/);
  expect(child.Retry).toEqual([
    { ErrorEquals: [...RETRIED_ERRORS], IntervalSeconds: CHILD_RETRY.interval.toSeconds(), MaxAttempts: CHILD_RETRY.maxAttempts, BackoffRate: CHILD_RETRY.backoffRate, JitterStrategy: 'FULL' },
  ]);
});

test('the check function may assume only roles named like the learners\' checker roles, and read the external id secret', () => {
  const [role] = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith('CheckLearnerServiceRoleDefaultPolicy')).map(([, r]) => r as any);
  const statements = role.Properties.PolicyDocument.Statement;
  const assume = statements.filter((s: any) => [s.Action].flat().includes('sts:AssumeRole'));
  expect(assume).toEqual([expect.objectContaining({ Effect: 'Allow', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/mllab-checker-*']] } })]);
  const actions = statements.flatMap((s: any) => [s.Action].flat());
  expect(actions.sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'sts:AssumeRole']);
});

test('the functions are bundled from lib/class/handler.ts on the newest Node.js runtime, with the secret and bucket in their environment', () => {
  template.resourcePropertiesCountIs('AWS::Lambda::Function', { Handler: 'index.checkLearnerHandler', Runtime: 'nodejs24.x' }, 1);
  template.resourcePropertiesCountIs('AWS::Lambda::Function', { Handler: 'index.buildScoreboardHandler', Runtime: 'nodejs24.x' }, 1);
  template.hasResourceProperties('AWS::Lambda::Function', {
    Handler: 'index.checkLearnerHandler',
    Environment: { Variables: { EXTERNAL_ID_SECRET_ARN: { Ref: Match.stringLikeRegexp('ExternalId') }, CLASS_BUCKET: { Ref: Match.stringLikeRegexp('Bucket') } } },
  });
});

test('the external id never appears in the template: only its secret\'s ARN', () => {
  template.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: Match.anyValue() });
  expect(JSON.stringify(template.toJSON())).not.toMatch(/ExternalId"\s*:\s*"[^{]/);
});

test('logs every execution (without execution data) and traces it', () => {
  template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
    TracingConfiguration: { Enabled: true },
    LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
  });
});

test('refuses a MaxConcurrency Step Functions would not run', () => {
  expect(() => new ClassStack(synthApp().app, { maxConcurrency: 20_000 })).toThrow('from 1 to 10000');
});
