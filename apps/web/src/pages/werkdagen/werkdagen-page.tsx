/**
 * The werkdagen calculator (public): a term computed by the API under the Algemene termijnenwet
 * (GET /werkdagen/berekening), with its explanation — which weekend days and feestdagen moved the end —
 * and the feestdagen of a year (GET /werkdagen/feestdagen). The calendar lives in the API only.
 */
import { useState, type FormEvent } from 'react';
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
import type { Feestdag, TermijnBerekening } from '../../api/types';
import { ErrorSummary, ProblemAlert, SelectField, TextField, splitApiError } from '../../components/form';
import { formatDateWithWeekday } from '../../format';

const FORM = 'termijn';
const FEESTDAGEN_FORM = 'feestdagen';

const EENHEDEN: Record<string, string> = {
  werkdagen: 'Werkdagen',
  dagen: 'Kalenderdagen',
  weken: 'Weken',
  maanden: 'Maanden',
};

const LABELS: Record<string, string> = {
  start: 'Startdatum',
  amount: 'Lengte van de termijn',
  unit: 'Eenheid',
  suspendedDays: 'Opschorting',
  year: 'Jaar',
};

function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

export default function WerkdagenPage() {
  return (
    <>
      <Heading level={1}>Termijnen berekenen in werkdagen</Heading>
      <Paragraph>
        Termijnen voor knelpunten volgen de Algemene termijnenwet: een termijn die eindigt op een zaterdag, zondag of algemeen erkende
        feestdag, loopt door tot de eerstvolgende dag die geen van deze is. De termijn begint te lopen op de dag na de startdatum.
      </Paragraph>
      <Berekening />
      <Feestdagen />
    </>
  );
}

