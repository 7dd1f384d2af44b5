// The reference state of the serverless-endpoint lab as the SageMaker and CloudWatch APIs describe it,
// with the fields each page's Response Syntax lists for this state:
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModel.html
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpointConfig.html
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html
//   https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
import type { GetMetricDataOutput } from '@aws-sdk/client-cloudwatch';
import type { DescribeEndpointConfigOutput, DescribeEndpointOutput, DescribeModelOutput } from '@aws-sdk/client-sagemaker';
import { ACCOUNT, ARTEFACT_URI, REGION, XGBOOST_IMAGE } from '../xgboost-builtin/fixtures';

export const SERVERLESS_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/MlLab-serverless-endpoint-ExecutionRole`;

export function referenceModel(overrides: Partial<DescribeModelOutput> = {}): DescribeModelOutput {
  return {
    ModelName: 'churn-serverless-model',
    PrimaryContainer: { Image: XGBOOST_IMAGE, Mode: 'SingleModel', ModelDataUrl: ARTEFACT_URI, Environment: {} },
    ExecutionRoleArn: SERVERLESS_ROLE_ARN,
    CreationTime: new Date('2026-11-25T10:02:11Z'),
    ModelArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model/churn-serverless-model`,
    EnableNetworkIsolation: false,
    ...overrides,
  };
}

export function referenceEndpointConfig(serverless: Record<string, number> = { MemorySizeInMB: 2048, MaxConcurrency: 2 }): DescribeEndpointConfigOutput {
  return {
    EndpointConfigName: 'churn-serverless-config',
    EndpointConfigArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint-config/churn-serverless-config`,
    ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'churn-serverless-model', ServerlessConfig: serverless as any }],
    CreationTime: new Date('2026-11-25T10:02:40Z'),
    EnableNetworkIsolation: false,
  };
}

export function referenceEndpoint(overrides: Partial<DescribeEndpointOutput> = {}): DescribeEndpointOutput {
  return {
    EndpointName: 'churn-serverless',
    EndpointArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/churn-serverless`,
    EndpointConfigName: 'churn-serverless-config',
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        DeployedImages: [{ SpecifiedImage: XGBOOST_IMAGE, ResolvedImage: `${XGBOOST_IMAGE.split(':')[0]}@sha256:5a9a6a1cf6f5a4d7b0b3e1c2d8f9e0a1b2c3d4e5f60718293a4b5c6d7e8f9012`, ResolutionTime: new Date('2026-11-25T10:03:02Z') }],
        CurrentWeight: 1,
        DesiredWeight: 1,
        CurrentServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 2 },
        DesiredServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 2 },
      },
    ],
    EndpointStatus: 'InService',
    CreationTime: new Date('2026-11-25T10:03:01Z'),
    LastModifiedTime: new Date('2026-11-25T10:05:47Z'),
    ...overrides,
  };
}

/** Hourly sums: 20 requests in one hour, 3 of them refused (wrong content type) in an earlier hour. */
export function metricData(invocations: number[] = [3, 20], errors4xx: number[] = [3, 0], errors5xx: number[] = []): GetMetricDataOutput {
  const times = (values: number[]) => values.map((_, i) => new Date(Date.parse('2026-11-25T10:00:00Z') - i * 3_600_000));
  return {
    MetricDataResults: [
      { Id: 'invocations', Label: 'Invocations', Timestamps: times(invocations), Values: invocations, StatusCode: 'Complete' },
      { Id: 'errors4xx', Label: 'Invocation4XXErrors', Timestamps: times(errors4xx), Values: errors4xx, StatusCode: 'Complete' },
      { Id: 'errors5xx', Label: 'Invocation5XXErrors', Timestamps: times(errors5xx), Values: errors5xx, StatusCode: 'Complete' },
    ],
    Messages: [],
  };
}
