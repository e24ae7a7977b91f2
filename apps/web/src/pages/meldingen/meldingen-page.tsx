/**
 * The notification inbox of every role (GET /notifications): newest first, one keyset page at a time ("Meer
 * meldingen laden" asks for the next page with the API's cursor), all or only the unread ones, each linking to
 * its knelpunt by reference. Marking one read (POST /notifications/{id}/read) refreshes the list and the unread
 * count in the header.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableRow,
} from '@rijkshuisstijl-community/components-react';
import { TableHeaderCell } from '../../components/table-header-cell';
import { api } from '../../api/client';
import type { Notification, NotificationPage } from '../../api/types';
import { AppLink } from '../../components/app-link';
import { ProblemAlert } from '../../components/form';
import { formatDateTime } from '../../format';
import { UNREAD_KEY } from '../../layout/app-layout';
import { TableScroll } from '../../components/table-scroll';

const PAGE_SIZE = 20;
const FILTERS = [
  { key: 'alle', label: 'Alle meldingen' },
  { key: 'ongelezen', label: 'Ongelezen' },
] as const;

export default function MeldingenPage() {
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const onlyUnread = params.get('filter') === 'ongelezen';
  const [announcement, setAnnouncement] = useState('');
  const [markError, setMarkError] = useState<unknown>(null);
  const [marking, setMarking] = useState<string | null>(null);

  const inbox = useInfiniteQuery({
    queryKey: ['notifications', 'inbox', { onlyUnread }],
    queryFn: ({ pageParam, signal }) =>
      api.get<NotificationPage>('/notifications', { limit: PAGE_SIZE, unread: onlyUnread ? true : undefined, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items: Notification[] = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  // The count of the whole inbox, from the newest answer.
  const unreadCount = inbox.data?.pages[inbox.data.pages.length - 1]?.unreadCount;

  async function markRead(n: Notification) {
    setMarking(n.id);
    setMarkError(null);
    try {
      await api.post(`/notifications/${encodeURIComponent(n.id)}/read`);
      setAnnouncement(`Melding "${n.subject ?? ''}" is als gelezen gemarkeerd.`);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: UNREAD_KEY }),
        queryClient.invalidateQueries({ queryKey: ['notifications', 'inbox'] }),
      ]);
      // The button is gone (or the row, under "Ongelezen"): keep keyboard focus on the page.
      requestAnimationFrame(() => document.getElementById('meldingen-tabel')?.focus());
    } catch (err) {
      setMarkError(err);
    } finally {
      setMarking(null);
    }
  }

  return (
    <>
      <Heading level={1}>Meldingen</Heading>
      <Paragraph>
        Herinneringen, verlopen termijnen, agenderingen en andere berichten over de knelpunten waarvoor u verantwoordelijk bent.
        {unreadCount !== undefined ? (
          <>
            {' '}
            <strong>{unreadCount === 1 ? '1 melding is ongelezen.' : `${unreadCount} meldingen zijn ongelezen.`}</strong>
          </>
        ) : null}
      </Paragraph>

      <nav aria-label="Meldingen filteren" className="kp-subnav">
        <ul className="kp-subnav__list">
          {FILTERS.map((f) => {
            const active = (f.key === 'ongelezen') === onlyUnread;
            return (
              <li key={f.key}>
                <AppLink
                  to={f.key === 'ongelezen' ? '/meldingen?filter=ongelezen' : '/meldingen'}
                  className={`kp-subnav__link${active ? ' kp-subnav__link--active' : ''}`}
                  aria-current={active ? 'page' : undefined}
                >
                  {f.label}
                </AppLink>
              </li>
            );
          })}
        </ul>
      </nav>

      <div role="status" className="kp-visually-hidden">
        {announcement}
      </div>
      <ProblemAlert error={markError} />

      {inbox.isPending ? (
        <Paragraph role="status" className="kp-loading">
          Meldingen laden…
        </Paragraph>
      ) : inbox.isError ? (
        <ProblemAlert error={inbox.error} />
      ) : items.length === 0 ? (
        <Paragraph>{onlyUnread ? 'U hebt geen ongelezen meldingen.' : 'U hebt nog geen meldingen.'}</Paragraph>
      ) : (
        <>
          <TableScroll label={onlyUnread ? 'Ongelezen meldingen' : 'Meldingen'}>
            <Table id="meldingen-tabel" tabIndex={-1}>
              <TableCaption>{onlyUnread ? 'Ongelezen meldingen, nieuwste eerst' : 'Meldingen, nieuwste eerst'}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Melding</TableHeaderCell>
                  <TableHeaderCell scope="col">Knelpunt</TableHeaderCell>
                  <TableHeaderCell scope="col">Ontvangen</TableHeaderCell>
                  <TableHeaderCell scope="col">Status</TableHeaderCell>
                  <TableHeaderCell scope="col">Actie</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((n) => {
                  const read = n.read ?? !!n.readAt;
                  return (
                    <TableRow key={n.id} className={read ? 'kp-melding--gelezen' : 'kp-melding--ongelezen'}>
                      <TableHeaderCell scope="row" className="kp-melding">
                        <span className="kp-melding__onderwerp">{n.subject}</span>
                        {n.body ? <span className="kp-melding__tekst">{n.body}</span> : null}
                      </TableHeaderCell>
                      <TableCell>
                        {n.kind === 'uitvraag_herinnering' ? (
                          // A reminder of an intake round: its reference is the round's name, not a knelpunt.
                          <AppLink to="/uitvraag">Uitvraag: {n.reference}</AppLink>
                        ) : n.reference ? (
                          <AppLink to={`/knelpunten/${encodeURIComponent(n.reference)}`} className="kp-nowrap">
                            {n.reference}
                          </AppLink>
                        ) : (
                          '—'
                        )}
                      </TableCell>
                      <TableCell>{formatDateTime(n.createdAt)}</TableCell>
                      <TableCell>
                        {read ? <span className="kp-tag">Gelezen</span> : <span className="kp-tag kp-tag--ongelezen">Ongelezen</span>}
                      </TableCell>
                      <TableCell>
                        {read ? null : (
                          <Button
                            appearance="secondary-action-button"
                            onClick={() => void markRead(n)}
                            disabled={marking === n.id}
                            aria-disabled={marking === n.id || undefined}
                          >
                            Markeer als gelezen<span className="kp-visually-hidden">: {n.subject}</span>
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableScroll>
          <div className="kp-pager">
            {inbox.hasNextPage ? (
              <Button appearance="secondary-action-button" onClick={() => void inbox.fetchNextPage()} disabled={inbox.isFetchingNextPage}>
                {inbox.isFetchingNextPage ? 'Laden…' : 'Meer meldingen laden'}
              </Button>
            ) : (
              <Paragraph className="kp-muted">
                Dit zijn al uw {onlyUnread ? 'ongelezen ' : ''}meldingen ({items.length}).
              </Paragraph>
            )}
          </div>
        </>
      )}
    </>
  );
}
