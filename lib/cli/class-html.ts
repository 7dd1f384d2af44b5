// `mllab class check|run|report --html <file>`: the scoreboard as one self-contained page, in the
// progress report's style (lib/report: same stylesheet, escaping and Content-Security-Policy).
import type { Scoreboard } from '../class/scoreboard';
import { escapeHtml, pageHead } from '../report';

const WORD: Readonly<Record<string, string>> = { pass: 'pass', fail: 'fail', error: 'could not decide', skipped: 'skipped' };

export function renderScoreboardHtml(board: Scoreboard, generatedAt: string): string {
  const ids = board.requirements.map((r) => r.id);
  const checked = board.learners.filter((l) => l.status === 'checked');
  const bars = board.requirements
    .map((r) => {
      const passed = checked.filter((l) => l.requirements?.[r.id] === 'pass').length;
      const value = checked.length ? Math.round((100 * passed) / checked.length) : 0;
      return `<li class="bar" data-requirement="${escapeHtml(r.id)}" data-value="${value}" data-passed="${passed}" data-total="${checked.length}"><div class="label"><span class="key">${escapeHtml(r.id)}</span> ${escapeHtml(r.title)}</div><svg class="track" viewBox="0 0 100 4" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(`${r.id}: ${value}% of checked learners pass`)}"><rect class="bg" x="0" y="0" width="100" height="4"/><rect class="fill" x="0" y="0" width="${value}" height="4"/></svg><div class="figures">${passed}/${checked.length} checked learners pass (${value}%)</div></li>`;
    })
    .join('\n');
  const rows = board.learners
    .map((l) => {
      const cells = ids
        .map((id) => {
          const status = l.requirements?.[id];
          const finding = l.findings?.[id]?.[0];
          return status ? `<td data-status="${status}"><span class="status ${status}">${WORD[status]}</span>${finding && status !== 'pass' ? `<div class="meta">${escapeHtml(finding)}</div>` : ''}</td>` : '<td></td>';
        })
        .join('');
      const score = l.status === 'error' ? `<span class="status error">could not be checked</span><div class="meta">${escapeHtml(l.error ?? '')}</div>` : `${l.passed}/${l.total}`;
      return `<tr data-learner="${escapeHtml(l.name)}" data-status="${l.status}"><th scope="row">${escapeHtml(l.name)}<div class="meta">${escapeHtml(l.account)} ${escapeHtml(l.region)}</div></th>${cells}<td>${score}</td></tr>`;
    })
    .join('\n');
  const { learners, allPassed, someFailed, errors } = board.summary;
  return `${pageHead(`mllab class scoreboard: ${board.lab}`)}<header><h1>Class scoreboard: <code>${escapeHtml(board.lab)}</code></h1><p>Checked ${escapeHtml(board.startedAt.slice(0, 16).replace('T', ' '))} UTC, generated ${escapeHtml(generatedAt.slice(0, 16).replace('T', ' '))} UTC. ${learners} learners: ${allPassed} passed every requirement, ${someFailed} have some to do, ${errors} could not be checked.</p></header>
<main>
<section id="requirements"><h2>Per requirement</h2><figure class="chart" data-chart="requirement"><figcaption>Share of checked learners who pass each requirement</figcaption><ul>${bars}</ul></figure></section>
<section id="learners"><h2>Per learner</h2><div class="scroll"><table><thead><tr><th scope="col">Learner</th>${ids.map((id) => `<th scope="col">${escapeHtml(id)}</th>`).join('')}<th scope="col">Score</th></tr></thead><tbody>${rows}</tbody></table></div></section>
</main>
</body>
</html>
`;
}
