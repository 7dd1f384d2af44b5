// Pagination: the SDK's own paginateX helpers everywhere (STYLE.md); these gather their pages.
// `collect` is the clean-up Lambda's own (lib/cleanup is a self-contained asset), so one
// implementation serves both.
export { collect } from '../cleanup/progress';

/**
 * Pages of an API that has no SDK paginator and pages by the last item seen (Firehose
 * ListDeliveryStreams: `ExclusiveStartDeliveryStreamName` with `HasMoreDeliveryStreams`).
 * `fetch` gets one page after `start`; stops when it says there is no more or returns nothing.
 */
export async function collectByLastItem<T>(fetch: (start: T | undefined) => Promise<{ items: readonly T[]; more: boolean }>): Promise<T[]> {
  const all: T[] = [];
  let start: T | undefined;
  for (;;) {
    const page = await fetch(start);
    all.push(...page.items);
    if (!page.more || page.items.length === 0) return all;
    start = page.items[page.items.length - 1];
  }
}
