/**
 * One ACU meeting's agenda (`GET /acu/meetings/{id}/agenda`): the knelpunten on it, the ones carried over
 * from earlier meetings first and marked in words ("Doorgeschoven (2×)"), each linking to its knelpunt.
 * "Afdrukken" prints it as meeting papers: the print CSS (app.css, @media print) drops the navigation and
 * buttons and keeps the meeting, its date and the agenda table.
 */
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
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
import type { AcuAgenda } from '../../api/types';
import { AppLink } from '../../components/app-link';
import { ProblemAlert } from '../../components/form';
import { formatDate, formatDateTime } from '../../format';
import { STATUS_LABELS, label } from '../../labels';
import { agendaItemStatusText, carriedOverText, meetingName } from './acu-format';

function AgendaTable({ agenda }: { agenda: AcuAgenda }) {
  if (agenda.items.length === 0) {
    return <Paragraph>Er staan nog geen knelpunten op deze agenda.</Paragraph>;
  }
  const carried = agenda.items.filter((i) => i.carryOverCount > 0).length;
  return (
    <>
      <Paragraph>
        {agenda.items.length} {agenda.items.length === 1 ? 'agendapunt' : 'agendapunten'}
        {carried > 0 ? `, waarvan ${carried} doorgeschoven van een eerdere vergadering (bovenaan)` : ''}.
      </Paragraph>
      <div className="kp-table-wrap">
        <Table className="kp-agenda">
          <TableCaption className="kp-visually-hidden">
            Agendapunten van de ACU-vergadering van {formatDate(agenda.meeting.meetingDate)}
          </TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Nr.</TableHeaderCell>
              <TableHeaderCell scope="col">Kenmerk</TableHeaderCell>
              <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
              <TableHeaderCell scope="col">Knelpunt</TableHeaderCell>
              <TableHeaderCell scope="col">Status knelpunt</TableHeaderCell>
              <TableHeaderCell scope="col">Eerder geagendeerd</TableHeaderCell>
              <TableHeaderCell scope="col">Agendapunt</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {agenda.items.map((item, index) => {
              const carriedText = carriedOverText(item);
              return (
                <TableRow key={item.id} className={carriedText ? 'kp-agenda__row--doorgeschoven' : undefined}>
                  <TableCell>{index + 1}</TableCell>
                  <TableHeaderCell scope="row" className="kp-nowrap">
                    <AppLink to={`/knelpunten/${encodeURIComponent(item.reference)}`}>{item.reference}</AppLink>
                  </TableHeaderCell>
                  <TableCell>{item.organisation}</TableCell>
                  <TableCell>
                    <span className="kp-agenda__title">{item.title}</span>
                    <span className="kp-agenda__reason">Aanleiding: {item.reason}</span>
                  </TableCell>
                  <TableCell>{label(STATUS_LABELS, item.knelpuntStatus)}</TableCell>
                  <TableCell>
                    {carriedText ? <span className="kp-tag kp-tag--doorgeschoven">{carriedText}</span> : 'Eerste keer op de agenda'}
                  </TableCell>
                  <TableCell>
                    {agendaItemStatusText(item)}
                    {item.status === 'besloten' && item.decidedAt ? (
                      <span className="kp-agenda__reason">op {formatDate(item.decidedAt)}</span>
                    ) : null}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </>
  );
}

export default function AgendaPage() {
  const { id = '' } = useParams();
  const agenda = useQuery({
    queryKey: ['acu-agenda', id],
    queryFn: ({ signal }) => api.get<AcuAgenda>(`/acu/meetings/${encodeURIComponent(id)}/agenda`, undefined, signal),
  });

  if (agenda.isPending) {
    return (
      <>
        <Heading level={1}>Agenda</Heading>
        <Paragraph className="kp-loading">Agenda laden…</Paragraph>
      </>
    );
  }
  if (agenda.isError) {
    return (
      <>
        <Heading level={1}>Agenda</Heading>
        <ProblemAlert error={agenda.error} />
        <Paragraph>
          <AppLink to="/acu/vergaderingen">Terug naar de vergaderingen</AppLink>
        </Paragraph>
      </>
    );
  }
  const { meeting } = agenda.data;
  return (
    <article className="kp-agenda-page">
      <Paragraph className="kp-print-only">Vergaderstukken Ambtelijke Commissie Uitvoering</Paragraph>
      <Heading level={1}>Agenda ACU-vergadering {formatDate(meeting.meetingDate)}</Heading>
      <dl className="kp-facts">
        <dt>Vergadering</dt>
        <dd>
          {meetingName(meeting)}
          {meeting.autoCreated ? ' (standaardkalender: eerste donderdag van de maand)' : ''}
        </dd>
        <dt>Datum</dt>
        <dd>{formatDate(meeting.meetingDate)}</dd>
        {meeting.location ? (
          <>
            <dt>Locatie</dt>
            <dd>{meeting.location}</dd>
          </>
        ) : null}
        <dt>Agenda</dt>
        <dd>
          {meeting.agendaOpen
            ? `open tot en met ${formatDate(meeting.agendaClosesOn)}`
            : `gesloten op ${formatDate(meeting.agendaClosesOn)}`}
        </dd>
        <dt>Nog te besluiten</dt>
        <dd>
          {meeting.openItemCount} van {meeting.itemCount}
        </dd>
      </dl>
      <div className="kp-actions kp-no-print">
        <Button type="button" appearance="primary-action-button" onClick={() => window.print()}>
          Afdrukken
        </Button>
        <AppLink to="/acu/vergaderingen">Alle vergaderingen</AppLink>
      </div>
      <section aria-labelledby="agendapunten-kop" className="kp-acu-section">
        <Heading level={2} id="agendapunten-kop">
          Agendapunten
        </Heading>
        <AgendaTable agenda={agenda.data} />
      </section>
      <Paragraph className="kp-print-only kp-muted">Afgedrukt op {formatDateTime(new Date().toISOString())}.</Paragraph>
    </article>
  );
}
