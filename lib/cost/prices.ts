// The committed price table `mllab cost`, the teardown plan and the README read. One entry per
// billable unit, in USD, with the AWS pricing page it comes from, so an update is a one-line diff.
// Keys are the `UsageItem.item` keys of lib/check/types.ts; per-instance keys end in `:<instance type>`.

export interface PriceEntry {
  readonly usd: number;
  /** What one unit is, in the pricing page's own words. */
  readonly unit: string;
  /** The AWS pricing page the figure is read from. */
  readonly source: string;
  /** Set when the figure is an assumption rather than a list price, and why. */
  readonly assumption?: string;
  /**
   * Where the figure was read from AWS's own price data when the table was last checked
   * (`recorded`), or false when it could not be: the pricing pages render their figures in the
   * browser, and the build machine reaches only stored copies of them. `mllab cost` marks an
   * unverified figure with an asterisk and a footnote instead of presenting it as sourced.
   */
  readonly verified: false | { readonly from: string };
}

export interface RegionPrices {
  /**
   * The day the figures were entered from the pricing pages (ISO date). The pages render their
   * figures in the browser, so the build machine cannot re-read them: re-check each changed
   * figure against its `source` when you update the table, and move this date.
   */
  readonly recorded: string;
  readonly prices: Readonly<Record<string, PriceEntry>>;
}

const KINESIS = 'https://aws.amazon.com/kinesis/data-streams/pricing/';
const FIREHOSE = 'https://aws.amazon.com/firehose/pricing/';
const S3 = 'https://aws.amazon.com/s3/pricing/';
const GLUE = 'https://aws.amazon.com/glue/pricing/';
const ATHENA = 'https://aws.amazon.com/athena/pricing/';
const SAGEMAKER = 'https://aws.amazon.com/sagemaker/pricing/';
const CLOUDWATCH = 'https://aws.amazon.com/cloudwatch/pricing/';
const EFS = 'https://aws.amazon.com/efs/pricing/';
const LAMBDA = 'https://aws.amazon.com/lambda/pricing/';
const BUDGETS = 'https://aws.amazon.com/aws-cost-management/aws-budgets/pricing/';
const VPC = 'https://aws.amazon.com/vpc/pricing/';
const PRIVATELINK = 'https://aws.amazon.com/privatelink/pricing/';

/**
 * The AWS Price List API offer file of AWS Budgets (service code AWSBudgets), as published at
 * https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AWSBudgets/current/index.csv and read
 * from the copy in https://huggingface.co/datasets/labofsahil/aws-pricing-dataset (AWSBudgets.csv).
 */
const BUDGETS_OFFER = 'AWS Price List API, offer AWSBudgets (effective 2020-10-01)';

/**
 * The first 62 action-enabled budget-days of a month are free for the whole account (offer
 * AWSBudgets, SKU H8ZKA3NDUDG5HWHM: $0.00 from 0 to 62 budget-days, $0.10 above): two budgets with
 * an action for a whole month. Every lab stack brings one such budget, and the learner may keep
 * several labs or budgets of their own, so the estimate assumes none of the free days are left and
 * errs on the expensive side. With free days left, the line costs nothing.
 */
export const ASSUMED_FREE_ACTION_BUDGET_DAYS_LEFT = 0;
export const FREE_ACTION_BUDGET_DAYS_PER_MONTH = 62;

/** A figure carried from the first round that no stored copy of its page let us re-read. */
const UNVERIFIED = { verified: false } as const;

/**
 * Spot training has no list price: AWS bills the spot rate of the moment and advertises savings
 * of up to 90% against on-demand (SAGEMAKER, "Managed Spot Training"). We plan with 70% so the
 * estimate errs on the expensive side.
 */
export const ASSUMED_SPOT_SAVINGS = 0.7;
const SPOT_ASSUMPTION = `spot rates vary by the hour; estimated as on-demand minus ${ASSUMED_SPOT_SAVINGS * 100}% (AWS quotes up to 90%)`;

