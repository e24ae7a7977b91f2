/**
 * Intake rounds (uitvraag). The programmadirectie sees every round with how many organisations submitted, and opens a
 * new one (POST /uitvraagrondes: name, year, closing date, the organisations, grouped by their owner ministry). An
 * organisation sees the rounds it is expected in, whether it submitted, and a link to the Stand form. The API decides
 * everything (a future werkdag, known organisations) and says why not, next to the field.
 */
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  FormFieldErrorMessage,
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
import { api, newIdempotencyKey } from '../../api/client';
import type { Ministry, Organisation } from '../../api/types';
import { useSession } from '../../auth/session';
import { AppLink } from '../../components/app-link';
import { ErrorSummary, ProblemAlert, TextField, fieldId, splitApiError } from '../../components/form';
import { formatDate } from '../../format';
import { RONDE_STATUS_TEKST, STATUS_TEKST, type Uitvraagronde, type UitvraagrondeSamenvatting } from './uitvraag-types';

const FORM = 'uitvraag';
const LABELS = { name: 'Naam', year: 'Jaar van de Standen', closingDate: 'Sluitingsdatum', organisations: 'Organisaties' };
export const RONDES_KEY = ['uitvraagrondes'] as const;

interface OrganisatieMetDriehoek extends Organisation {
  active?: boolean;
  driehoek?: { eigenaar: string } | null;
}

