/**
 * One intake round (GET /uitvraagrondes/{id}): when the reminders go out and, per organisation, whether its Stand is in
 * (with the date and a link to the Stand), not yet, or late, and which reminders it was sent. An organisation sees only
 * its own row. The programmadirectie may close an open round early (POST /uitvraagrondes/{id}/sluiten).
 */
import { useState } from 'react';
import { useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
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
import { useSession } from '../../auth/session';
import { AppLink } from '../../components/app-link';
import { ProblemAlert } from '../../components/form';
import { formatDate, formatDateTime } from '../../format';
import { SummaryList } from '../knelpunt/summary-list';
import { HERINNERING_TEKST, RONDE_STATUS_TEKST, STATUS_TEKST, type Uitvraagronde } from './uitvraag-types';
import { RONDES_KEY } from './uitvraag-page';

export default function UitvraagrondePage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [closing, setClosing] = useState(false);
  const [closeError, setCloseError] = useState<unknown>(null);
  const ronde = useQuery({
    queryKey: [...RONDES_KEY, id],
    queryFn: ({ signal }) => api.get<Uitvraagronde>(`/uitvraagrondes/${encodeURIComponent(id)}`, {}, signal),
  });

  if (ronde.isPending) return <Paragraph className="kp-loading">Uitvraag laden…</Paragraph>;
  if (ronde.isError) {
    return (
      <>
        <Heading level={1}>Uitvraag</Heading>
        <ProblemAlert error={ronde.error} />
        <Paragraph>
          <AppLink to="/uitvraag">Terug naar de uitvraagrondes</AppLink>
        </Paragraph>
      </>
    );
  }
  const r = ronde.data;
  const programmadirectie = user?.role === 'programmadirectie';

  async function sluiten() {
    setClosing(true);
    setCloseError(null);
    try {
      const closed = await api.post<Uitvraagronde>(`/uitvraagrondes/${encodeURIComponent(r.id)}/sluiten`);
      queryClient.setQueryData([...RONDES_KEY, r.id], closed);
      await queryClient.invalidateQueries({ queryKey: RONDES_KEY, exact: true });
    } catch (err) {
      setCloseError(err);
    } finally {
      setClosing(false);
    }
  }

  return (
    <>
      <Paragraph>
        <AppLink to="/uitvraag">Alle uitvraagrondes</AppLink>
      </Paragraph>
      <Heading level={1}>{r.name}</Heading>
      <SummaryList
        items={[
          { key: 'Standen over het jaar', value: r.year },
          { key: 'Sluitingsdatum', value: formatDate(r.closingDate) },
          { key: 'Status', value: `${RONDE_STATUS_TEKST[r.status]}${r.closedAt ? ` sinds ${formatDateTime(r.closedAt)}` : ''}` },
          { key: 'Geopend', value: `${formatDateTime(r.openedAt)} door ${r.createdBy.name}` },
          r.ownStatus
            ? { key: 'Uw Stand', value: STATUS_TEKST[r.ownStatus] }
            : {
                key: 'Ingediend',
                value: `${r.submitted} van ${r.expected}${r.status === 'gesloten' ? `; ${r.late} te laat` : ''}`,
              },
        ]}
      />
      <section aria-labelledby="herinneringen-kop" className="kp-acu-section">
        <Heading level={2} id="herinneringen-kop">
          Herinneringen
        </Heading>
        <Paragraph>
          Wie nog geen Stand over {r.year} heeft ingediend, krijgt om 09:00 een herinnering (een herinnering waarvan het moment bij het
          openen al voorbij was, wordt overgeslagen):
        </Paragraph>
        <ul>
          {r.reminderSchedule.map((h) => (
            <li key={h.kind}>
              {formatDate(h.date)}: {HERINNERING_TEKST[h.kind]}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="volledigheid-kop" className="kp-acu-section">
        <Heading level={2} id="volledigheid-kop">
          Volledigheid
        </Heading>
        <div className="kp-table-wrap">
          <Table>
            <TableCaption>{programmadirectie ? `Wie heeft een Stand over ${r.year} ingediend` : `Uw Stand over ${r.year}`}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
                <TableHeaderCell scope="col">Status</TableHeaderCell>
                <TableHeaderCell scope="col">Ingediend op</TableHeaderCell>
                <TableHeaderCell scope="col">Stand</TableHeaderCell>
                <TableHeaderCell scope="col">Herinneringen verstuurd</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {r.organisations.map((o) => (
                <TableRow key={o.code}>
                  <TableHeaderCell scope="row">
                    {o.name} ({o.code})
                  </TableHeaderCell>
                  <TableCell>
                    <span className={o.status === 'te_laat' ? 'kp-tag kp-tag--verlopen' : 'kp-tag'}>{STATUS_TEKST[o.status]}</span>
                    {o.status === 'ingediend' && o.onTime === false ? ' (na de sluiting)' : ''}
                  </TableCell>
                  <TableCell className="kp-nowrap">{o.submittedAt ? formatDateTime(o.submittedAt) : '—'}</TableCell>
                  <TableCell>
                    {o.standId ? (
                      <AppLink to={`/openbaar/standen/${o.standId}`}>
                        Stand bekijken<span className="kp-visually-hidden"> van {o.name}</span>
                      </AppLink>
                    ) : user?.role === 'indiener' && r.status === 'open' ? (
                      <AppLink to="/standen/nieuw">Stand {r.year} indienen</AppLink>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell>
                    {o.reminders.length === 0
                      ? 'Geen'
                      : o.reminders.map((h) => `${HERINNERING_TEKST[h.kind]} (${formatDate(h.sentAt)})`).join('; ')}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>
      {programmadirectie && r.status === 'open' ? (
        <section aria-labelledby="sluiten-kop" className="kp-acu-section">
          <Heading level={2} id="sluiten-kop">
            Vroegtijdig sluiten
          </Heading>
          <Paragraph>Na het sluiten gaan er geen herinneringen meer uit en staat wie niets heeft ingediend als te laat.</Paragraph>
          <ProblemAlert error={closeError} />
          <div className="kp-actions">
            <Button type="button" appearance="secondary-action-button" disabled={closing} onClick={() => void sluiten()}>
              Uitvraag nu sluiten
            </Button>
          </div>
        </section>
      ) : null}
    </>
  );
}
