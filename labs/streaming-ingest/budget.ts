// How long a check may keep reading before it must decide with what it has. The runner aborts a
// requirement after its timeout (lib/check/runner.ts, 30 s by default) with a generic message; a
// read that stops earlier can say what it could not reach, which is the "could not read far enough"
// error the learner can act on.

/** Reading time per requirement, kept below the runner's default 30 s timeout. */
export const READ_BUDGET_MS = 20_000;

export interface ReadBudget {
  /** True once the time is up or the requirement was aborted. */
  spent(): boolean;
  readonly seconds: number;
}

export function readBudget(signal: AbortSignal, budgetMs = READ_BUDGET_MS): ReadBudget {
  const deadline = Date.now() + budgetMs;
  return { spent: () => signal.aborted || Date.now() >= deadline, seconds: Math.round(budgetMs / 1000) };
}

/** Waits `ms`, or less when the requirement is aborted meanwhile. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
