/**
 * The ACU's meeting calendar (`GET /acu/meetings`: the coming meetings first, then the past ones, paged
 * with the API's cursor) and, for the ACU, planning a meeting (`POST /acu/meetings`). The API decides
 * whether a date is possible (a future werkdag, one meeting a day) and says why not, next to the field.
 */
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
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
import type { AcuMeeting } from '../../api/types';
import { useSession } from '../../auth/session';
import { AppLink } from '../../components/app-link';
import { ErrorSummary, ProblemAlert, TextField, splitApiError } from '../../components/form';
import { formatDate } from '../../format';
import { meetingName } from './acu-format';
import { usePagedList } from './acu-paging';

const FORM = 'vergadering';
const LABELS = { meetingDate: 'Datum van de vergadering', title: 'Titel', location: 'Locatie' };
const MEETINGS_KEY = ['acu-vergaderingen'] as const;

function MeetingForm() {
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ meetingDate: '', title: '', location: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<AcuMeeting | null>(null);
  const { fieldErrors, summary, other } = splitApiError(error, LABELS);
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const meeting = await api.post<AcuMeeting>('/acu/meetings', {
        meetingDate: values.meetingDate || undefined,
        title: values.title.trim() || undefined,
        location: values.location.trim() || undefined,
      });
      setCreated(meeting);
      setValues({ meetingDate: '', title: '', location: '' });
      await queryClient.invalidateQueries({ queryKey: MEETINGS_KEY });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form id={FORM} onSubmit={submit} noValidate className="kp-form kp-acu-section" aria-labelledby={`${FORM}-kop`}>
      <Heading level={2} id={`${FORM}-kop`}>
        Vergadering plannen
      </Heading>
      {created ? (
        <div role="status">
          <Alert type="ok">
            <Paragraph>
              {meetingName(created)} is gepland op {formatDate(created.meetingDate)}. De agenda sluit op{' '}
              {formatDate(created.agendaClosesOn)}. <AppLink to={`/acu/vergaderingen/${created.id}`}>Naar de agenda</AppLink>
            </Paragraph>
          </Alert>
        </div>
      ) : null}
      <ErrorSummary formId={FORM} errors={summary} />
      <ProblemAlert error={other} />
      <TextField
        formId={FORM}
        name="meetingDate"
        type="date"
        label={LABELS.meetingDate}
        description="Een werkdag in de toekomst. De agenda sluit 5 werkdagen vóór de vergadering."
        required
        value={values.meetingDate}
        onChange={set('meetingDate')}
        error={fieldErrors.meetingDate}
      />
      <TextField
        formId={FORM}
        name="title"
        label={LABELS.title}
        description="Bijvoorbeeld ‘ACU maart’."
        value={values.title}
        onChange={set('title')}
        maxLength={300}
        error={fieldErrors.title}
      />
      <TextField
        formId={FORM}
        name="location"
        label={LABELS.location}
        value={values.location}
        onChange={set('location')}
        maxLength={300}
        autoComplete="off"
        error={fieldErrors.location}
      />
      <div className="kp-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy} aria-disabled={busy || undefined}>
          Vergadering plannen
        </Button>
      </div>
    </form>
  );
}

function MeetingsTable() {
  const list = usePagedList<AcuMeeting>(MEETINGS_KEY, '/acu/meetings', { limit: 20 });
  if (list.isPending) return <Paragraph className="kp-loading">Vergaderingen laden…</Paragraph>;
  if (list.isError) return <ProblemAlert error={list.error} />;
  if (list.items.length === 0) return <Paragraph>Er zijn nog geen ACU-vergaderingen gepland.</Paragraph>;
  return (
    <>
      <div className="kp-table-wrap">
        <Table>
          <TableCaption className="kp-visually-hidden">Vergaderingen: eerst de komende (vroegste eerst), daarna de voorbije</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Datum</TableHeaderCell>
              <TableHeaderCell scope="col">Vergadering</TableHeaderCell>
              <TableHeaderCell scope="col">Locatie</TableHeaderCell>
              <TableHeaderCell scope="col">Agenda</TableHeaderCell>
              <TableHeaderCell scope="col">Agendapunten</TableHeaderCell>
              <TableHeaderCell scope="col">Gepland</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.items.map((m) => (
              <TableRow key={m.id}>
                <TableHeaderCell scope="row" className="kp-nowrap">
                  <AppLink to={`/acu/vergaderingen/${m.id}`}>
                    {formatDate(m.meetingDate)}
                    <span className="kp-visually-hidden">: agenda bekijken</span>
                  </AppLink>
                </TableHeaderCell>
                <TableCell>{meetingName(m)}</TableCell>
                <TableCell>{m.location ?? '—'}</TableCell>
                <TableCell>
                  {m.agendaOpen ? `Open tot en met ${formatDate(m.agendaClosesOn)}` : `Gesloten sinds ${formatDate(m.agendaClosesOn)}`}
                </TableCell>
                <TableCell>
                  {m.itemCount} {m.itemCount === 1 ? 'knelpunt' : 'knelpunten'}
                  {m.openItemCount > 0 ? `, ${m.openItemCount} nog te besluiten` : ''}
                </TableCell>
                <TableCell>{m.autoCreated ? 'Automatisch' : `Door ${m.createdBy.name}`}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {list.hasNextPage ? (
        <div className="kp-pager kp-no-print">
          <Button
            type="button"
            appearance="secondary-action-button"
            disabled={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {list.isFetchingNextPage ? 'Laden…' : 'Meer vergaderingen laden'}
          </Button>
        </div>
      ) : null}
    </>
  );
}

export default function MeetingsPage() {
  const { user } = useSession();
  return (
    <>
      <Heading level={1}>ACU-vergaderingen</Heading>
      <Paragraph>
        De vergaderkalender van de Ambtelijke Commissie Uitvoering. Een geëscaleerd knelpunt komt op de agenda van de eerstvolgende
        vergadering waarvan de agenda nog open is; wat niet besloten wordt, schuift door naar de volgende.
      </Paragraph>
      <section aria-labelledby="kalender-kop" className="kp-acu-section">
        <Heading level={2} id="kalender-kop">
          Kalender
        </Heading>
        <Paragraph>Eerst de komende vergaderingen (vroegste eerst), daarna de voorbije.</Paragraph>
        <MeetingsTable />
      </section>
      {user?.role === 'acu' ? <MeetingForm /> : null}
    </>
  );
}
