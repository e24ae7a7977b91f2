/**
 * The ACU pages' lists over the API's keyset cursors: one page at a time, "Meer laden" asks the API for
 * the next page with the `nextCursor` it gave (nothing is ever loaded all at once).
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

type Query = Record<string, string | number | boolean | undefined>;

export function usePagedList<T>(key: readonly unknown[], path: string, query: Query, options: { enabled?: boolean } = {}) {
  const result = useInfiniteQuery({
    queryKey: [...key, query],
    queryFn: ({ pageParam, signal }) => api.get<Page<T>>(path, { ...query, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled,
  });
  const items = result.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...result, items };
}
