// The four workloads of the inference-choice scenario, the option each needs, and why each other
// option fails it, in the scenario's numbers. SDK-free: the manifest, the checks, the README's
// tests and the reference solution read the same table. Every limit is cited where it is stated.

/** SageMaker's four ways to get inferences from a model. https://docs.aws.amazon.com/sagemaker/latest/dg/how-it-works-deployment.html */
export const INFERENCE_OPTIONS = ['real-time', 'serverless', 'asynchronous', 'batch-transform'] as const;
export type InferenceOption = (typeof INFERENCE_OPTIONS)[number];

/**
 * The limits the findings rest on.
 * - Real-time: the model must answer an InvokeEndpoint request within 60 seconds.
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html
 * - Serverless: request and response payloads up to 4 MB, the container answers /invocations within
 *   1 minute; idle endpoints start cold; at most 200 concurrent invocations per endpoint.
 *   https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-invoke.html
 *   https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantServerlessConfig.html
 * - Asynchronous: payloads up to 1 GB, processing up to one hour (InvocationTimeoutSeconds at most
 *   3600, 15 minutes by default), requests queued, scale to zero when idle.
 *   https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference.html
 *   https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-invoke-endpoint.html
 * - Batch transform: predictions for an entire data set, mini-batches of at most MaxPayloadInMB
 *   (6 MB by default, 100 at most), each prediction joinable to its input record.
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateTransformJob.html
 *   https://docs.aws.amazon.com/sagemaker/latest/dg/batch-transform-data-processing.html
 */
export const LIMITS = {
  realTimeTimeoutSeconds: 60,
  serverlessMaxPayloadMb: 4,
  serverlessTimeoutSeconds: 60,
  serverlessMaxConcurrency: 200,
  asyncMaxPayloadGb: 1,
  asyncMaxProcessingSeconds: 3600,
  asyncDefaultTimeoutSeconds: 900,
  batchDefaultPayloadMb: 6,
  batchMaxPayloadMb: 100,
} as const;

/**
 * ml.m5.large real-time hosting in us-east-1, per instance-hour, as lib/cost/prices.ts carries it
 * (test/labs/inference-choice/workloads.test.ts holds the two equal); a month is 720 hours.
 * https://aws.amazon.com/sagemaker/pricing/
 */
export const HOSTING_USD_PER_HOUR = 0.115;
const MONTH_USD = Math.round(HOSTING_USD_PER_HOUR * 720);
const ALWAYS_ON = `an instance-based endpoint bills every hour it is up, traffic or not: one ml.m5.large is about USD ${MONTH_USD} a month (USD ${HOSTING_USD_PER_HOUR} x 720 hours)`;

export interface Workload {
  /** The key in the decision record. */
  readonly id: string;
  readonly title: string;
  /** The scenario's facts, as the README states them. */
  readonly facts: string;
  readonly answer: InferenceOption;
  /** Why each other option fails this workload, in its numbers. */
  readonly wrong: Readonly<Record<InferenceOption, string | undefined>>;
}

