// The responses of the operations the SageMaker labs read, in the shapes the AWS API reference
// documents (each page's Response Syntax, and for HeadObject its sample response), filled with the
// scenarios' names, and served over the wire from 127.0.0.1 so the SDK parses them as it would
// parse AWS's own answers. The SageMaker pages document a Response Syntax and no worked example;
// the fixtures fill every field the syntax lists that a built-in algorithm job, a model, an
// endpoint configuration or a serverless endpoint carries.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { TrainingJobSummary } from '@aws-sdk/client-sagemaker';
import type { AddressInfo } from 'node:net';
import { useEmulatorEnvironment } from '../../../lib/emulators';

/** An answer of a JSON-protocol operation (SageMaker awsJson1.1, CloudWatch awsJson1.0): the parsed body, or an error. */
export type JsonAnswer = { readonly body: unknown } | { readonly error: string; readonly message: string; readonly status?: number };
/** How the double answers HEAD /<bucket>/<key>: the sample response's headers, or a bare status. */
export type HeadAnswer = { readonly headers: Readonly<Record<string, string>> } | { readonly status: number };

export interface AwsReferenceDouble {
  /** `SageMaker.DescribeTrainingJob` -> (request body) -> answer; undefined gives a ValidationException. */
  json: (target: string, request: any) => JsonAnswer | undefined;
  /** `<bucket>/<key>` -> answer; undefined gives a bare 404. */
  head: (path: string) => HeadAnswer | undefined;
}

/** JSON protocols carry timestamps as epoch seconds: the fixtures are written with Dates. */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toWire(v)]));
  return value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts the double for the calling describe block and points the SDK at it (AWS_ENDPOINT_URL, so
 * every service but those mocked in-process goes to 127.0.0.1), with emulator credentials.
 */
