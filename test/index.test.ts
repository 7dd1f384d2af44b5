// The library entry points: the constructs and the lab model from the package main (usable from
// someone else's CDK app, each environment on its own), the check runtime from `aws-ml-labs/check`.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as mllab from '../lib';
import * as runtime from '../lib/runtime';

test('lib/index re-exports the constructs, the app factory, the lab model and the verdict helpers', () => {
  for (const name of ['StudioEnvironment', 'StreamingEnvironment', 'DataLakeEnvironment', 'LabBucket', 'LabStack', 'LabBudget', 'LabGuardrails', 'createLabApp', 'defineLab', 'defineChecks', 'labStackName', 'pass', 'fail'] as const) {
    expect(typeof (mllab as Record<string, unknown>)[name]).toBe('function');
  }
  expect(mllab.STACK_OUTPUTS.streamName).toBe('StreamName');
});

test('lib/runtime (aws-ml-labs/check) re-exports the check runtime', () => {
  for (const name of ['CheckSession', 'runLab', 'exitCodeOf', 'replayTransport', 'recordingTransport', 'loadCassette', 'defineChecks'] as const) {
    expect(typeof (runtime as Record<string, unknown>)[name]).toBe('function');
  }
});

test('the package exports name the main and the check runtime', () => {
  const pkg = require('../package.json');
  expect(pkg.exports['.']).toBe(`./${pkg.main}`);
  expect(pkg.exports['./check']).toBe('./dist/lib/runtime.js');
});

test('an environment composes into a plain stack of your own', () => {
  const stack = new Stack(new App(), 'MyStack');
  new mllab.StreamingEnvironment(stack, 'Streaming', { shardCount: 2 });
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::Kinesis::Stream', { ShardCount: 2 });
  template.resourceCountIs('AWS::KinesisFirehose::DeliveryStream', 1);
});
