// The terminal report written while the run goes on: each requirement's block as soon as it and
// every requirement before it are done (so the printed report reads exactly as renderTerminal's),
// and, when stderr is a TTY, a live line there naming what is being checked (progress goes to
// stderr, as spinners do, so stdout holds the report alone: for pipes, NO_COLOR and --json).
import { sharedPrecondition, type CheckRunResult, type RequirementResult } from '../check/runner';
import { headerLine, renderRequirement, summaryLines, type TerminalOptions } from './terminal';

export interface LiveReportOptions extends TerminalOptions {
  /** Where the report goes (stdout); none under --json, whose report is written at the end. */
  readonly report?: (text: string) => void;
  /** Where the live line goes (a stderr that is a TTY, not TERM=dumb); none: no live line. */
  readonly status?: (text: string) => void;
}

/** Erase the current line: carriage return, then CSI 2 K (ECMA-48 EL, "erase in line", entire line). */
const ERASE_LINE = '\r\u001b[2K';

export class LiveReport {
  private readonly done = new Map<string, RequirementResult>();
  private readonly running = new Set<string>();
  private printed = 0;
  private statusShown = false;
  private headed = false;

  /** `order` is the requirement ids in report order (the lab's, filtered by --only and what they depend on). */
  constructor(
    private readonly lab: string,
    private readonly region: string,
    private readonly order: readonly string[],
    private readonly options: LiveReportOptions,
  ) {}

  begin(): void {
    this.status();
  }

  /** Report text; the header goes first, once, with the first block (so a run told in one line prints none). */
  private write(text: string): void {
    if (!this.options.report) return;
    if (!this.headed) this.options.report(`${headerLine(this.lab, this.region, this.options)}\n\n`);
    this.headed = true;
    this.options.report(text);
  }

  started(id: string): void {
    this.running.add(id);
    this.status();
  }

  completed(result: RequirementResult): void {
    this.running.delete(result.id);
    this.done.set(result.id, result);
    this.flush();
  }

  /** The rest of the report: requirements not printed yet, then the summary. */
  finish(result: CheckRunResult): void {
    this.clearStatus();
    for (const r of result.requirements.slice(this.printed)) this.write(renderRequirement(r, this.options));
    this.printed = result.requirements.length;
    this.write(`\n${summaryLines(result).join('\n')}\n`);
  }

  /** Stops the live line without printing more (the run ended on a precondition told elsewhere). */
  abandon(): void {
    this.clearStatus();
  }

  private flush(): void {
    const ready: RequirementResult[] = [];
    for (const id of this.order.slice(this.printed)) {
      const r = this.done.get(id);
      if (!r) break;
      ready.push(r);
    }
    const all = this.order.slice(0, this.printed + ready.length).map((id) => this.done.get(id)!);
    // While everything so far ended on one run-wide cause (no credentials, endpoint down, lab stack
    // missing), hold it back: if the rest does too, it is told once, not per requirement.
    if (ready.length === 0 || sharedPrecondition(all)) {
      this.status();
      return;
    }
    this.clearStatus();
    for (const r of ready) this.write(renderRequirement(r, this.options));
    this.printed += ready.length;
    this.status();
  }

  private status(): void {
    if (!this.options.status) return;
    const names = [...this.running].join(', ');
    const line = `checking ${names || '...'} (${this.done.size}/${this.order.length} done)`;
    this.options.status(`${ERASE_LINE}${line.slice(0, Math.max(10, (this.options.width ?? 80) - 1))}`);
    this.statusShown = true;
  }

  private clearStatus(): void {
    if (!this.statusShown) return;
    this.options.status?.(ERASE_LINE);
    this.statusShown = false;
  }
}
