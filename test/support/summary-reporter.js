// Prints the plain closing line `N passed, N failed` (and skipped, when any) after jest's own
// summary, so CI logs and tools that read closing lines see the totals in one standard form.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
    // At exit, so that it is the very last line, after jest's own summary.
    process.once('exit', () => process.stderr.write(`${line}\n`));
  }
}
module.exports = SummaryReporter;
