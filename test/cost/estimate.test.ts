import { allLabs } from '../../labs';
import type { LabManifest } from '../../lib/model';
import { costTableMarkdown, estimateLabCost, formatCostEstimate, idleCostOfTemplate, type TemplateLike } from '../../lib/cost/estimate';
import { PRICE_TABLE, pricesFor, UnknownPriceError } from '../../lib/cost/prices';
import { synthesizeLabTemplate } from '../../lib/cost/template';

const lab = (over: Partial<LabManifest> = {}): LabManifest => ({
  id: 'cost-lab', title: 't', summary: 's',
  domains: { 'MLA-C01': ['MLA-C01/D1'], 'MLS-C01': ['MLS-C01/D1'] },
  environments: ['streaming'], estimatedMinutes: 120, estimatedCostUsd: 0, requirements: [], ...over,
});

const streamingTemplate: TemplateLike = {
  Resources: {
    Stream: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 2, RetentionPeriodHours: 48 } },
    Consumer: { Type: 'AWS::Kinesis::StreamConsumer', Properties: { StreamARN: { 'Fn::GetAtt': ['Stream', 'Arn'] }, ConsumerName: 'c' } },
    OnDemand: { Type: 'AWS::Kinesis::Stream', Properties: { StreamModeDetails: { StreamMode: 'ON_DEMAND' } } },
    Delivery: { Type: 'AWS::KinesisFirehose::DeliveryStream', Properties: {} },
    Bucket: { Type: 'AWS::S3::Bucket' },
    Budget: { Type: 'AWS::Budgets::Budget', Properties: {} },
    Alarm: { Type: 'AWS::CloudWatch::Alarm', Properties: {} },
    Role: { Type: 'AWS::IAM::Role', Properties: {} },
  },
};

describe('idle cost of a synthesized template', () => {
  test('counts shards, extended retention, consumers per shard of their stream, on-demand streams and alarms', () => {
    const { idle, payPerUse } = idleCostOfTemplate(streamingTemplate, pricesFor('us-east-1'));
    const byWhat = Object.fromEntries(idle.map((l) => [l.what, l]));
    expect(byWhat['AWS::Kinesis::Stream Stream']).toMatchObject({ priceKey: 'kinesis:shard-hour', quantity: 2, usd: 0.03 });
    expect(byWhat['AWS::Kinesis::Stream Stream (extended retention)']).toMatchObject({ quantity: 2, usd: 0.04 });
    expect(byWhat['AWS::Kinesis::StreamConsumer Consumer']).toMatchObject({ priceKey: 'kinesis:efo-consumer-shard-hour', quantity: 2, usd: 0.03 });
    expect(byWhat['AWS::Kinesis::Stream OnDemand']).toMatchObject({ priceKey: 'kinesis:on-demand-stream-hour', usd: 0.04 });
    expect(byWhat['AWS::CloudWatch::Alarm Alarm']!.usd).toBeCloseTo(0.1 / 730, 6);
    // Pay-per-use resources add nothing per idle hour but are named, so a reader knows they bill with use.
    expect(byWhat['AWS::KinesisFirehose::DeliveryStream Delivery']).toBeUndefined();
    expect(payPerUse.join('\n')).toMatch(/KinesisFirehose::DeliveryStream: per GB ingested/);
    expect(idle.some((l) => l.what.includes('Role'))).toBe(false);
  });

  test('a template with nothing hourly costs zero per hour', () => {
    const { idle } = idleCostOfTemplate({ Resources: { B: { Type: 'AWS::S3::Bucket' } } }, pricesFor('us-east-1'));
    expect(idle).toEqual([]);
  });

  test('a Studio domain carries its home EFS volume, an app its instance type', () => {
    const { idle } = idleCostOfTemplate({
      Resources: {
        Domain: { Type: 'AWS::SageMaker::Domain', Properties: {} },
        App: { Type: 'AWS::SageMaker::App', Properties: { ResourceSpec: { InstanceType: 'ml.t3.medium' } } },
        SystemApp: { Type: 'AWS::SageMaker::App', Properties: { ResourceSpec: { InstanceType: 'system' } } },
      },
    }, pricesFor('us-east-1'));
    expect(idle.map((l) => l.priceKey).sort()).toEqual(['efs:storage-gb-month', 'sagemaker:studio-app-hour:ml.t3.medium']);
  });
});