export function useAwsReferenceDouble(double: AwsReferenceDouble): void {
  let server: Server;
  let restore: () => void;
  let saved: string | undefined;
  beforeAll(async () => {
    server = createServer((req, res) => {
      void (async () => {
        const target = req.headers['x-amz-target'];
        if (typeof target === 'string') {
          const body = await readBody(req);
          const answer = double.json(target, body ? JSON.parse(body) : {}) ?? { error: 'ValidationException', message: `no reference response for ${target}` };
          const contentType = String(req.headers['content-type'] ?? 'application/x-amz-json-1.1');
          if ('body' in answer) {
            res.writeHead(200, { 'Content-Type': contentType, 'x-amzn-RequestId': 'c0ffee00-0000-4000-8000-000000000001' });
            res.end(JSON.stringify(toWire(answer.body)));
          } else {
            res.writeHead(answer.status ?? 400, { 'Content-Type': contentType, 'x-amzn-RequestId': 'c0ffee00-0000-4000-8000-000000000002', 'x-amzn-query-error': `${answer.error};Sender` });
            res.end(JSON.stringify({ __type: answer.error, message: answer.message }));
          }
          return;
        }
        const path = decodeURIComponent((req.url ?? '/').split('?')[0]!.slice(1));
        const answer = req.method === 'HEAD' ? double.head(path) : undefined;
        if (answer && 'headers' in answer) res.writeHead(200, answer.headers);
        else res.writeHead(answer?.status ?? 404, { 'x-amz-request-id': '318BC8BC148832E5' });
        res.end();
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    restore = useEmulatorEnvironment({ s3: endpoint });
    saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = endpoint;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = saved;
    restore();
    await new Promise((resolve) => server.close(resolve));
  });
}

/**
 * HeadObject's sample response for a general purpose bucket, headers as the page shows them.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html (Examples)
 */
export const HEAD_OBJECT_SAMPLE: Readonly<Record<string, string>> = {
  'x-amz-id-2': 'ef8yU9AS1ed4OpIszj7UDNEHGran',
  'x-amz-request-id': '318BC8BC143432E5',
  'x-amz-version-id': '3HL4kqtJlcpXroDTDmjVBH40Nrjfkd',
  Date: 'Wed, 28 Oct 2009 22:32:00 GMT',
  'Last-Modified': 'Sun, 1 Jan 2006 12:00:00 GMT',
  ETag: '"fba9dede5f27731c9771645a39863328"',
  'Content-Length': '434234',
  'Content-Type': 'text/plain',
  Connection: 'close',
  Server: 'AmazonS3',
};

export interface ReferenceJob {
  readonly name: string;
  readonly region: string;
  readonly account: string;
  readonly image: string;
  readonly roleArn: string;
  readonly hyperParameters: Readonly<Record<string, string>>;
  /** Channel name -> [S3 URI, content type]. */
  readonly channels: Readonly<Record<string, readonly [string, string | undefined]>>;
  readonly outputPath: string;
  readonly instanceType: string;
  readonly metrics: Readonly<Record<string, number>>;
  readonly created: Date;
}

const minutesAfter = (t: Date, minutes: number) => new Date(t.getTime() + minutes * 60_000);

/**
 * DescribeTrainingJob for a Completed built-in algorithm job on managed spot training, every field
 * of the Response Syntax that such a job carries.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html (Response Syntax)
 */
export function describeTrainingJobResponse(job: ReferenceJob): Record<string, unknown> {
  const t = job.created;
  const outputPath = job.outputPath.replace(/\/$/, '');
  return {
    TrainingJobName: job.name,
    TrainingJobArn: `arn:aws:sagemaker:${job.region}:${job.account}:training-job/${job.name}`,
    ModelArtifacts: { S3ModelArtifacts: `${outputPath}/${job.name}/output/model.tar.gz` },
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    HyperParameters: job.hyperParameters,
    AlgorithmSpecification: { TrainingImage: job.image, TrainingInputMode: 'File', MetricDefinitions: [], EnableSageMakerMetricsTimeSeries: false },
    RoleArn: job.roleArn,
    InputDataConfig: Object.entries(job.channels).map(([ChannelName, [S3Uri, ContentType]]) => ({
      ChannelName,
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri, S3DataDistributionType: 'FullyReplicated' } },
      ...(ContentType ? { ContentType } : {}),
      CompressionType: 'None',
      RecordWrapperType: 'None',
    })),
    OutputDataConfig: { KmsKeyId: '', S3OutputPath: job.outputPath, CompressionType: 'GZIP' },
    ResourceConfig: { InstanceType: job.instanceType, InstanceCount: 1, VolumeSizeInGB: 5, KeepAlivePeriodInSeconds: 0 },
    StoppingCondition: { MaxRuntimeInSeconds: 1200, MaxWaitTimeInSeconds: 2400 },
    CreationTime: t,
    TrainingStartTime: minutesAfter(t, 2),
    TrainingEndTime: minutesAfter(t, 6),
    LastModifiedTime: minutesAfter(t, 6),
    SecondaryStatusTransitions: [
      { Status: 'Starting', StartTime: t, EndTime: minutesAfter(t, 2), StatusMessage: 'Preparing the instances for training' },
      { Status: 'Downloading', StartTime: minutesAfter(t, 2), EndTime: minutesAfter(t, 3), StatusMessage: 'Downloading input data' },
      { Status: 'Training', StartTime: minutesAfter(t, 3), EndTime: minutesAfter(t, 5), StatusMessage: 'Training image download completed. Training in progress.' },
      { Status: 'Uploading', StartTime: minutesAfter(t, 5), EndTime: minutesAfter(t, 6), StatusMessage: 'Uploading generated training model' },
      { Status: 'Completed', StartTime: minutesAfter(t, 6), EndTime: minutesAfter(t, 6), StatusMessage: 'Training job completed' },
    ],
    FinalMetricDataList: Object.entries(job.metrics).map(([MetricName, Value]) => ({ MetricName, Value, Timestamp: minutesAfter(t, 5) })),
    EnableNetworkIsolation: false,
    EnableInterContainerTrafficEncryption: false,
    EnableManagedSpotTraining: true,
    TrainingTimeInSeconds: 240,
    BillableTimeInSeconds: 77,
    ProfilingStatus: 'Disabled',
    Environment: {},
  };
}

/**
 * ListTrainingJobs, one page, newest first, with every field of a TrainingJobSummary.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html (Response Syntax)
 */
export function listTrainingJobsResponse(jobs: readonly Record<string, any>[]): { TrainingJobSummaries: TrainingJobSummary[] } {
  return {
    TrainingJobSummaries: [...jobs]
      .sort((a, b) => b.CreationTime.getTime() - a.CreationTime.getTime())
      .map((j) => ({
        TrainingJobName: j.TrainingJobName,
        TrainingJobArn: j.TrainingJobArn,
        CreationTime: j.CreationTime,
        TrainingEndTime: j.TrainingEndTime,
        LastModifiedTime: j.LastModifiedTime,
        TrainingJobStatus: j.TrainingJobStatus,
        SecondaryStatus: j.SecondaryStatus,
      })),
  };
}

/** Answers ListTrainingJobs (by NameContains) and DescribeTrainingJob (by name) for these jobs. */
export function trainingJobAnswers(jobs: readonly Record<string, any>[]): (target: string, request: any) => JsonAnswer | undefined {
  return (target, request) => {
    if (target === 'SageMaker.ListTrainingJobs') {
      return { body: listTrainingJobsResponse(jobs.filter((j) => String(j.TrainingJobName).includes(request.NameContains ?? ''))) };
    }
    if (target === 'SageMaker.DescribeTrainingJob') {
      const job = jobs.find((j) => j.TrainingJobName === request.TrainingJobName);
      return job ? { body: job } : { error: 'ResourceNotFound', message: `Requested resource not found: ${request.TrainingJobName}` };
    }
    return undefined;
  };
}
