// Generates the synthetic support-ticket data shipped with the training-approach lab:
// labs/training-approach/data/train/tickets.csv. The file is byte-for-byte reproducible from SEED
// (test/labs/training-approach/data.test.ts compares it with ticketsCsv()).
//
// Run after a build: `npm run build && node dist/labs/training-approach/generate-data.js`.
//
// Format: a header row, the label `escalated` (0 or 1) first, then six numeric features. The
// learner's own training script reads it, so a header is the friendly choice (the built-in
// algorithms' CSV convention of no header does not apply to a script).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gaussian, mulberry32 } from '../prng';

export const SEED = 20_261_201;
export const TICKET_ROWS = 800;
export const TICKETS_FILE = 'tickets.csv';
export const COLUMNS = ['escalated', 'priority', 'channel', 'customer_tier', 'first_response_hours', 'reopen_count', 'sentiment'] as const;

/** The shipped CSV for `seed`: escalation grows with priority, slow first responses, reopenings and negative sentiment. */
export function ticketsCsv(seed = SEED): string {
  const random = mulberry32(seed);
  const lines: string[] = [COLUMNS.join(',')];
  for (let i = 0; i < TICKET_ROWS; i++) {
    const priority = 1 + Math.floor(random() * 4);
    const channel = Math.floor(random() * 3);
    const tier = Math.floor(random() * 3);
    const response = Math.max(0.1, Math.exp(1 + 0.8 * gaussian(random)));
    const reopen = random() < 0.7 ? 0 : 1 + Math.floor(random() * 3);
    const sentiment = Math.max(-1, Math.min(1, 0.6 * gaussian(random)));
    const score = -3.2 + 0.55 * priority + 0.06 * response + 0.7 * reopen - 1.4 * sentiment + 0.3 * tier + (channel === 1 ? 0.4 : 0) + 0.5 * gaussian(random);
    const escalated = random() < 1 / (1 + Math.exp(-score)) ? 1 : 0;
    lines.push([escalated, priority, channel, tier, response.toFixed(2), reopen, sentiment.toFixed(3)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  const file = join(__dirname, '..', '..', '..', 'labs', 'training-approach', 'data', 'train', TICKETS_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, ticketsCsv());
}