describe('expected cost to complete', () => {
  test('adds the idle stack for the lab\'s duration to its declared usage', () => {
    const e = estimateLabCost(lab({ usage: [{ item: 'sagemaker:training-hour:ml.m5.large', quantity: 2, note: 'two one-hour jobs' }] }), streamingTemplate, 'us-east-1');
    expect(e.idlePerHourUsd).toBeCloseTo(0.03 + 0.04 + 0.03 + 0.04 + 0.1 / 730, 6);
    expect(e.expectedToCompleteUsd).toBeCloseTo(e.idlePerHourUsd * 2 + 0.23, 6);
    expect(e.fallback).toBe(false);
  });

  test('a region the table does not have is priced with us-east-1, and the report says so', () => {
    const e = estimateLabCost(lab(), streamingTemplate, 'ap-southeast-2');
    expect(e).toMatchObject({ fallback: true, pricesRegion: 'us-east-1', requestedRegion: 'ap-southeast-2' });
    expect(formatCostEstimate(e)).toMatch(/no prices for ap-southeast-2; us-east-1 prices used/);
  });

  test('fails when a lab declares usage the table cannot price, naming the key', () => {
    expect(() => estimateLabCost(lab({ usage: [{ item: 'sagemaker:training-hour:ml.p5.48xlarge', quantity: 1, note: 'x' }] }), {}, 'us-east-1')).toThrow(UnknownPriceError);
  });
});

describe('budget actions', () => {
  const budgetTemplate: TemplateLike = {
    Resources: {
      Budget: { Type: 'AWS::Budgets::Budget', Properties: { Budget: { BudgetName: 'MlLab-x' } } },
      Stop: { Type: 'AWS::Budgets::BudgetsAction', Properties: { BudgetName: 'MlLab-x' } },
      Notify: { Type: 'AWS::Budgets::BudgetsAction', Properties: { BudgetName: 'MlLab-x' } },
      Other: { Type: 'AWS::Budgets::BudgetsAction', Properties: { BudgetName: { Ref: 'OtherBudget' } } },
    },
  };

  test('a budget with actions bills $0.10 per day, once per budget however many actions it has, assuming no free budget-days left', () => {
    const { idle } = idleCostOfTemplate(budgetTemplate, pricesFor('us-east-1'));
    const budgetLines = idle.filter((l) => l.priceKey === 'budgets:action-enabled-budget-day');
    expect(budgetLines.map((l) => l.what)).toEqual([
      'AWS::Budgets::BudgetsAction Stop (its budget MlLab-x becomes action-enabled)',
      'AWS::Budgets::BudgetsAction Other (its budget OtherBudget becomes action-enabled)',
    ]);
    for (const l of budgetLines) {
      expect(l).toMatchObject({ quantity: 1 / 24, unitUsd: 0.1, verified: true });
      expect(l.usd).toBeCloseTo(0.1 / 24, 6);
      expect(l.note).toMatch(/first 62 action-enabled budget-days a month are free, and this estimate assumes 0 of them are left/);
    }
  });

  test('a budget without actions is free and adds nothing per hour', () => {
    const { idle, payPerUse } = idleCostOfTemplate({ Resources: { Budget: { Type: 'AWS::Budgets::Budget', Properties: {} } } }, pricesFor('us-east-1'));
    expect(idle).toEqual([]);
    expect(payPerUse.join('\n')).toMatch(/AWS::Budgets::Budget: free without an action/);
  });

  test('every lab stack has an action-enabled budget in its idle cost', () => {
    const first = allLabs()[0]!;
    const e = estimateLabCost(first, synthesizeLabTemplate(first.id), 'us-east-1');
    expect(e.idle.filter((l) => l.priceKey === 'budgets:action-enabled-budget-day')).toHaveLength(1);
  });
});

