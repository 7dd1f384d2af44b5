// Spaced re-checks of passed labs with ts-fsrs (the FSRS scheduler Anki uses): a lab is a card, the
// run that first passed it every requirement is its first review, and each later decided run of it is
// another review: every requirement passing is `Good` (the next re-check moves further out), a failing
// requirement is `Again` (it comes back within days). Fuzz is off so a plan is reproducible.
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from 'ts-fsrs';
import type { LabManifest } from '../model';
import type { ProgressRun } from '../progress';

export interface ReCheckSchedule {
  readonly lab: string;
  /** When the lab should be rebuilt and checked again (UTC). */
  readonly due: Date;
  /** Reviews so far: the first full pass and every decided re-check after it. */
  readonly reviews: number;
  /** The latest review: 'pass' (every requirement passed) or 'fail' (one failed). */
  readonly last: 'pass' | 'fail';
  readonly lastReviewAt: string;
}

// Long-term scheduling only: a lab re-check is a day-scale event, not a flash card's minutes-later step.
const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));

function gradeOf(lab: LabManifest, run: ProgressRun): Grade | undefined {
  const ids = new Set(lab.requirements.map((r) => r.id));
  const mine = run.requirements.filter((r) => ids.has(r.id));
  if (mine.some((r) => r.status === 'fail')) return Rating.Again;
  if (ids.size > 0 && mine.filter((r) => r.status === 'pass').length === ids.size) return Rating.Good;
  // Errors, skips and partial runs (--only) decided nothing about the whole lab.
  return undefined;
}

/** The next re-check of every lab passed at least once, from its run history; earliest first. */
export function reCheckSchedule(labs: readonly LabManifest[], runs: readonly ProgressRun[]): ReCheckSchedule[] {
  const out: ReCheckSchedule[] = [];
  for (const lab of labs) {
    let card: Card | undefined;
    let reviews = 0;
    let last: 'pass' | 'fail' = 'pass';
    let lastReviewAt = '';
    for (const run of runs.filter((r) => r.lab === lab.id)) {
      const grade = gradeOf(lab, run);
      // Before the first full pass the lab is being learnt, not reviewed.
      if (grade === undefined || (!card && grade !== Rating.Good)) continue;
      const at = new Date(run.startedAt);
      card = scheduler.next(card ?? createEmptyCard(at), at, grade).card;
      reviews++;
      last = grade === Rating.Good ? 'pass' : 'fail';
      lastReviewAt = run.startedAt;
    }
    if (card) out.push({ lab: lab.id, due: card.due, reviews, last, lastReviewAt });
  }
  return out.sort((a, b) => a.due.getTime() - b.due.getTime() || a.lab.localeCompare(b.lab));
}