/** SageMaker on-demand rates per instance-hour: training, real-time hosting, Studio apps, notebook instances. */
const SAGEMAKER_US: Record<'training' | 'hosting' | 'studio' | 'notebook', Record<string, number>> = {
  training: { 'ml.m5.large': 0.115, 'ml.m5.xlarge': 0.23, 'ml.m5.2xlarge': 0.461, 'ml.c5.xlarge': 0.204, 'ml.c5.2xlarge': 0.408, 'ml.g4dn.xlarge': 0.736 },
  hosting: { 'ml.t2.medium': 0.056, 'ml.m5.large': 0.115, 'ml.m5.xlarge': 0.23, 'ml.c5.large': 0.102, 'ml.c5.xlarge': 0.204, 'ml.g4dn.xlarge': 0.736 },
  studio: { 'ml.t3.medium': 0.05, 'ml.m5.large': 0.115, 'ml.m5.xlarge': 0.23, 'ml.c5.xlarge': 0.204, 'ml.g4dn.xlarge': 0.736 },
  notebook: { 'ml.t2.medium': 0.0464, 'ml.t3.medium': 0.05, 'ml.m5.xlarge': 0.23 },
};

function sagemakerInstancePrices(rates: typeof SAGEMAKER_US): Record<string, PriceEntry> {
  const out: Record<string, PriceEntry> = {};
  for (const [type, usd] of Object.entries(rates.training)) {
    out[`sagemaker:training-hour:${type}`] = { usd, unit: 'instance-hour (training, on-demand)', source: SAGEMAKER, ...UNVERIFIED };
    out[`sagemaker:training-spot-hour:${type}`] = {
      usd: Math.round(usd * (1 - ASSUMED_SPOT_SAVINGS) * 10_000) / 10_000,
      unit: 'instance-hour (managed spot training)',
      source: SAGEMAKER,
      assumption: SPOT_ASSUMPTION,
      ...UNVERIFIED,
    };
  }
  for (const [type, usd] of Object.entries(rates.hosting)) {
    out[`sagemaker:hosting-hour:${type}`] = { usd, unit: 'instance-hour (real-time inference)', source: SAGEMAKER, ...UNVERIFIED };
  }
  for (const [type, usd] of Object.entries(rates.studio)) {
    out[`sagemaker:studio-app-hour:${type}`] = { usd, unit: 'instance-hour (Studio JupyterLab / Code Editor app)', source: SAGEMAKER, ...UNVERIFIED };
  }
  for (const [type, usd] of Object.entries(rates.notebook)) {
    out[`sagemaker:notebook-hour:${type}`] = { usd, unit: 'instance-hour (notebook instance)', source: SAGEMAKER, ...UNVERIFIED };
  }
  return out;
}

