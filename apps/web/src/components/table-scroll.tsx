import type { ReactNode } from 'react';

/**
 * A table's horizontal scroll area on narrow screens. It can scroll, so keyboard users must be able to reach it
 * (WCAG 2.1.1, axe scrollable-region-focusable): focusable, a region named after the table.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="kp-table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