/** The organisations as checkboxes, one group per owner ministry; the first box carries the field's id. */
function OrganisatieKeuze({ value, onChange, error }: { value: string[]; onChange: (v: string[]) => void; error?: string }) {
  const organisations = useQuery({
    queryKey: ['organisations'],
    queryFn: () => api.get<{ items: OrganisatieMetDriehoek[] }>('/organisations'),
  });
  const ministries = useQuery({ queryKey: ['ministries'], queryFn: () => api.get<{ items: Ministry[] }>('/ministries') });
  const id = fieldId(FORM, 'organisations');
  if (organisations.isPending) return <Paragraph className="kp-loading">Organisaties laden…</Paragraph>;
  if (organisations.isError) return <ProblemAlert error={organisations.error} />;
  const ministryName = new Map((ministries.data?.items ?? []).map((m) => [m.code, m.name]));
  const groups = new Map<string, OrganisatieMetDriehoek[]>();
  for (const o of organisations.data.items) {
    if (o.active === false) continue;
    const key = o.driehoek?.eigenaar ?? 'overig';
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (ministryName.get(a) ?? a).localeCompare(ministryName.get(b) ?? b, 'nl'));
  const all = organisations.data.items.filter((o) => o.active !== false).map((o) => o.code);
  const toggle = (code: string, on: boolean) => onChange(on ? [...value, code] : value.filter((v) => v !== code));
  let first = true;
  return (
    <fieldset
      className="utrecht-form-fieldset kp-fieldset kp-checkbox-group"
      aria-describedby={[`${id}-beschrijving`, error ? `${id}-fout` : ''].filter(Boolean).join(' ')}
    >
      <legend className="utrecht-form-fieldset__legend utrecht-form-label">{LABELS.organisations}</legend>
      <div className="utrecht-form-field-description" id={`${id}-beschrijving`}>
        De organisaties die een Stand moeten indienen, per eigenaar (ministerie). Gekozen: {value.length} van {all.length}.
      </div>
      {error ? <FormFieldErrorMessage id={`${id}-fout`}>{error}</FormFieldErrorMessage> : null}
      <div className="kp-actions">
        <Button type="button" appearance="secondary-action-button" onClick={() => onChange(all)}>
          Alle organisaties kiezen
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={() => onChange([])}>
          Niets kiezen
        </Button>
      </div>
      {ordered.map(([ministry, members]) => (
        <fieldset key={ministry} className="utrecht-form-fieldset kp-fieldset">
          <legend className="utrecht-form-fieldset__legend utrecht-form-label">
            {ministry === 'overig' ? 'Zonder eigenaar' : (ministryName.get(ministry) ?? ministry)}
          </legend>
          <div className="kp-checkbox-group__options">
            {members.map((o) => {
              const optionId = first ? id : `${id}-${o.code.replace(/[^A-Za-z0-9_-]/g, '-')}`;
              first = false;
              return (
                <div key={o.code} className="kp-checkbox-field__row">
                  <Checkbox
                    id={optionId}
                    name="organisations"
                    value={o.code}
                    checked={value.includes(o.code)}
                    invalid={!!error}
                    aria-invalid={error ? true : undefined}
                    onChange={(e: ChangeEvent<HTMLInputElement>) => toggle(o.code, e.target.checked)}
                  />
                  <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={optionId}>
                    {o.name} ({o.code})
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
    </fieldset>
  );
}

function OpenForm() {
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ name: '', year: '', closingDate: '' });
  const [organisations, setOrganisations] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Uitvraagronde | null>(null);
  const idempotencyKey = useRef<string | null>(null);
  const { fieldErrors, summary, other } = splitApiError(error, LABELS);
  const organisationError = Object.entries(fieldErrors)
    .filter(([k]) => k === 'organisations' || k.startsWith('organisations['))
    .map(([, v]) => v)
    .join('; ');
  const set = (name: keyof typeof values) => (value: string) => {
    idempotencyKey.current = null;
    setValues((v) => ({ ...v, [name]: value }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    idempotencyKey.current ??= newIdempotencyKey();
    try {
      const year = /^\d+$/.test(values.year.trim()) ? Number(values.year.trim()) : values.year.trim() || undefined;
      const ronde = await api.post<Uitvraagronde>(
        '/uitvraagrondes',
        { name: values.name.trim(), year, closingDate: values.closingDate || undefined, organisations },
        { idempotencyKey: idempotencyKey.current },
      );
      setCreated(ronde);
      setValues({ name: '', year: '', closingDate: '' });
      setOrganisations([]);
      idempotencyKey.current = null;
      await queryClient.invalidateQueries({ queryKey: RONDES_KEY });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form id={FORM} onSubmit={submit} noValidate className="kp-form kp-acu-section" aria-labelledby={`${FORM}-kop`}>
      <Heading level={2} id={`${FORM}-kop`}>
        Uitvraag openen
      </Heading>
      <Paragraph>
        Organisaties die nog geen Stand over het jaar hebben ingediend, krijgen om 09:00 een herinnering: 10 en 5 werkdagen vóór de
        sluitingsdatum en op de sluitingsdatum zelf. Na de sluitingsdatum staat wie niets heeft ingediend als te laat in het overzicht.
      </Paragraph>
      {created ? (
        <div role="status">
          <Alert type="ok">
            <Paragraph>
              De uitvraag ‘{created.name}’ is geopend voor {created.expected} organisaties en sluit op {formatDate(created.closingDate)}.{' '}
              <AppLink to={`/uitvraag/${created.id}`}>Naar het overzicht</AppLink>
            </Paragraph>
          </Alert>
        </div>
      ) : null}
      <ErrorSummary formId={FORM} errors={summary} />
      <ProblemAlert error={other} />
      <TextField
        formId={FORM}
        name="name"
        label={LABELS.name}
        description="Bijvoorbeeld ‘Standen 2027’ (3 tot 100 tekens)."
        required
        value={values.name}
        onChange={set('name')}
        maxLength={100}
        autoComplete="off"
        error={fieldErrors.name}
      />
      <TextField
        formId={FORM}
        name="year"
        type="number"
        label={LABELS.year}
        description="Het jaar waarover de Standen gaan, bijvoorbeeld 2027. Een Stand telt mee als zijn periode met dit jaar begint (2027, 2027-H1)."
        required
        value={values.year}
        onChange={set('year')}
        error={fieldErrors.year}
      />
      <TextField
        formId={FORM}
        name="closingDate"
        type="date"
        label={LABELS.closingDate}
        description="Een werkdag in de toekomst (geen weekend of feestdag)."
        required
        value={values.closingDate}
        onChange={set('closingDate')}
        error={fieldErrors.closingDate}
      />
      <OrganisatieKeuze
        value={organisations}
        onChange={(v) => {
          idempotencyKey.current = null;
          setOrganisations(v);
        }}
        error={organisationError || undefined}
      />
      <div className="kp-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy} aria-disabled={busy || undefined}>
          Uitvraag openen
        </Button>
      </div>
    </form>
  );
}

function RondesTable({ organisationView, indiener }: { organisationView: boolean; indiener: boolean }) {
  const rondes = useQuery({
    queryKey: RONDES_KEY,
    queryFn: ({ signal }) => api.get<{ items: UitvraagrondeSamenvatting[] }>('/uitvraagrondes', {}, signal),
  });
  if (rondes.isPending) return <Paragraph className="kp-loading">Uitvraagrondes laden…</Paragraph>;
  if (rondes.isError) return <ProblemAlert error={rondes.error} />;
  if (rondes.data.items.length === 0) {
    return (
      <Paragraph>
        {organisationView ? 'Uw organisatie wordt op dit moment in geen uitvraag gevraagd.' : 'Er is nog geen uitvraag geopend.'}
      </Paragraph>
    );
  }
  return (
    <div className="kp-table-wrap">
      <Table>
        <TableCaption>
          {organisationView ? 'Uitvraagrondes waarin uw organisatie wordt gevraagd' : 'Alle uitvraagrondes, nieuwste eerst'}
        </TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Uitvraag</TableHeaderCell>
            <TableHeaderCell scope="col">Jaar</TableHeaderCell>
            <TableHeaderCell scope="col">Sluitingsdatum</TableHeaderCell>
            <TableHeaderCell scope="col">Ronde</TableHeaderCell>
            {organisationView ? (
              <>
                <TableHeaderCell scope="col">Uw Stand</TableHeaderCell>
                {indiener ? <TableHeaderCell scope="col">Actie</TableHeaderCell> : null}
              </>
            ) : (
              <>
                <TableHeaderCell scope="col">Ingediend</TableHeaderCell>
                <TableHeaderCell scope="col">Te laat</TableHeaderCell>
              </>
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rondes.data.items.map((r) => (
            <TableRow key={r.id}>
              <TableHeaderCell scope="row">
                <AppLink to={`/uitvraag/${r.id}`}>{r.name}</AppLink>
              </TableHeaderCell>
              <TableCell>{r.year}</TableCell>
              <TableCell className="kp-nowrap">{formatDate(r.closingDate)}</TableCell>
              <TableCell>{RONDE_STATUS_TEKST[r.status]}</TableCell>
              {organisationView ? (
                <>
                  <TableCell>{r.ownStatus ? STATUS_TEKST[r.ownStatus] : '—'}</TableCell>
                  {indiener ? (
                    <TableCell>
                      {r.ownStatus === 'ingediend' ? (
                        '—'
                      ) : (
                        <AppLink to="/standen/nieuw">
                          Stand {r.year} indienen<span className="kp-visually-hidden"> voor {r.name}</span>
                        </AppLink>
                      )}
                    </TableCell>
                  ) : null}
                </>
              ) : (
                <>
                  <TableCell>
                    {r.submitted} van {r.expected}
                  </TableCell>
                  <TableCell>{r.status === 'gesloten' ? r.late : '—'}</TableCell>
                </>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

export default function UitvraagPage() {
  const { user } = useSession();
  const programmadirectie = user?.role === 'programmadirectie';
  return (
    <>
      <Heading level={1}>Uitvraag van de Standen</Heading>
      <Paragraph>
        {programmadirectie
          ? 'De programmadirectie vraagt de uitvoeringsorganisaties om hun Stand van de Uitvoering vóór een sluitingsdatum. Per uitvraag ziet u wie heeft ingediend en wie te laat is.'
          : 'De uitvragen waarin uw organisatie om haar Stand van de Uitvoering wordt gevraagd, met de sluitingsdatum en of uw Stand binnen is.'}
      </Paragraph>
      <section aria-labelledby="rondes-kop" className="kp-acu-section">
        <Heading level={2} id="rondes-kop">
          Uitvraagrondes
        </Heading>
        <RondesTable organisationView={!programmadirectie} indiener={user?.role === 'indiener'} />
      </section>
      {programmadirectie ? <OpenForm /> : null}
    </>
  );
}