/** Rates that are the same in us-east-1 (N. Virginia) and us-west-2 (Oregon) on every page cited. */
const US_PRICES: Record<string, PriceEntry> = {
  'kinesis:shard-hour': { usd: 0.015, unit: 'shard-hour (provisioned mode)', source: KINESIS, ...UNVERIFIED },
  'kinesis:extended-retention-shard-hour': { usd: 0.02, unit: 'shard-hour of retention beyond 24 hours, up to 7 days (provisioned mode)', source: KINESIS, ...UNVERIFIED },
  'kinesis:efo-consumer-shard-hour': { usd: 0.015, unit: 'consumer-shard-hour (enhanced fan-out, provisioned mode)', source: KINESIS, ...UNVERIFIED },
  'kinesis:efo-data-gb': { usd: 0.013, unit: 'GB retrieved by enhanced fan-out (provisioned mode)', source: KINESIS, ...UNVERIFIED },
  'kinesis:on-demand-stream-hour': { usd: 0.04, unit: 'stream-hour (on-demand mode)', source: KINESIS, ...UNVERIFIED },
  'kinesis:on-demand-data-gb': { usd: 0.08, unit: 'GB written (on-demand mode)', source: KINESIS, ...UNVERIFIED },
  'kinesis:put-payload-units-million': { usd: 0.014, unit: 'million PUT payload units of 25 KB (provisioned mode)', source: KINESIS, ...UNVERIFIED },
  'firehose:ingested-gb': { usd: 0.029, unit: 'GB ingested (Direct PUT / Kinesis Data Streams source, first 500 TB/month, 5 KB increments)', source: FIREHOSE, ...UNVERIFIED },
  's3:storage-gb-month': { usd: 0.023, unit: 'GB-month (S3 Standard, first 50 TB)', source: S3, ...UNVERIFIED },
  's3:put-requests-thousand': { usd: 0.005, unit: '1,000 PUT, COPY, POST or LIST requests (S3 Standard)', source: S3, ...UNVERIFIED },
  'glue:crawler-dpu-hour': { usd: 0.44, unit: 'DPU-hour (crawler, billed per second, 10-minute minimum per run)', source: GLUE, ...UNVERIFIED },
  'glue:job-dpu-hour': {
    usd: 0.44,
    unit: 'DPU-hour (Spark / Python shell ETL job)',
    source: GLUE,
    verified: { from: `${GLUE} (its worked ETL-job example prices 1 DPU-hour at $0.44; read on the page's stored Japanese and Turkish editions)` },
  },
  // A data quality run's DPU time, billed like the ETL jobs' DPU-hour; the page's stored copies render
  // its data quality figures in the browser, so it is entered unverified (1 DPU = one G.1X worker).
  'glue:data-quality-dpu-hour': { usd: 0.44, unit: 'DPU-hour (Data Quality recommendation or evaluation run on a Data Catalog table)', source: GLUE, ...UNVERIFIED },
  'athena:scanned-tb': { usd: 5, unit: 'TB of data scanned (SQL queries, 10 MB minimum per query)', source: ATHENA, ...UNVERIFIED },
  'sagemaker:serverless-inference-gb-second': { usd: 0.00002, unit: 'GB-second of serverless inference compute (memory size x duration)', source: SAGEMAKER, ...UNVERIFIED },
  'sagemaker:serverless-requests-million': {
    usd: 0,
    unit: 'million serverless inference requests',
    source: SAGEMAKER,
    assumption: 'serverless inference bills compute duration and data processed, not requests: listed so lab usage can state request counts',
    ...UNVERIFIED,
  },
  'sagemaker:processing-hour:ml.t3.medium': { usd: 0.05, unit: 'instance-hour (processing job)', source: SAGEMAKER, ...UNVERIFIED },
  'sagemaker:processing-hour:ml.m5.large': { usd: 0.115, unit: 'instance-hour (processing job; Model Monitor baselining and monitoring jobs)', source: SAGEMAKER, ...UNVERIFIED },
  'sagemaker:transform-hour:ml.m5.large': { usd: 0.115, unit: 'instance-hour (batch transform)', source: SAGEMAKER, ...UNVERIFIED },
  'sagemaker:serverless-data-gb': { usd: 0.016, unit: 'GB of data processed in or out (serverless inference)', source: SAGEMAKER, ...UNVERIFIED },
  'sagemaker:feature-store-write-units-million': { usd: 1.25, unit: 'million write request units (Feature Store on-demand throughput mode, Standard online store)', source: SAGEMAKER, ...UNVERIFIED },
  'sagemaker:feature-store-read-units-million': { usd: 0.25, unit: 'million read request units (Feature Store on-demand throughput mode, Standard online store)', source: SAGEMAKER, ...UNVERIFIED },
  'sagemaker:feature-store-storage-gb-month': { usd: 0.45, unit: 'GB-month of online store data (Feature Store, Standard online store)', source: SAGEMAKER, ...UNVERIFIED },
  'cloudwatch:metric-month': { usd: 0.3, unit: 'custom metric-month (first 10,000 metrics)', source: CLOUDWATCH, ...UNVERIFIED },
  'cloudwatch:alarm-month': { usd: 0.1, unit: 'standard-resolution alarm metric-month', source: CLOUDWATCH, ...UNVERIFIED },
  'cloudwatch:high-resolution-alarm-month': { usd: 0.3, unit: 'high-resolution (period under 60 s) alarm metric-month', source: CLOUDWATCH, ...UNVERIFIED },
  'cloudwatch:composite-alarm-month': { usd: 0.5, unit: 'composite alarm-month', source: CLOUDWATCH, ...UNVERIFIED },
  'logs:ingested-gb': { usd: 0.5, unit: 'GB of logs ingested (standard class)', source: CLOUDWATCH, ...UNVERIFIED },
  'logs:storage-gb-month': { usd: 0.03, unit: 'GB-month of archived logs', source: CLOUDWATCH, ...UNVERIFIED },
  'efs:storage-gb-month': { usd: 0.3, unit: 'GB-month (EFS Standard storage; Studio home volumes)', source: EFS, ...UNVERIFIED },
  'lambda:requests-million': { usd: 0.2, unit: 'million requests', source: LAMBDA, ...UNVERIFIED },
  'budgets:budget-day': { usd: 0, unit: 'budget-day (a budget without actions is free)', source: BUDGETS, verified: { from: `${BUDGETS_OFFER}, SKU T2UVJ9XYT52FBFAF: $0.00 per budget-day` } },
  'budgets:action-enabled-budget-day': {
    usd: 0.1,
    unit: 'action-enabled budget-day',
    source: BUDGETS,
    verified: { from: `${BUDGETS_OFFER}, SKU H8ZKA3NDUDG5HWHM: $0.00 for 0-62 action-enabled budget-days, $0.10 per budget-day above` },
  },
  'ec2:nat-gateway-hour': { usd: 0.045, unit: 'NAT gateway-hour', source: VPC, ...UNVERIFIED },
  'ec2:interface-endpoint-az-hour': { usd: 0.01, unit: 'VPC interface endpoint-hour per Availability Zone', source: PRIVATELINK, ...UNVERIFIED },
  'kms:key-month': {
    usd: 1,
    unit: 'customer managed KMS key-month, prorated hourly (keys scheduled for deletion are not billed)',
    source: 'https://aws.amazon.com/kms/pricing/',
    verified: { from: 'https://aws.amazon.com/kms/pricing/ (stored copy): "Each AWS KMS key that you create in AWS KMS costs $1/month (prorated hourly)"; "There is no charge for customer managed KMS keys that you manage and are scheduled for deletion"' },
  },
  ...sagemakerInstancePrices(SAGEMAKER_US),
};

