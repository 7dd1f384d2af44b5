// The library entry point: the constructs and the check runtime are usable from someone else's
// CDK app, each environment on its own.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as mllab from '../lib';

test('lib/index re-exports the constructs, the app factory and the check runtime', () => {
  for (const name of ['StudioEnvironment', 'StreamingEnvironment', 'DataLakeEnvironment', 'LabBucket', 'LabStack', 'LabBudget', 'LabGuardrails', 'createLabApp', 'defineLab', 'CheckSession', 'runLab', 'replayTransport'] as const) {
    expect(typeof (mllab as Record<string, unknown>)[name]).toBe('function');
  }
});

test('an environment composes into a plain stack of your own', () => {
  const stack = new Stack(new App(), 'MyStack');
  new mllab.StreamingEnvironment(stack, 'Streaming', { shardCount: 2 });
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::Kinesis::Stream', { ShardCount: 2 });
  template.resourceCountIs('AWS::KinesisFirehose::DeliveryStream', 1);
});
