/**
 * Paging over the API's keyset cursors (`{ items, nextCursor }`): a stack of the cursors of the pages seen,
 * and the pager with "Vorige pagina" and "Volgende pagina" under a list.
 */
import { useCallback, useState } from 'react';
import { Button } from '@rijkshuisstijl-community/components-react';

export interface Cursors {
  /** The current page's cursor (undefined: the first page). */
  cursor: string | undefined;
  /** 1 for the first page. */
  pageNumber: number;
  previous: () => void;
  next: (cursor: string) => void;
  /** Back to the first page (e.g. after a new filter). */
  reset: () => void;
}

export function useCursors(): Cursors {
  // Cursors of the pages before the current one; the current page's own cursor is the last pushed.
  const [stack, setStack] = useState<(string | undefined)[]>([undefined]);
  const previous = useCallback(() => setStack((c) => c.slice(0, -1)), []);
  const next = useCallback((cursor: string) => setStack((c) => [...c, cursor]), []);
  const reset = useCallback(() => setStack([undefined]), []);
  return { cursor: stack[stack.length - 1], pageNumber: stack.length, previous, next, reset };
}

/** The pager; nothing when there is one page only. `stale`: the shown page is a placeholder while the next loads. */
export function CursorPager({
  label,
  cursors,
  nextCursor,
  stale = false,
}: {
  label: string;
  cursors: Cursors;
  nextCursor: string | null | undefined;
  stale?: boolean;
}) {
  if (cursors.pageNumber <= 1 && !nextCursor) return null;
  return (
    <nav className="kp-pager kp-no-print" aria-label={label}>
      <Button type="button" appearance="secondary-action-button" disabled={cursors.pageNumber <= 1} onClick={cursors.previous}>
        Vorige pagina
      </Button>
      <span>Pagina {cursors.pageNumber}</span>
      <Button
        type="button"
        appearance="secondary-action-button"
        disabled={!nextCursor || stale}
        onClick={() => {
          if (nextCursor) cursors.next(nextCursor);
        }}
      >
        Volgende pagina
      </Button>
    </nav>
  );
}