function Berekening() {
  const [start, setStart] = useState(today);
  const [amount, setAmount] = useState('8');
  const [unit, setUnit] = useState('weken');
  const [suspendedDays, setSuspendedDays] = useState('');
  const [result, setResult] = useState<TermijnBerekening | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(
        await api.get<TermijnBerekening>('/werkdagen/berekening', {
          start,
          amount: amount.trim(),
          unit,
          suspendedDays: suspendedDays.trim() || undefined,
        }),
      );
    } catch (err) {
      setResult(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const { fieldErrors, summary, other } = splitApiError(error, LABELS);
  return (
    <section aria-labelledby="berekening-heading" className="kp-section">
      <Heading level={2} id="berekening-heading">
        Einddatum van een termijn
      </Heading>
      <form id={FORM} onSubmit={submit} noValidate className="kp-form">
        <ErrorSummary formId={FORM} errors={summary} />
        <ProblemAlert error={other} />
        <TextField
          formId={FORM}
          name="start"
          type="date"
          label="Startdatum"
          description="De dag van de gebeurtenis, bijvoorbeeld de dag van indiening."
          required
          value={start}
          onChange={setStart}
          error={fieldErrors.start}
        />
        <div className="kp-filters__fields">
          <TextField
            formId={FORM}
            name="amount"
            type="number"
            label="Lengte van de termijn"
            required
            value={amount}
            onChange={setAmount}
            error={fieldErrors.amount}
          />
          <SelectField
            formId={FORM}
            name="unit"
            label="Eenheid"
            required
            value={unit}
            onChange={setUnit}
            options={Object.entries(EENHEDEN).map(([value, l]) => ({ value, label: l }))}
            error={fieldErrors.unit}
          />
        </div>
        <TextField
          formId={FORM}
          name="suspendedDays"
          type="number"
          label="Opschorting in kalenderdagen"
          description="Dagen dat de termijn stil lag, bijvoorbeeld tijdens het wachten op informatie."
          value={suspendedDays}
          onChange={setSuspendedDays}
          error={fieldErrors.suspendedDays}
        />
        <div className="kp-actions">
          <Button type="submit" appearance="primary-action-button" disabled={busy} aria-disabled={busy || undefined}>
            Berekenen
          </Button>
        </div>
      </form>

      <div aria-live="polite">
        {result ? (
          <div className="kp-card kp-result" data-testid="termijn-uitkomst">
            <Heading level={3}>Uiterste datum: {formatDateWithWeekday(result.dueDate)}</Heading>
            {result.shiftedBy.length > 0 ? (
              <Paragraph>
                Bij gewoon tellen zou de termijn eindigen op {formatDateWithWeekday(result.unshiftedEnd)}. Het einde schoof op naar de
                eerstvolgende werkdag, omdat {result.shiftedBy.length === 1 ? 'deze dag geen werkdag is' : 'deze dagen geen werkdag zijn'}:
              </Paragraph>
            ) : (
              <Paragraph>De termijn eindigt op een werkdag; er schoof niets op.</Paragraph>
            )}
            {result.shiftedBy.length > 0 ? (
              <ul className="utrecht-unordered-list">
                {result.shiftedBy.map((d) => (
                  <li key={d.date} className="utrecht-unordered-list__item">
                    {formatDateWithWeekday(d.date)}: {d.reason}
                  </li>
                ))}
              </ul>
            ) : null}
            <Heading level={4}>Zo is de datum berekend</Heading>
            <ol className="utrecht-ordered-list kp-explanation">
              {result.explanation.map((line) => (
                <li key={line} className="utrecht-ordered-list__item">
                  {line}
                </li>
              ))}
            </ol>
          </div>
        ) : null}
      </div>
    </section>
  );
}

function Feestdagen() {
  const [draft, setDraft] = useState(today().slice(0, 4));
  const [year, setYear] = useState(draft);
  const feestdagen = useQuery({
    queryKey: ['werkdagen', 'feestdagen', year],
    queryFn: ({ signal }) => api.get<{ year: number; items: Feestdag[] }>('/werkdagen/feestdagen', { year }, signal),
  });
  const { fieldErrors, summary, other } = splitApiError(feestdagen.error, LABELS);

  return (
    <section aria-labelledby="feestdagen-heading" className="kp-section">
      <Heading level={2} id="feestdagen-heading">
        Feestdagen en gelijkgestelde dagen
      </Heading>
      <Paragraph>
        De algemeen erkende feestdagen (artikel 3 Algemene termijnenwet) en de dagen die er bij besluit mee zijn gelijkgesteld. Op deze
        dagen eindigt geen termijn.
      </Paragraph>
      <form
        id={FEESTDAGEN_FORM}
        noValidate
        className="kp-filters kp-no-print"
        onSubmit={(e) => {
          e.preventDefault();
          setYear(draft.trim());
        }}
      >
        <ErrorSummary formId={FEESTDAGEN_FORM} errors={summary} />
        <ProblemAlert error={other} />
        <div className="kp-filters__fields kp-filters__fields--narrow">
          <TextField
            formId={FEESTDAGEN_FORM}
            name="year"
            type="number"
            label="Jaar"
            required
            value={draft}
            onChange={setDraft}
            error={fieldErrors.year}
          />
        </div>
        <div className="kp-actions">
          <Button type="submit" appearance="secondary-action-button">
            Feestdagen tonen
          </Button>
        </div>
      </form>
      {feestdagen.data ? (
        <div className="kp-table-wrap">
          <Table>
            <TableCaption>Feestdagen in {feestdagen.data.year}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Datum</TableHeaderCell>
                <TableHeaderCell scope="col">Feestdag</TableHeaderCell>
                <TableHeaderCell scope="col">Soort</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {feestdagen.data.items.map((f) => (
                <TableRow key={f.date}>
                  <TableHeaderCell scope="row">{formatDateWithWeekday(f.date)}</TableHeaderCell>
                  <TableCell>{f.name}</TableCell>
                  <TableCell>{f.kind === 'gelijkgesteld' ? 'Gelijkgesteld bij besluit' : 'Wettelijke feestdag'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : feestdagen.isPending ? (
        <Paragraph role="status">Laden…</Paragraph>
      ) : null}
    </section>
  );
}