export const WORKLOADS: readonly Workload[] = [
  {
    id: 'agent-lookup',
    title: 'CRM agent lookup',
    facts: 'about 300 requests a day, in bursts while agents work (08:00-18:00), none at night; 2 KB per request (one customer); an answer within 2 seconds, and a few seconds more on the first request after a quiet spell is acceptable; as close to nothing as possible while idle',
    answer: 'serverless',
    wrong: {
      'real-time': `${ALWAYS_ON}, for about 9,000 requests a month that arrive in bursts with long idle gaps.`,
      serverless: undefined,
      asynchronous: 'an asynchronous endpoint queues the request and writes the answer to S3 for the CRM to fetch later, and once it has scaled to zero the first request of a burst waits for a new instance to be provisioned: an agent with the customer on the phone waits for neither.',
      'batch-transform': 'a transform job scores a whole data set in S3 and offers no request to call: the agent needs one customer\'s score when the page opens, not in the next job\'s output.',
    },
  },
  {
    id: 'partner-portfolios',
    title: 'Partner portfolio files',
    facts: `files of up to 40 MB each (a partner's whole customer portfolio), about 2 minutes of processing per file, 5 to 20 files a day at unpredictable hours, nothing in between; the partner collects each result within 15 minutes`,
    answer: 'asynchronous',
    wrong: {
      'real-time': `a real-time endpoint must answer each request within ${LIMITS.realTimeTimeoutSeconds} seconds (InvokeEndpoint), and a file takes about 120; a 40 MB body is also above the request size InvokeEndpoint accepts; and ${ALWAYS_ON}, for at most 40 minutes of work a day.`,
      serverless: `serverless requests and responses are capped at ${LIMITS.serverlessMaxPayloadMb} MB and the container must answer within ${LIMITS.serverlessTimeoutSeconds} seconds: a 40 MB file that takes about 120 seconds fails on both counts.`,
      asynchronous: undefined,
      'batch-transform': 'a transform job has no request to call: every file, arriving at any hour, would need its own job started by your own code, provisioning its instances from nothing each time; an asynchronous endpoint queues each file as it comes (up to 1 GB, up to an hour of processing) and scales to zero in between.',
    },
  },
  {
    id: 'nightly-call-list',
    title: 'Nightly call list',
    facts: 'an export of 100,000 customers (about 3.9 MB of CSV, a customer id then the twelve features per row) lands at 01:00; the retention team needs every customer id with its churn probability by 07:00; nobody waits for a single row',
    answer: 'batch-transform',
    wrong: {
      'real-time': `${ALWAYS_ON}, for a few minutes of scoring once a night; and your own code would split the file into requests and join each answer back to its customer id, which batch transform does itself (SplitType, JoinSource).`,
      serverless: `each serverless request carries at most ${LIMITS.serverlessMaxPayloadMb} MB and must be answered within ${LIMITS.serverlessTimeoutSeconds} seconds, so your own code would cut the export into requests, keep within the endpoint's concurrency and join every answer back to its customer id: batch transform splits the file, runs the mini-batches and joins predictions to input rows itself, and bills only while the job runs.`,
      asynchronous: `an asynchronous request is one payload, answered whole by one instance within at most ${LIMITS.asyncMaxProcessingSeconds / 60} minutes: it neither splits the export into mini-batches nor joins each prediction to its customer id, and it leaves an endpoint and a scaling policy to run for a job that happens once a night.`,
      'batch-transform': undefined,
    },
  },
  {
    id: 'checkout-offers',
    title: 'Checkout retention offers',
    facts: 'the web shop asks for one customer\'s churn probability at checkout: about 30 requests a second from 07:00 to 23:00 and never fewer than 5 a second at night; 1 KB per request; an answer within 100 ms for 99% of requests',
    answer: 'real-time',
    wrong: {
      'real-time': undefined,
      serverless: 'serverless inference is meant for traffic with idle periods that can tolerate cold starts: a cold start alone breaks a 100 ms answer for 99% of requests, and traffic that never stops gains nothing from scaling to zero, so steady traffic is what instances are sized and priced for.',
      asynchronous: 'an asynchronous endpoint queues each request and writes the answer to S3, and the shop would have to fetch it from there: seconds at best, where checkout needs 100 ms.',
      'batch-transform': 'a transform job scores a data set offline; the shop needs the score of the customer at the till, within 100 ms.',
    },
  },
];

/**
 * The option a spelling names, case-insensitively: the documentation's names ("Real-time inference",
 * "Serverless Inference", "Asynchronous Inference", "Batch transform") and their short forms
 * ('realtime', 'async', 'batch'), with hyphens, underscores or spaces; undefined for anything else.
 */
export function optionOf(spelling: string): InferenceOption | undefined {
  const words = spelling.trim().toLowerCase().replace(/[\s_-]+/g, ' ').replace(/ (inference|endpoint|endpoints)$/, '');
  const options: Record<string, InferenceOption> = {
    'real time': 'real-time',
    realtime: 'real-time',
    serverless: 'serverless',
    asynchronous: 'asynchronous',
    async: 'asynchronous',
    'batch transform': 'batch-transform',
    batch: 'batch-transform',
  };
  return Object.prototype.hasOwnProperty.call(options, words) ? options[words] : undefined;
}
