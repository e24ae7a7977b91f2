import type { ThHTMLAttributes } from 'react';

/**
 * A table header cell that keeps its `scope`. The Rijkshuisstijl Community's `TableHeaderCell` (components-react)
 * takes `scope` only to add a class and never renders the attribute, so a screen reader could not tell a row header
 * from a column header. This renders the same classes on a plain `<th>` and keeps `scope`; use it for every header cell.
 */
export function TableHeaderCell({ scope, className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  const classes = ['utrecht-table__header-cell', scope === 'row' ? 'utrecht-table__header--cell-row' : '', className ?? ''];
  return <th scope={scope} className={classes.filter(Boolean).join(' ')} {...rest} />;
}