describe('unverified prices', () => {
  test('are marked with an asterisk and a footnote; a verified-only estimate carries neither', () => {
    const unverified = estimateLabCost(lab(), streamingTemplate, 'us-east-1');
    const text = formatCostEstimate(unverified);
    expect(text).toMatch(/^cost-lab: idle \$\S+\*\/hour, expected \$\S+\* to complete$/m);
    expect(text).toMatch(/2 x \$0\.0150\* per shard-hour/);
    expect(text).toMatch(/\* rests on a price not verified against AWS's price data when the table was checked \(2026-11-25\)/);
    const verifiedOnly = estimateLabCost(lab(), { Resources: { Stop: { Type: 'AWS::Budgets::BudgetsAction', Properties: { BudgetName: 'b' } } } }, 'us-east-1');
    const clean = formatCostEstimate(verifiedOnly);
    expect(clean).not.toContain('*');
    expect(costTableMarkdown([unverified, verifiedOnly])).toMatch(/\| `cost-lab` \| \$\S+\\\* \| \$\S+\\\* \|\n\| `cost-lab` \| \$0\.0042 \| \$0\.0083 \|/);
  });
});

describe('price table', () => {
  test('says for every entry whether it was verified, and where', () => {
    for (const { prices } of Object.values(PRICE_TABLE)) {
      for (const [key, p] of Object.entries(prices)) {
        if (p.verified !== false) expect(`${key}: ${p.verified.from}`).toMatch(/: (AWS Price List API|https:\/\/aws\.amazon\.com\/).*\$\d/);
      }
    }
    const budget = pricesFor('us-east-1').price('budgets:action-enabled-budget-day');
    expect(budget).toMatchObject({ usd: 0.1, source: 'https://aws.amazon.com/aws-cost-management/aws-budgets/pricing/' });
    expect(budget.verified).not.toBe(false);
  });

  test('every entry cites an AWS pricing page and a positive or explained price', () => {
    for (const { prices, recorded } of Object.values(PRICE_TABLE)) {
      expect(recorded).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const [key, p] of Object.entries(prices)) {
        expect(p.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
        if (p.usd === 0) expect(`${key}: ${p.assumption ?? p.unit}`).toMatch(/free|not requests/);
      }
    }
  });

  test('has every key the UsageItem contract names', () => {
    const prices = pricesFor('us-east-1');
    for (const key of ['kinesis:shard-hour', 'kinesis:extended-retention-shard-hour', 'kinesis:efo-consumer-shard-hour', 'kinesis:efo-data-gb',
      'kinesis:on-demand-stream-hour', 'kinesis:on-demand-data-gb', 'kinesis:put-payload-units-million', 'firehose:ingested-gb',
      's3:storage-gb-month', 's3:put-requests-thousand', 'glue:crawler-dpu-hour', 'athena:scanned-tb', 'sagemaker:serverless-inference-gb-second',
      'sagemaker:serverless-requests-million', 'cloudwatch:metric-month', 'sagemaker:training-spot-hour:ml.m5.large', 'sagemaker:training-hour:ml.m5.large',
      'sagemaker:studio-app-hour:ml.t3.medium']) {
      expect(() => prices.price(key)).not.toThrow();
    }
  });

  test.each(allLabs().map((l) => [l.id, l] as const))('prices every usage item and instance type of lab %s', (_id, registered) => {
    const prices = pricesFor('us-east-1');
    for (const u of registered.usage ?? []) expect(() => prices.price(u.item)).not.toThrow();
    // Teardown prices what it finds running by instance type: every type a lab allows must be in the table.
    for (const type of registered.instanceTypes ?? []) {
      const kinds = ['training-hour', 'hosting-hour', 'studio-app-hour', 'notebook-hour'].filter((k) => {
        try { prices.price(`sagemaker:${k}:${type}`); return true; } catch { return false; }
      });
      expect(`${type}: ${kinds.join(',')}`).not.toMatch(/: $/);
    }
    expect(() => estimateLabCost(registered, {}, 'us-east-1')).not.toThrow();
  });
});
