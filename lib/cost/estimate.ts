// The cost model behind `mllab cost`: what the synthesized lab stack costs per hour while it sits
// idle, plus what the lab's declared usage adds, priced from the committed table (prices.ts).
import type { LabManifest } from '../model';
import { ASSUMED_FREE_ACTION_BUDGET_DAYS_LEFT, FREE_ACTION_BUDGET_DAYS_PER_MONTH, HOURS_PER_MONTH, pricesFor, type ResolvedPrices } from './prices';

/** The part of a CloudFormation template the cost model reads. */
export interface TemplateLike {
  readonly Resources?: Readonly<Record<string, { readonly Type: string; readonly Properties?: Record<string, any> }>>;
}

export interface CostLine {
  /** What is billed: a template resource (`AWS::Kinesis::Stream Stream`) or a usage note. */
  readonly what: string;
  readonly priceKey: string;
  readonly quantity: number;
  readonly unitUsd: number;
  readonly unit: string;
  readonly usd: number;
  readonly note?: string;
  /** False when a price it uses could not be checked against AWS's price data (prices.ts `verified`). */
  readonly verified: boolean;
}

export interface CostEstimate {
  readonly labId: string;
  readonly requestedRegion: string;
  readonly pricesRegion: string;
  readonly fallback: boolean;
  readonly pricesRecorded: string;
  /** Resources of the idle stack that bill by the hour, per hour. */
  readonly idle: readonly CostLine[];
  readonly idlePerHourUsd: number;
  /** The idle stack for the lab's estimated duration, then each declared usage item. */
  readonly usage: readonly CostLine[];
  readonly expectedToCompleteUsd: number;
  /** Template resource types that bill only with use (per GB, per request, per run). */
  readonly payPerUse: readonly string[];
}

const PAY_PER_USE: Record<string, string> = {
  'AWS::KinesisFirehose::DeliveryStream': 'per GB ingested',
  'AWS::S3::Bucket': 'per GB stored and per request',
  'AWS::Glue::Crawler': 'per DPU-hour while a crawl runs',
  'AWS::Glue::Job': 'per DPU-hour while a run runs',
  'AWS::Athena::WorkGroup': 'per TB scanned',
  'AWS::Lambda::Function': 'per request and GB-second',
  'AWS::Logs::LogGroup': 'per GB ingested and stored',
  'AWS::SageMaker::Domain': 'the domain is free; apps bill per instance-hour while running',
  'AWS::SageMaker::UserProfile': 'free; apps bill per instance-hour while running',
  'AWS::Budgets::Budget': 'free without an action; with one it is billed per day (its BudgetsAction line above)',
  'AWS::SNS::Topic': 'per million publishes, first million free',
  'AWS::Glue::Database': 'Data Catalog: first million objects free',
};

/**
 * The home EFS volume SageMaker creates for a domain is not in the template; a fresh home
 * directory holds a few hundred MB. 1 GB is assumed so the idle figure is not zero while it bills.
 */
export const ASSUMED_STUDIO_HOME_GB = 1;

function round(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}

function line(prices: ResolvedPrices, what: string, priceKey: string, quantity: number, note?: string): CostLine {
  const entry = prices.price(priceKey);
  const combined = [note, entry.assumption].filter(Boolean).join('; ');
  return { what, priceKey, quantity, unitUsd: entry.usd, unit: entry.unit, usd: round(entry.usd * quantity), ...(combined ? { note: combined } : {}), verified: entry.verified !== false };
}

function numberOr(value: unknown, fallback: number): number {
  // Unresolved tokens (Ref, Fn::*) synthesize as objects: the default is what AWS applies.
  return typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : fallback;
}

/** The logical id a `Fn::GetAtt` / `Ref` points at, if any. */
function referencedLogicalId(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === 'string') return v.Ref;
    const getAtt = v['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  }
  return undefined;
}

/** Kinesis's default when ShardCount is omitted in provisioned mode (AWS::Kinesis::Stream ShardCount). */
const DEFAULT_SHARD_COUNT = 1;
const BASE_RETENTION_HOURS = 24;

/**
 * A budget with at least one action is billed per day it exists, whatever its actions do. Spread
 * over the day's hours here; AWS counts budget-days, so a lab shorter than a day may pay the whole
 * day, which the note says rather than the figure (how a partial day counts is not published).
 */
const ACTION_BUDGET_NOTE = `billed per day while the budget has an action; the account's first ${FREE_ACTION_BUDGET_DAYS_PER_MONTH} action-enabled budget-days a month are free, `
  + `and this estimate assumes ${ASSUMED_FREE_ACTION_BUDGET_DAYS_LEFT} of them are left (other labs' and your own budgets use them); with free days left it is $0, `
  + 'without any a day started may be billed whole ($0.10)';

/**
 * Resource types whose properties `idleCostOfTemplate` reads (every other type is priced by its type
 * alone). Keep in step with its switch: the price templates stored at build time keep only these
 * properties, and test/cost compares their estimates with a fresh synthesis's.
 */