/** Regions the table covers; any other region is priced with us-east-1 and `mllab cost` says so. */
export const PRICE_TABLE: Readonly<Record<string, RegionPrices>> = {
  'us-east-1': { recorded: '2026-11-25', prices: US_PRICES },
  'us-west-2': { recorded: '2026-11-25', prices: US_PRICES },
};

export const DEFAULT_PRICE_REGION = 'us-east-1';

export const HOURS_PER_MONTH = 730;

export interface ResolvedPrices {
  /** The region whose prices are used. */
  readonly region: string;
  /** True when the requested region is not in the table and us-east-1 stands in for it. */
  readonly fallback: boolean;
  readonly recorded: string;
  price(key: string): PriceEntry;
}

export class UnknownPriceError extends Error {
  constructor(readonly key: string, region: string) {
    super(`No price for '${key}' in ${region}: add it to lib/cost/prices.ts (known keys are the UsageItem keys of lib/check/types.ts).`);
    this.name = 'UnknownPriceError';
  }
}

export function pricesFor(region: string): ResolvedPrices {
  const table = PRICE_TABLE[region];
  const used = table ? region : DEFAULT_PRICE_REGION;
  const prices = (table ?? PRICE_TABLE[DEFAULT_PRICE_REGION])!;
  return {
    region: used,
    fallback: !table,
    recorded: prices.recorded,
    price(key: string): PriceEntry {
      const entry = prices.prices[key];
      if (!entry) throw new UnknownPriceError(key, used);
      return entry;
    },
  };
}

/** The price of a key, or undefined when the table has none (teardown estimates what it can). */
export function tryPrice(prices: ResolvedPrices, key: string): PriceEntry | undefined {
  try {
    return prices.price(key);
  } catch (err) {
    if (err instanceof UnknownPriceError) return undefined;
    throw err;
  }
}
