import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AnalystRole } from '../../lib/environments/analyst-role';
import { LabBucket } from '../../lib/environments/lab-bucket';
import { synthApp } from '../stack/fixtures';

function analystStack(resultsPrefix?: string): Stack {
  const stack = new Stack(new App(), 'MlLab-lakeformation-test');
  new AnalystRole(stack, 'Analyst', { databaseName: 'mllab_lakeformation_test', workGroupName: 'MlLab-lakeformation-test', resultsBucket: LabBucket.of(stack).bucket, ...(resultsPrefix ? { resultsPrefix } : {}) });
  return stack;
}

describe('AnalystRole', () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(analystStack());
  });

  it('is assumed by principals of the account', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { AWS: { 'Fn::Join': ['', Match.arrayWith([':root'])] } } })] },
    });
  });

  it('queries in the lab workgroup, reads the lab database and gets Lake Formation credentials, and reads no lake data of its own', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(statements.map((s: any) => s.Sid).sort()).toEqual(['LakeFormationCredentials', 'OwnQueryResults', 'QueryInTheLabWorkgroup', 'ReadTheLabCatalog', 'WriteQueryResults']);
    const json = JSON.stringify(statements);
    expect(json).toContain('workgroup/MlLab-lakeformation-test');
    expect(json).toContain('database/mllab_lakeformation_test');
    expect(json).toContain('/athena-results/*');
    // Its only object access is its query results: the lake's data comes through Lake Formation.
    const objectResources = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('s3:') && a !== 's3:ListBucket' && a !== 's3:GetBucketLocation')).map((s: any) => JSON.stringify(s.Resource));
    expect(objectResources.every((r: string) => r.includes('/athena-results/*'))).toBe(true);
  });

  it('fails when the results prefix is not a folder', () => {
    expect(() => analystStack('athena-results')).toThrow("resultsPrefix must end with '/', not start with one and hold no '*', got 'athena-results'");
  });

  it('passes cdk-nag (AwsSolutions): its wildcards are acknowledged with a reason', () => {
    const { app, validationErrors, cleanUp } = synthApp();
    try {
      const stack = new Stack(app, 'MlLab-lakeformation-nag');
      new AnalystRole(stack, 'Analyst', { databaseName: 'mllab_lakeformation_nag', workGroupName: 'MlLab-lakeformation-nag', resultsBucket: LabBucket.of(stack).bucket });
      app.synth();
      expect(validationErrors()).toEqual([]);
    } finally {
      cleanUp();
    }
  });
});