const PROPERTIES_READ = new Set([
  'AWS::Kinesis::Stream',
  'AWS::Kinesis::StreamConsumer',
  'AWS::SageMaker::App',
  'AWS::Budgets::BudgetsAction',
  'AWS::EC2::VPCEndpoint',
]);

/** The part of a template the cost model reads: every resource's type, and properties where they change the price. */
export function pricedPart(template: TemplateLike): TemplateLike {
  const resources = Object.entries(template.Resources ?? {}).map(([logicalId, r]) => [
    logicalId,
    PROPERTIES_READ.has(r.Type) && r.Properties ? { Type: r.Type, Properties: r.Properties } : { Type: r.Type },
  ]);
  return { Resources: Object.fromEntries(resources) };
}

/** Per-hour lines for every resource of the template that bills while idle. */
export function idleCostOfTemplate(template: TemplateLike, prices: ResolvedPrices): { idle: CostLine[]; payPerUse: string[] } {
  const resources = template.Resources ?? {};
  const idle: CostLine[] = [];
  const payPerUse = new Set<string>();
  const shardsOf = (logicalId: string | undefined): number => {
    const stream = logicalId ? resources[logicalId] : undefined;
    if (!stream || stream.Type !== 'AWS::Kinesis::Stream') return DEFAULT_SHARD_COUNT;
    return numberOr(stream.Properties?.ShardCount, DEFAULT_SHARD_COUNT);
  };
  // One line per budget that has actions, not per action: AWS bills the budget-day.
  const actionBudgets = new Set<string>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    const p = resource.Properties ?? {};
    const what = `${resource.Type} ${logicalId}`;
    switch (resource.Type) {
      case 'AWS::Kinesis::Stream': {
        if (p.StreamModeDetails?.StreamMode === 'ON_DEMAND') {
          idle.push(line(prices, what, 'kinesis:on-demand-stream-hour', 1, 'on-demand mode: data written and read is billed per GB on top'));
        } else {
          const shards = numberOr(p.ShardCount, DEFAULT_SHARD_COUNT);
          idle.push(line(prices, what, 'kinesis:shard-hour', shards, `${shards} shard(s), provisioned mode`));
          if (numberOr(p.RetentionPeriodHours, BASE_RETENTION_HOURS) > BASE_RETENTION_HOURS) {
            idle.push(line(prices, `${what} (extended retention)`, 'kinesis:extended-retention-shard-hour', shards, `retention ${p.RetentionPeriodHours} h > 24 h`));
          }
        }
        break;
      }
      case 'AWS::Kinesis::StreamConsumer': {
        const shards = shardsOf(referencedLogicalId(p.StreamARN));
        idle.push(line(prices, what, 'kinesis:efo-consumer-shard-hour', shards, 'enhanced fan-out consumer, billed per shard of its stream'));
        break;
      }
      case 'AWS::SageMaker::Domain':
        idle.push(line(prices, `${what} (home EFS volume)`, 'efs:storage-gb-month', ASSUMED_STUDIO_HOME_GB / HOURS_PER_MONTH,
          `created by SageMaker, not in the template; ${ASSUMED_STUDIO_HOME_GB} GB assumed`));
        payPerUse.add(`${resource.Type}: ${PAY_PER_USE[resource.Type]}`);
        break;
      case 'AWS::SageMaker::App': {
        const type = p.ResourceSpec?.InstanceType;
        if (typeof type === 'string' && type !== 'system') idle.push(line(prices, what, `sagemaker:studio-app-hour:${type}`, 1));
        break;
      }
      case 'AWS::Budgets::BudgetsAction': {
        const budget = referencedLogicalId(p.BudgetName) ?? (typeof p.BudgetName === 'string' ? p.BudgetName : JSON.stringify(p.BudgetName ?? logicalId));
        if (actionBudgets.has(budget)) break;
        actionBudgets.add(budget);
        idle.push(line(prices, `${what} (its budget ${budget} becomes action-enabled)`, 'budgets:action-enabled-budget-day', 1 / 24, ACTION_BUDGET_NOTE));
        break;
      }
      case 'AWS::CloudWatch::Alarm':
        idle.push(line(prices, what, 'cloudwatch:alarm-month', 1 / HOURS_PER_MONTH));
        break;
      case 'AWS::EC2::NatGateway':
        idle.push(line(prices, what, 'ec2:nat-gateway-hour', 1));
        break;
      case 'AWS::EC2::VPCEndpoint':
        if (p.VpcEndpointType === 'Interface') {
          const azs = Array.isArray(p.SubnetIds) ? p.SubnetIds.length : 1;
          idle.push(line(prices, what, 'ec2:interface-endpoint-az-hour', azs, `${azs} Availability Zone(s)`));
        }
        break;
      default: {
        const perUse = PAY_PER_USE[resource.Type];
        if (perUse) payPerUse.add(`${resource.Type}: ${perUse}`);
      }
    }
  }
  return { idle, payPerUse: [...payPerUse].sort() };
}

