/**
 * The public register (no login): every knelpunt of a published Stand with its organisation, theme, status,
 * outcome, dates and the API's generated progress summary (GET /openbaar/knelpunten), filterable and one keyset
 * page at a time, with the open-data export (GET /openbaar/knelpunten/export?format=csv|json) of the same filter.
 * The API decides what is public (its allow-list); this page shows only what it gets.
 */
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
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
import { STATUSES, THEMES } from '@kp/domain/knelpunt/statuses';
import { api } from '../../api/client';
import type { Organisation, Page } from '../../api/types';
import { AppLink } from '../../components/app-link';
import { CursorPager, useCursors } from '../../components/cursor-pager';
import { ProblemAlert, SelectField, TextField } from '../../components/form';
import { TableScroll } from '../../components/table-scroll';
import { formatDate } from '../../format';
import { STATUS_LABELS, THEMA_LABELS, UITKOMST_LABELS, label } from '../../labels';
import { OpenbareRapportages } from './openbare-rapportages';

/** A knelpunt as the public register gives it (the API's allow-list, libs/knelpunten/src/openbaar/public-fields.ts). */
export interface PublicKnelpunt {
  reference: string;
  title: string;
  organisation: string;
  organisationName: string | null;
  theme: string;
  status: string;
  outcome: string | null;
  doorbraakteam: string | null;
  standId: string;
  standTitle: string;
  standPeriod: string;
  submittedOn: string;
  lastChangedOn: string;
  closedOn: string | null;
  lastProgressOn: string | null;
  progressSummary: string;
}

const FORM = 'register-filter';
const PAGE_SIZE = 25;
/** URL search parameter (Dutch, shareable) → API filter. */
const FILTERS = [
  { param: 'organisatie', api: 'organisation' },
  { param: 'thema', api: 'theme' },
  { param: 'status', api: 'status' },
  { param: 'zoek', api: 'q' },
] as const;
type Filter = (typeof FILTERS)[number]['api'];
type Filters = Record<Filter, string>;

