/** The knelpunten of one Stand: kenmerk, title, theme and status. */
import { Table, TableBody, TableCaption, TableCell, TableHeader, TableRow } from '@rijkshuisstijl-community/components-react';
import { TableHeaderCell } from './table-header-cell';
import type { Stand } from '../api/types';
import { THEMA_LABELS, label } from '../labels';
import { AppLink } from './app-link';
import { statusText } from './knelpunten-table';

export function StandKnelpuntenTable({
  caption,
  knelpunten,
  linked,
}: {
  caption: string;
  knelpunten: Stand['knelpunten'];
  /** Each kenmerk links to the knelpunt's own page (behind the login). */
  linked: boolean;
}) {
  return (
    <div className="kp-table-wrap">
      <Table>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Kenmerk</TableHeaderCell>
            <TableHeaderCell scope="col">Titel</TableHeaderCell>
            <TableHeaderCell scope="col">Thema</TableHeaderCell>
            <TableHeaderCell scope="col">Status</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {knelpunten.map((k) => (
            <TableRow key={k.id}>
              <TableHeaderCell scope="row">
                {linked ? <AppLink to={`/knelpunten/${encodeURIComponent(k.reference)}`}>{k.reference}</AppLink> : k.reference}
              </TableHeaderCell>
              <TableCell>{k.title}</TableCell>
              <TableCell>{label(THEMA_LABELS, k.theme)}</TableCell>
              <TableCell>{statusText(k)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
