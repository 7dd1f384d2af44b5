import { allLabs } from '../../labs';
import { estimateLabCost } from '../../lib/cost/estimate';
import { synthesizeLabTemplate } from '../../lib/cost/template';

test.each(allLabs().map((l) => [l.id, l] as const))('prices the synthesized stack of lab %s', (_id, lab) => {
  const template = synthesizeLabTemplate(lab.id);
  const types = new Set(Object.values(template.Resources ?? {}).map((r) => r.Type));
  const e = estimateLabCost(lab, template, 'us-east-1');
  // Every environment's billable-by-the-hour resource shows up in the idle lines.
  if (types.has('AWS::Kinesis::Stream')) expect(e.idle.some((l) => l.priceKey.startsWith('kinesis:'))).toBe(true);
  if (types.has('AWS::SageMaker::Domain')) expect(e.idle.some((l) => l.priceKey === 'efs:storage-gb-month')).toBe(true);
  if (types.has('AWS::Glue::Crawler')) expect(e.payPerUse.join()).toMatch(/Glue::Crawler/);
  expect(e.expectedToCompleteUsd).toBeGreaterThan(0);
  // `mllab list` shows the lab's own estimate, `mllab cost` the computed one: they must tell the
  // learner the same story (within a quarter, or two cents for labs that cost pennies).
  const tolerance = Math.max(0.02, e.expectedToCompleteUsd * 0.25);
  expect(`${lab.id} estimatedCostUsd ${lab.estimatedCostUsd}, mllab cost ${e.expectedToCompleteUsd.toFixed(4)}: ${Math.abs(lab.estimatedCostUsd - e.expectedToCompleteUsd) <= tolerance ? 'consistent' : 'update one of them'}`).toMatch(/consistent$/);
});
