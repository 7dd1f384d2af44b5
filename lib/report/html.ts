// `mllab report --html`: one self-contained page a learner can open anywhere, offline. Everything is
// inline (CSS, SVG charts, diagrams); a Content-Security-Policy forbids any fetch, script or font, so
// the page cannot reach the network even if a string slipped through. Every text from a manifest, a
// check or AWS goes through `escapeHtml`.
import type { LabManifest } from '../model';
import type { StudyPlan } from '../plan';
import type { DomainProgress, LabProgress, ProgressReport, ProgressRun, TaskProgress, TaskReport } from '../progress';

export interface ReportLab {
  readonly manifest: LabManifest;
  readonly progress: LabProgress;
  /** The lab's latest stored run, with findings when the check gave some. */
  readonly last?: ProgressRun;
}

export interface ReportDiagram {
  readonly lab: string;
  /** An SVG document (Graphviz output). */
  readonly svg: string;
  readonly generatedAt: string;
}

export interface ReportInput {
  readonly generatedAt: string;
  readonly home: string;
  readonly progress: ProgressReport;
  readonly tasks: TaskReport;
  readonly labs: readonly ReportLab[];
  readonly diagrams: readonly ReportDiagram[];
  /** Why no diagram is shown, when none is. */
  readonly diagramsNote?: string;
  readonly plan: StudyPlan | null;
  /** How the plan was made (its options), in words. */
  readonly planNote?: string;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((1000 * n) / d) / 10);

/**
 * A diagram's SVG made fit to sit inside the page: no XML prolog or doctype, no comments, and
 * nothing that could run (scripts, event handlers, foreign objects, links out).
 */
