import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadStoredDiagram, renderSvg } from '../../diagram';
import { buildPlan, readLastPlan } from '../../plan';
import { labProgress, progressReport, taskReport } from '../../progress';
import { renderReportHtml, type ReportDiagram } from '../../report';
import { EnvironmentError } from '../errors';
import type { CommandContext } from '../io';
import { echo } from '../text';
import { storedRuns } from './progress';

export const DEFAULT_REPORT_FILE = 'mllab-report.html';

export async function run(ctx: CommandContext, _args: string[], options: { html?: string | boolean }): Promise<number> {
  const file = typeof options.html === 'string' && options.html.trim() !== '' ? options.html : DEFAULT_REPORT_FILE;
  const { home, stored } = storedRuns(ctx);
  const labs = ctx.labs();
  const now = new Date();

  const reportLabs = labs.map((manifest) => {
    const last = [...stored.runs].reverse().find((r) => r.lab === manifest.id);
    return { manifest, progress: labProgress(manifest, stored.runs), ...(last ? { last } : {}) };
  });

  // The last diagram `mllab diagram` drew of each lab, drawn again as SVG (Graphviz in a worker).
  const diagrams: ReportDiagram[] = [];
  const problems: string[] = [];
  for (const lab of labs) {
    const graph = loadStoredDiagram(lab.id, home);
    if (!graph) continue;
    try {
      diagrams.push({ lab: lab.id, svg: await renderSvg(graph), generatedAt: graph.generatedAt });
    } catch (err) {
      problems.push(`${lab.id}: ${(err as Error).message}`);
    }
  }
  const diagramsNote = diagrams.length === 0 ? `No diagram stored in ${home}: run mllab diagram <lab> for a lab you have built.` : undefined;

  // The plan: the last one `mllab plan` made, brought up to date with the runs since (same options).
  const last = readLastPlan(home);
  const plan = last
    ? buildPlan(labs, stored.runs, { weeks: last.weeks, hoursPerWeek: last.hoursPerWeek, start: new Date(`${last.start}T00:00:00Z`), ...(last.examDate ? { examDate: new Date(`${last.examDate}T00:00:00Z`) } : {}) })
    : null;

  const html = renderReportHtml({
    generatedAt: now.toISOString(),
    home,
    progress: progressReport(labs, stored.runs),
    tasks: taskReport(labs, stored.runs),
    labs: reportLabs,
    diagrams,
    ...(diagramsNote ? { diagramsNote } : {}),
    plan,
    planNote: plan ? 'Your last mllab plan, with the progress since.' : 'No plan yet: run mllab plan --hours-per-week H, then this report again.',
  });
  try {
    writeFileSync(file, html);
  } catch (err: any) {
    throw new EnvironmentError(`cannot write ${echo(file)} (${err?.code ?? err?.message})`);
  }
  for (const p of problems) ctx.err(`mllab: diagram left out: ${p}`);
  ctx.out(ctx.terminal.wrap(`Report written to ${resolve(file)} (${diagrams.length} diagram(s), ${plan ? 'with' : 'without'} a plan); open it in a browser.`));
  return 0;
}
