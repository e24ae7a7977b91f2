/**
 * The days equated by besluit to an algemeen erkende feestdag (GET /gelijkgestelde-dagen): no werkdag for any
 * deadline planned from then on. The programmadirectie and the admin add one (POST /gelijkgestelde-dagen); the API
 * refuses a weekend day, a statutory feestdag or a day already in the list, and says so next to the date.
 */
import { useState } from 'react';
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
import type { GelijkgesteldeDag } from '../../api/types';
import { AppLink } from '../../components/app-link';
import { SavedMessage } from '../../components/saved-message';
import { ErrorSummary, ProblemAlert, TextField, splitApiError } from '../../components/form';
import { formatDateTime, formatDateWithWeekday } from '../../format';
import { TableScroll } from '../../components/table-scroll';
import { useSubmit } from '../../components/use-submit';

const FORM = 'gelijkgestelde-dag';
const DAGEN_KEY = ['gelijkgestelde-dagen'] as const;
const FIELD_LABELS = { date: 'Datum', name: 'Omschrijving' };

function AddForm({ onAdded }: { onAdded: (dag: GelijkgesteldeDag) => void }) {
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const { error, busy, submit } = useSubmit(
    () => api.post<GelijkgesteldeDag>('/gelijkgestelde-dagen', { date, name: name.trim() === '' ? undefined : name }),
    (dag) => {
      setDate('');
      setName('');
      onAdded(dag);
    },
  );

  const { fieldErrors, summary, other } = splitApiError(error, FIELD_LABELS);
  return (
    <form id={FORM} onSubmit={submit} noValidate className="kp-form">
      <ErrorSummary formId={FORM} errors={summary} />
      <ProblemAlert error={other} />
      <TextField
        formId={FORM}
        name="date"
        label="Datum"
        description="Een werkdag die bij besluit met een feestdag is gelijkgesteld, bijvoorbeeld de vrijdag na Hemelvaartsdag."
        type="date"
        required
        value={date}
        onChange={setDate}
        error={fieldErrors.date}
      />
      <TextField
        formId={FORM}
        name="name"
        label="Omschrijving"
        description="Bijvoorbeeld: Vrijdag na Hemelvaartsdag (besluit 2029). Leeg: Gelijkgestelde dag (besluit)."
        value={name}
        onChange={setName}
        error={fieldErrors.name}
        maxLength={200}
      />
      <div className="kp-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy} aria-disabled={busy || undefined}>
          {busy ? 'Toevoegen…' : 'Dag toevoegen'}
        </Button>
      </div>
    </form>
  );
}

export default function GelijkgesteldeDagenPage() {
  const queryClient = useQueryClient();
  const [added, setAdded] = useState<string | null>(null);
  const dagen = useQuery({
    queryKey: DAGEN_KEY,
    queryFn: ({ signal }) => api.get<{ items: GelijkgesteldeDag[] }>('/gelijkgestelde-dagen', undefined, signal),
  });

  async function onAdded(dag: GelijkgesteldeDag) {
    setAdded(`${formatDateWithWeekday(dag.date)} is toegevoegd: vanaf nu geen werkdag voor nieuwe en herberekende termijnen.`);
    await queryClient.invalidateQueries({ queryKey: DAGEN_KEY });
  }

  const items = [...(dagen.data?.items ?? [])].sort((a, b) => a.date.localeCompare(b.date));

  return (
    <>
      <Heading level={1}>Gelijkgestelde dagen</Heading>
      <Paragraph>
        Dagen die bij besluit gelijk zijn gesteld aan een algemeen erkende feestdag (Algemene termijnenwet). Een termijn die op zo’n dag
        eindigt, loopt door tot de volgende werkdag. Lopende termijnen houden hun datum tot ze opnieuw worden berekend.{' '}
        <AppLink to="/werkdagen">Een termijn berekenen</AppLink>.
      </Paragraph>

      <SavedMessage message={added} />

      <section className="kp-panel" aria-labelledby={`${FORM}-kop`}>
        <Heading level={2} id={`${FORM}-kop`}>
          Dag toevoegen
        </Heading>
        <AddForm onAdded={(d) => void onAdded(d)} />
      </section>

      <Heading level={2}>Vastgestelde dagen</Heading>
      {dagen.isPending ? (
        <Paragraph role="status" className="kp-loading">
          Dagen laden…
        </Paragraph>
      ) : dagen.isError ? (
        <ProblemAlert error={dagen.error} />
      ) : items.length === 0 ? (
        <Paragraph>Er zijn geen gelijkgestelde dagen vastgelegd.</Paragraph>
      ) : (
        <TableScroll label={'Gelijkgestelde dagen, op datum'}>
          <Table>
            <TableCaption>Gelijkgestelde dagen, op datum</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Datum</TableHeaderCell>
                <TableHeaderCell scope="col">Omschrijving</TableHeaderCell>
                <TableHeaderCell scope="col">Vastgelegd op</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((d) => (
                <TableRow key={d.date}>
                  <TableHeaderCell scope="row">{formatDateWithWeekday(d.date)}</TableHeaderCell>
                  <TableCell>{d.name}</TableCell>
                  <TableCell>{formatDateTime(d.createdAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
    </>
  );
}