export function inlineSvg(svg: string): string {
  return svg
    .replace(/<\?xml[\s\S]*?\?>/g, '')
    .replace(/<!DOCTYPE[\s\S]*?>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|foreignObject)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/\s(on[a-z]+)\s*=\s*("[^"]*"|'[^']*')/gi, '')
    .replace(/\s(xlink:href|href)\s*=\s*("(?!#)[^"]*"|'(?!#)[^']*')/gi, '')
    .trim();
}

interface Bar {
  readonly key: string;
  readonly label: string;
  readonly passed: number;
  readonly total: number;
  readonly weightedGap: number;
  readonly note?: string;
}

/** A bar per row: an inline SVG 100 units wide, the filled share in `data-value` (percent passed). */
function barChart(kind: 'domain' | 'task', title: string, bars: readonly Bar[]): string {
  const rows = bars
    .map((b) => {
      const value = pct(b.passed, b.total);
      const attrs = `data-${kind}="${escapeHtml(b.key)}" data-value="${value}" data-passed="${b.passed}" data-total="${b.total}" data-gap="${b.weightedGap}"`;
      const label = `<span class="key">${escapeHtml(b.key)}</span> ${escapeHtml(b.label)}`;
      const figures = b.total === 0 ? escapeHtml(b.note ?? 'no lab trains it yet') : `${b.passed}/${b.total} requirements (${value}%), weighted gap ${(b.weightedGap * 100).toFixed(1)}%`;
      return `<li class="bar" ${attrs}><div class="label">${label}</div><svg class="track" viewBox="0 0 100 4" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(`${b.key}: ${value}% passed`)}"><rect class="bg" x="0" y="0" width="100" height="4"/><rect class="fill" x="0" y="0" width="${value}" height="4"/></svg><div class="figures">${figures}</div></li>`;
    })
    .join('\n');
  return `<figure class="chart" data-chart="${kind}"><figcaption>${escapeHtml(title)}</figcaption><ul>${rows}</ul></figure>`;
}

const domainBar = (d: DomainProgress): Bar => ({ key: d.id, label: d.name, passed: d.requirementsPassed, total: d.requirements, weightedGap: d.weightedGap });
const taskBar = (t: TaskProgress): Bar => ({ key: t.id, label: t.name, passed: t.requirementsPassed, total: t.requirements, weightedGap: t.weightedGap });

const STATUS_WORD: Readonly<Record<string, string>> = { pass: 'pass', fail: 'fail', error: 'could not decide', skipped: 'skipped', none: 'not checked' };

function labSection(lab: ReportLab): string {
  const { manifest, progress, last } = lab;
  const byId = new Map((last?.requirements ?? []).map((r) => [r.id, r]));
  const summary = last
    ? `Last check ${escapeHtml(last.startedAt.slice(0, 16).replace('T', ' '))} UTC: ${last.requirements.filter((r) => r.status === 'pass').length}/${last.requirements.length} passed${progress.passed && last.requirements.some((r) => r.status !== 'pass') ? '; every requirement passed in an earlier check' : ''}.`
    : 'Not checked yet.';
  const rows = manifest.requirements
    .map((r) => {
      const result = byId.get(r.id);
      const status = result?.status ?? 'none';
      const findings = result?.findings?.length ? `<ul class="findings">${result.findings.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>` : '';
      const tasks = (r.tasks ?? []).map((t) => escapeHtml(t.replace('MLA-C01/', ''))).join(', ');
      return `<tr data-requirement="${escapeHtml(r.id)}" data-status="${status}"><th scope="row">${escapeHtml(r.id)}</th><td><span class="status ${status}">${STATUS_WORD[status]}</span></td><td>${escapeHtml(r.title)}${findings}<div class="meta">tasks ${tasks || '-'}; ever passed: ${progress.requirementsPassed.includes(r.id) ? 'yes' : 'no'}</div></td></tr>`;
    })
    .join('\n');
  return `<section class="lab" id="lab-${escapeHtml(manifest.id)}" data-lab="${escapeHtml(manifest.id)}"><h3>${escapeHtml(manifest.title)} <code>${escapeHtml(manifest.id)}</code></h3><p>${summary}</p><div class="scroll"><table><thead><tr><th scope="col">Req.</th><th scope="col">Last result</th><th scope="col">Requirement and findings</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

function planSection(plan: StudyPlan | null, note: string | undefined): string {
  if (!plan) return `<p>${escapeHtml(note ?? 'No plan yet: run mllab plan --hours-per-week H.')}</p>`;
  const hours = (h: number) => `${Number(h.toFixed(2))} h`;
  const weeks = plan.schedule
    .map((w) => {
      const study = w.study.map((s) => `<li data-task="${escapeHtml(s.task)}">${hours(s.hours)} <strong>${escapeHtml(s.task)}</strong> ${escapeHtml(s.name)}: ${s.labs.length ? s.labs.map((l) => `${escapeHtml(l.lab)} (${escapeHtml(l.requirements.join(', '))})`).join(', ') : 'no lab trains it yet: study its skills in the exam guide'}</li>`);
      const rechecks = w.review.reChecks.map((r) => `<li>re-check ${escapeHtml(r.lab)} (${r.overdue ? 'overdue since' : 'due'} ${escapeHtml(r.due)})</li>`);
      return `<li class="week" data-week="${w.week}"><h3>Week ${w.week}: ${escapeHtml(w.start)} to ${escapeHtml(w.end)}, ${hours(w.hours)}</h3><ul>${study.join('')}<li>${hours(w.review.hours)} review slot${rechecks.length ? `:<ul>${rechecks.join('')}</ul>` : ''}</li></ul></li>`;
    })
    .join('\n');
  return `<p>${escapeHtml(note ?? '')} ${plan.weeks} week(s) x ${hours(plan.hoursPerWeek)} from ${escapeHtml(plan.start)}${plan.examDate ? `, exam on ${escapeHtml(plan.examDate)}` : ''}.</p><ol class="plan">${weeks}</ol>`;
}

const CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--track:#eaeef2;--bar:#1f6feb;--pass:#1a7f37;--fail:#cf222e;--error:#9a6700;--card:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#30363d;--track:#21262d;--bar:#4493f8;--pass:#3fb950;--fail:#f85149;--error:#d29922;--card:#161b22}}
*{box-sizing:border-box}
body{margin:0;padding:1rem;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:72rem;margin-inline:auto;overflow-wrap:anywhere}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.25rem;border-bottom:1px solid var(--line);padding-bottom:.25rem;margin-top:2rem}h3{font-size:1.05rem;margin:1rem 0 .5rem}
p,.meta,.figures,figcaption{color:var(--muted)}
code{font-size:.9em}
.chart{margin:0 0 1.5rem}.chart ul{list-style:none;padding:0;margin:0}
.bar{margin:.6rem 0}.bar .label{color:var(--fg)}.key{font-weight:600}
.track{display:block;width:100%;height:14px}.track .bg{fill:var(--track)}.track .fill{fill:var(--bar)}
.figures{font-size:.9rem}
.grid{display:grid;gap:1.5rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,26rem),1fr))}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%}th,td{border-top:1px solid var(--line);padding:.4rem;text-align:left;vertical-align:top}
.status{font-weight:600;white-space:nowrap}.status.pass{color:var(--pass)}.status.fail{color:var(--fail)}.status.error{color:var(--error)}.status.skipped,.status.none{color:var(--muted)}
.findings{margin:.25rem 0;padding-left:1.2rem}
.lab,.diagram{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.diagram svg{max-width:100%;height:auto}
.diagram .frame{overflow-x:auto;background:#fff;border-radius:4px;padding:.25rem}
.plan{padding-left:0;list-style:none}.plan ul{padding-left:1.2rem}
@media (max-width:40rem){body{padding:.5rem}thead{display:none}table,tbody,tr,th,td{display:block}tr{border-top:1px solid var(--line);padding:.4rem 0}th,td{border:0;padding:.1rem 0}th[scope=row]{display:inline-block;margin-right:.5rem}td:first-of-type{display:inline-block}}
`;

/** The start of a self-contained page up to its <body>: no network (the policy blocks every load), light and dark. */
export function pageHead(title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
`;
}

/** The whole page. */
export function renderReportHtml(input: ReportInput): string {
  const mla = input.progress.blueprints.find((b) => b.id === 'MLA-C01')!;
  const mls = input.progress.blueprints.find((b) => b.id === 'MLS-C01')!;
  const diagrams = input.diagrams.length
    ? input.diagrams.map((d) => `<figure class="diagram" data-lab="${escapeHtml(d.lab)}"><figcaption>${escapeHtml(d.lab)}, drawn ${escapeHtml(d.generatedAt.slice(0, 16).replace('T', ' '))} UTC</figcaption><div class="frame">${inlineSvg(d.svg)}</div></figure>`).join('\n')
    : `<p>${escapeHtml(input.diagramsNote ?? 'No diagram yet: run mllab diagram <lab>.')}</p>`;
  return `${pageHead('mllab progress report')}<header><h1>mllab progress report</h1><p>Generated ${escapeHtml(input.generatedAt.slice(0, 16).replace('T', ' '))} UTC from ${input.progress.runs} check run(s) in <code>${escapeHtml(input.home)}</code>.</p></header>
<main>
<section id="domains"><h2>Progress per exam domain</h2><div class="grid">${barChart('domain', `${mla.id}: ${mla.name}`, mla.domains.map(domainBar))}${barChart('domain', `${mls.id}: ${mls.name}`, mls.domains.map(domainBar))}</div></section>
<section id="tasks"><h2>Progress per MLA-C01 task statement</h2>${barChart('task', 'Requirements passed per task statement, largest weighted gap first', input.tasks.tasks.map(taskBar))}</section>
<section id="labs"><h2>Labs: last result and findings</h2>${input.labs.map(labSection).join('\n')}</section>
<section id="diagrams"><h2>Diagrams of the labs checked</h2>${diagrams}</section>
<section id="plan"><h2>Study plan</h2>${planSection(input.plan, input.planNote)}</section>
</main>
</body>
</html>
`;
}