export default function OpenbaarRegisterPage() {
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(FILTERS.map((f) => [f.api, params.get(f.param) ?? ''])) as Filters;
  const [draft, setDraft] = useState<Filters>(applied);
  const cursors = useCursors();
  const { cursor, pageNumber } = cursors;

  const organisations = useQuery({ queryKey: ['organisations'], queryFn: () => api.get<{ items: Organisation[] }>('/organisations') });
  const register = useQuery({
    queryKey: ['openbaar', 'knelpunten', applied, cursor],
    queryFn: ({ signal }) =>
      api.get<Page<PublicKnelpunt>>(
        '/openbaar/knelpunten',
        {
          organisation: applied.organisation || undefined,
          theme: applied.theme || undefined,
          status: applied.status || undefined,
          q: applied.q || undefined,
          limit: PAGE_SIZE,
          cursor,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const f of FILTERS) {
      const value = draft[f.api].trim();
      if (value) next.set(f.param, value);
    }
    setParams(next);
    cursors.reset();
  }

  const exportQuery = new URLSearchParams();
  for (const f of FILTERS) if (applied[f.api]) exportQuery.set(f.api, applied[f.api]);
  const exportUrl = (format: 'csv' | 'json') => {
    const q = new URLSearchParams(exportQuery);
    q.set('format', format);
    return `/api/v1/openbaar/knelpunten/export?${q.toString()}`;
  };
  const filtered = FILTERS.some((f) => applied[f.api]);
  const items = register.data?.items ?? [];

  return (
    <>
      <Heading level={1}>Openbaar register van knelpunten</Heading>
      <Paragraph>
        Alle knelpunten uit de gepubliceerde Standen van de Uitvoering, met hun organisatie, thema, status, uitkomst en de stand van zaken.
        U hoeft hiervoor niet in te loggen. De <AppLink to="/openbaar">gepubliceerde Standen</AppLink> zelf vindt u ook hier.
      </Paragraph>

      <section aria-labelledby="wat-openbaar-kop" className="kp-section">
        <Heading level={2} id="wat-openbaar-kop">
          Wat is openbaar?
        </Heading>
        <Paragraph>
          Openbaar zijn: het kenmerk, de titel, de organisatie, het thema, de status, de uitkomst, het doorbraakteam, de Stand waaruit het
          knelpunt komt, de datums van indienen, laatste wijziging, afsluiting en laatste voortgang, en een samenvatting van de stand van
          zaken die automatisch uit die gegevens wordt opgesteld.
        </Paragraph>
        <Paragraph>
          Niet openbaar zijn: namen van personen, e-mailadressen, de toelichtingen en motiveringen bij besluiten, plannen van aanpak,
          informatieverzoeken en hun antwoorden, en de interne beschrijving van het knelpunt.
        </Paragraph>
      </section>

      <form id={FORM} role="search" aria-label="Register filteren" onSubmit={submit} noValidate className="kp-filters kp-no-print">
        <div className="kp-filters__fields">
          <SelectField
            formId={FORM}
            name="organisation"
            label="Organisatie"
            filter
            value={draft.organisation}
            onChange={(v) => setDraft((d) => ({ ...d, organisation: v }))}
            placeholder="Alle organisaties"
            options={(organisations.data?.items ?? []).map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` }))}
          />
          <SelectField
            formId={FORM}
            name="theme"
            label="Thema"
            filter
            value={draft.theme}
            onChange={(v) => setDraft((d) => ({ ...d, theme: v }))}
            placeholder="Alle thema's"
            options={THEMES.map((t) => ({ value: t, label: label(THEMA_LABELS, t) }))}
          />
          <SelectField
            formId={FORM}
            name="status"
            label="Status"
            filter
            value={draft.status}
            onChange={(v) => setDraft((d) => ({ ...d, status: v }))}
            placeholder="Alle statussen"
            options={STATUSES.map((s) => ({ value: s, label: label(STATUS_LABELS, s) }))}
          />
          <TextField
            formId={FORM}
            name="q"
            label="Zoeken in de titel"
            filter
            type="search"
            maxLength={200}
            value={draft.q}
            onChange={(v) => setDraft((d) => ({ ...d, q: v }))}
          />
        </div>
        <div className="kp-actions">
          <Button type="submit" appearance="primary-action-button">
            Tonen
          </Button>
        </div>
      </form>

      <section aria-labelledby="open-data-kop" className="kp-section kp-no-print">
        <Heading level={2} id="open-data-kop">
          Open data
        </Heading>
        <Paragraph>
          Download {filtered ? 'de knelpunten die aan uw filters voldoen' : 'alle knelpunten uit het register'} als{' '}
          <a className="utrecht-link nl-link" href={exportUrl('csv')} download>
            CSV-bestand
          </a>{' '}
          of als{' '}
          <a className="utrecht-link nl-link" href={exportUrl('json')} download>
            JSON-bestand
          </a>
          . De bestanden bevatten dezelfde openbare velden als deze tabel.
        </Paragraph>
      </section>

      <Heading level={2}>Knelpunten</Heading>
      <ProblemAlert error={register.error} />
      <Paragraph role="status" className="kp-muted">
        {register.isPending
          ? 'Knelpunten laden…'
          : register.isError
            ? ''
            : `${items.length === 0 ? 'Geen' : items.length} ${items.length === 1 ? 'knelpunt' : 'knelpunten'} op pagina ${pageNumber}.`}
      </Paragraph>

      {items.length > 0 ? (
        <TableScroll label="Knelpunten uit gepubliceerde Standen">
          <Table>
            <TableCaption>
              Knelpunten uit gepubliceerde Standen{filtered ? ' (gefilterd)' : ''}, nieuwste eerst
              {pageNumber > 1 ? ` (pagina ${pageNumber})` : ''}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Knelpunt</TableHeaderCell>
                <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
                <TableHeaderCell scope="col">Thema</TableHeaderCell>
                <TableHeaderCell scope="col">Status en uitkomst</TableHeaderCell>
                <TableHeaderCell scope="col">Stand van zaken</TableHeaderCell>
                <TableHeaderCell scope="col">Datums</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((k) => (
                <TableRow key={k.reference}>
                  <TableHeaderCell scope="row">
                    {k.title}
                    <br />
                    <span className="kp-muted">
                      {k.reference} · <AppLink to={`/openbaar/standen/${k.standId}`}>{k.standTitle}</AppLink>
                    </span>
                  </TableHeaderCell>
                  <TableCell>{k.organisation}</TableCell>
                  <TableCell>{label(THEMA_LABELS, k.theme)}</TableCell>
                  <TableCell>
                    {label(STATUS_LABELS, k.status)}
                    {k.outcome ? (
                      <>
                        <br />
                        Uitkomst: {label(UITKOMST_LABELS, k.outcome)}
                      </>
                    ) : null}
                  </TableCell>
                  <TableCell>{k.progressSummary}</TableCell>
                  <TableCell>
                    Ingediend: <span className="kp-nowrap">{formatDate(k.submittedOn)}</span>
                    <br />
                    Gewijzigd: <span className="kp-nowrap">{formatDate(k.lastChangedOn)}</span>
                    {k.closedOn ? (
                      <>
                        <br />
                        Afgesloten: <span className="kp-nowrap">{formatDate(k.closedOn)}</span>
                      </>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      ) : !register.isPending && !register.isError ? (
        <Paragraph>Er zijn geen knelpunten{filtered ? ' die aan deze filters voldoen' : ' in gepubliceerde Standen'}.</Paragraph>
      ) : null}

      <CursorPager
        label="Paginering van het register"
        cursors={cursors}
        nextCursor={register.data?.nextCursor}
        stale={register.isPlaceholderData}
      />

      <OpenbareRapportages />
    </>
  );
}
