// Shared by every clean-up step. This folder is a Lambda asset: import only the AWS SDK v3
// packages the Lambda Node.js runtime ships, and each other.

/**
 * The outcome of one non-blocking pass. A caller (the Provider framework's isComplete, or
 * `mllab teardown`) calls the step again until `complete`, sleeping in between.
 */
export interface CleanupProgress {
  /** Nothing is left for this step to delete or wait for. */
  readonly complete: boolean;
  /** What this pass started deleting, in order. */
  readonly actions: string[];
  /** What is still in progress or blocked, and why; empty when complete. */
  readonly waitingFor: string[];
}

export class ProgressLog {
  public readonly actions: string[] = [];
  public readonly waitingFor: string[] = [];

  public act(action: string): void {
    this.actions.push(action);
  }

  public wait(reason: string): void {
    this.waitingFor.push(reason);
  }

  public result(): CleanupProgress {
    return { complete: this.waitingFor.length === 0, actions: this.actions, waitingFor: this.waitingFor };
  }
}

/** True when `error` is an SDK service error with one of these names (never branch on message text). */
export function isServiceError(error: unknown, ...names: string[]): boolean {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return false;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' && names.includes(name);
}

/** Every item of every page of an SDK paginator. */
export async function collect<P, T>(pages: AsyncIterable<P>, items: (page: P) => readonly T[] | undefined): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}
