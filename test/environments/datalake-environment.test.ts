import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { App, Size, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DataLakeEnvironment, sampleDataDir, type DataLakeEnvironmentProps } from '../../lib/environments/datalake-environment';
import { addLabOutputs } from '../../lib/stack/outputs';

function dataLakeStack(props: DataLakeEnvironmentProps = {}, options: { withOutputs?: boolean } = {}) {
  const stack = new Stack(new App(), 'MlLab-datalake-test');
  const dataLake = new DataLakeEnvironment(stack, 'DataLake', props);
  // As an environment-only stack composes it: the stack emits the environment's outputs.
  if (options.withOutputs) addLabOutputs(stack, { dataLake });
  return stack;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)).map((f) => `${name}/${f}`) : [name]));
}

describe('DataLakeEnvironment', () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(dataLakeStack({}, { withOutputs: true }));
  });

  it('uploads the shipped sample data under raw/ and marks the curated/ area', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: Match.stringLikeRegexp('^LabBucket') },
      Prune: false,
      SourceObjectKeys: Match.arrayWith([Match.stringLikeRegexp('\\.zip$')]),
    });
  });

  it('ships a small sample data set partitioned by dt= under raw/', () => {
    const shipped = files(sampleDataDir());
    expect(shipped).toEqual(['raw/rides/dt=2026-01-05/rides.csv', 'raw/rides/dt=2026-01-06/rides.csv']);
    const bytes = shipped.reduce((sum, f) => sum + statSync(join(sampleDataDir(), f)).size, 0);
    expect(bytes).toBeLessThan(20_000);
  });

  it('creates a Glue database named after the stack and an on-demand crawler over raw/', () => {
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'mllab_datalake_test', Description: Match.anyValue() } });
    template.hasResourceProperties('AWS::Glue::Crawler', {
      DatabaseName: 'mllab_datalake_test',
      Targets: { S3Targets: [{ Path: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^LabBucket') }, '/raw/']] } }] },
      Schedule: Match.absent(),
    });
  });

  it('enforces the workgroup configuration with a results location, encryption and a 1 GiB scan cutoff', () => {
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      RecursiveDeleteOption: true,
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        PublishCloudWatchMetricsEnabled: true,
        BytesScannedCutoffPerQuery: 1024 ** 3,
        ResultConfiguration: {
          OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^LabBucket') }, '/athena-results/']] },
          EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
        },
      },
    });
  });

  it('lets the crawler read only the raw/ area', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Resource: Match.arrayWith([{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^LabBucket'), 'Arn'] }, '/raw/*']] }]),
          }),
        ],
      },
    });
  });

  it('adds no outputs to the stack itself', () => {
    expect(Template.fromStack(dataLakeStack()).toJSON().Outputs).toBeUndefined();
  });

  it('has exactly its own outputs, with the contract logical ids, once the stack emits them', () => {
    expect(Object.keys(template.toJSON().Outputs).sort()).toEqual([
      'AthenaResultsLocation',
      'CrawlerName',
      'DataLakeBucketName',
      'GlueDatabaseName',
      'WorkGroupName',
    ]);
  });

  it('accepts the 10 MiB minimum cutoff and skips the sample data when asked', () => {
    const custom = Template.fromStack(dataLakeStack({ bytesScannedCutoffPerQuery: Size.mebibytes(10), sampleData: false }));
    custom.hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: Match.objectLike({ BytesScannedCutoffPerQuery: 10 * 1024 * 1024 }),
    });
    custom.resourceCountIs('Custom::CDKBucketDeployment', 0);
  });

  it('fails when the scan cutoff is below the 10 MB minimum', () => {
    expect(() => dataLakeStack({ bytesScannedCutoffPerQuery: Size.mebibytes(9) })).toThrow('at least 10485760 bytes (10 MB), got 9437184');
  });

  it('fails when the database name is outside Glue\'s alphabet', () => {
    expect(() => dataLakeStack({ databaseName: 'My-Lake' })).toThrow("got 'My-Lake'");
  });
});
