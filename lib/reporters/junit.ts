import junitReportBuilder from 'junit-report-builder';
import type { CheckRunResult } from '../check/runner';
import { sanitize } from './text';

/**
 * JUnit XML for instructors' CI, one test case per requirement (junit-report-builder): a failed
 * requirement is a <failure>, an undecided one an <error>, a skipped one <skipped/>.
 */
export function renderJunit(result: CheckRunResult): string {
  const builder = junitReportBuilder.newBuilder();
  const suite = builder
    .testSuite()
    .name(`mllab check ${result.lab}`)
    .time(result.durationMs / 1000)
    .property('region', result.region)
    .property('startedAt', result.startedAt);
  for (const r of result.requirements) {
    // XML 1.0 cannot hold most control characters, and findings quote AWS data that may carry them.
    const findings = r.findings.map(sanitize);
    const testCase = suite.testCase().className(`mllab.${result.lab}`).name(`${r.id} ${r.title}`).time(r.durationMs / 1000);
    const details = [...findings, ...(r.status === 'pass' ? [] : [`hint: ${r.hint} (${r.docs})`])].join('\n');
    if (r.status === 'fail') testCase.failure(findings.join(' '), 'requirement-failed').standardOutput(details);
    else if (r.status === 'error') testCase.error(findings.join(' '), 'could-not-decide', details);
    else if (r.status === 'skipped') testCase.skipped().standardOutput(details);
    else if (details) testCase.standardOutput(details);
  }
  return builder.build();
}