/** Idle cost per hour and expected cost to complete, for one lab in one region. */
export function estimateLabCost(lab: LabManifest, template: TemplateLike, region: string): CostEstimate {
  const prices = pricesFor(region);
  const { idle, payPerUse } = idleCostOfTemplate(template, prices);
  const idlePerHourUsd = round(idle.reduce((sum, l) => sum + l.usd, 0));
  const hours = lab.estimatedMinutes / 60;
  const usage: CostLine[] = [
    {
      what: `idle stack for the lab's ${lab.estimatedMinutes} minutes`,
      priceKey: 'idle',
      quantity: hours,
      unitUsd: idlePerHourUsd,
      unit: 'hour of the idle stack',
      usd: round(idlePerHourUsd * hours),
      verified: idle.every((l) => l.verified),
    },
    ...(lab.usage ?? []).map((u) => line(prices, u.note, u.item, u.quantity)),
  ];
  return {
    labId: lab.id,
    requestedRegion: region,
    pricesRegion: prices.region,
    fallback: prices.fallback,
    pricesRecorded: prices.recorded,
    idle,
    idlePerHourUsd,
    usage,
    expectedToCompleteUsd: round(usage.reduce((sum, l) => sum + l.usd, 0)),
    payPerUse,
  };
}

/** `$0.0150`, `$1.23`: four decimals under a dollar so per-hour figures stay readable. */
export function formatUsd(usd: number): string {
  if (usd !== 0 && Math.abs(usd) < 0.000001) return usd > 0 ? '<$0.000001' : '>-$0.000001';
  if (usd !== 0 && Math.abs(usd) < 0.0001) return `$${usd.toFixed(6)}`;
  return usd !== 0 && Math.abs(usd) < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** Marks a figure that rests on a price not checked against AWS's price data. */
const UNVERIFIED_MARK = '*';

function mark(verified: boolean): string {
  return verified ? '' : UNVERIFIED_MARK;
}

/** Whether every price an estimate uses was verified (idle, usage). */
function verifiedParts(e: CostEstimate): { idle: boolean; total: boolean } {
  const idle = e.idle.every((l) => l.verified);
  return { idle, total: idle && e.usage.every((l) => l.verified) };
}

function unverifiedFootnote(recorded: string): string {
  return `${UNVERIFIED_MARK} rests on a price not verified against AWS's price data when the table was checked (${recorded}): `
    + 'the pricing pages render their figures in the browser and no stored copy showed it; check it on the cited page (lib/cost/prices.ts) before relying on it.';
}

/** The report `mllab cost` prints. */
export function formatCostEstimate(e: CostEstimate): string {
  const out: string[] = [];
  const v = verifiedParts(e);
  out.push(`${e.labId}: idle ${formatUsd(e.idlePerHourUsd)}${mark(v.idle)}/hour, expected ${formatUsd(e.expectedToCompleteUsd)}${mark(v.total)} to complete`);
  out.push(e.fallback
    ? `  prices: the table has no prices for ${e.requestedRegion}; ${e.pricesRegion} prices used (recorded ${e.pricesRecorded})`
    : `  prices: ${e.pricesRegion} (recorded ${e.pricesRecorded})`);
  out.push('  idle, per hour:');
  if (e.idle.length === 0) out.push('    nothing bills by the hour');
  const row = (l: CostLine) => `    ${formatUsd(l.usd).padStart(9)}  ${l.what}: ${round(l.quantity)} x ${formatUsd(l.unitUsd)}${mark(l.verified)} per ${l.unit}${l.note ? ` (${l.note})` : ''}`;
  for (const l of e.idle) out.push(row(l));
  out.push('  to complete:');
  for (const l of e.usage) out.push(row(l));
  if (e.payPerUse.length > 0) out.push(`  billed only with use: ${e.payPerUse.join('; ')}`);
  if (!v.total) out.push(`  ${unverifiedFootnote(e.pricesRecorded)}`);
  return out.join('\n');
}

/** The README table "What each lab costs": the same figures `mllab cost` prints. */
export function costTableMarkdown(estimates: readonly CostEstimate[]): string {
  const regions = [...new Set(estimates.map((e) => e.pricesRegion))].join(', ');
  const recorded = [...new Set(estimates.map((e) => e.pricesRecorded))].join(', ');
  const rows = estimates.map((e) => {
    const v = verifiedParts(e);
    // Escaped: a bare asterisk may open emphasis in Markdown.
    const md = (ok: boolean) => (ok ? '' : `\\${UNVERIFIED_MARK}`);
    return `| \`${e.labId}\` | ${formatUsd(e.idlePerHourUsd)}${md(v.idle)} | ${formatUsd(e.expectedToCompleteUsd)}${md(v.total)} |`;
  });
  const anyUnverified = estimates.some((e) => !verifiedParts(e).total);
  return [
    `| lab | idle, per hour | expected to complete |`,
    `|---|---:|---:|`,
    ...rows,
    '',
    `Prices: ${regions}, from the AWS pricing pages cited in lib/cost/prices.ts, table checked on ${recorded}. Generated by \`mllab cost --markdown\`.`,
    ...(anyUnverified ? ['', `\\${unverifiedFootnote(recorded)}`] : []),
  ].join('\n');
}
