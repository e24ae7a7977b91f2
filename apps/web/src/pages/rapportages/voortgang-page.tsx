/**
 * The quarterly progress report (GET /rapportages/voortgang?kwartaal=2026-Q4) for the programmadirectie and the
 * ACU: a quarter picker, the flows of the quarter, the counts per status, theme, organisation and doorbraakteam
 * (submitted in the quarter and cumulative), overdue deadlines, the median time to a driehoek decision and the
 * knelpunten that moved, each in a table; the same report as PDF, CSV and XLSX from the API. Every number is the API's.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
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
import { STATUSES } from '@kp/domain/knelpunt/statuses';
import { DEADLINE_LABELS } from '@kp/domain/termijnen/deadline-state';
import { api } from '../../api/client';
import type { KeyCount, Organisation, RapportagePublicatie } from '../../api/types';
import { ProblemAlert, SelectField } from '../../components/form';
import { TableScroll } from '../../components/table-scroll';
import { formatDate, formatDateTime } from '../../format';
import { DOORBRAAKTEAM_LABELS, STATUS_LABELS, THEMA_LABELS, label } from '../../labels';
import { quarterLabels } from '../dashboard/quarter';
import { recentQuarters } from './quarters';
import { DataTable } from '../dashboard/charts';
import { AppLink } from '../../components/app-link';
import { useSession } from '../../auth/session';
import '../dashboard/dashboard.css';

/**
 * Publishing the chosen quarter (POST /rapportages/voortgang/publicaties, programmadirectie only): the API stores a
 * fixed snapshot as the quarter's next version; the confirmation names that version and links to the public snapshot.
 */
function Publiceren({ kwartaal }: { kwartaal: string }) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<RapportagePublicatie | null>(null);

  async function publish() {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await api.post<RapportagePublicatie>('/rapportages/voortgang/publicaties', { kwartaal });
      setDone(result);
      await queryClient.invalidateQueries({ queryKey: ['openbaar', 'rapportages'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="kp-dashboard__section kp-no-print" aria-labelledby="publiceren-kop">
      <Heading level={2} id="publiceren-kop">
        Rapportage publiceren
      </Heading>
      <Paragraph>
        Publiceer de rapportage van {quarterLabels(kwartaal).long} als vaste momentopname. Iedereen kan haar daarna zonder inloggen lezen;
        een nieuwe publicatie van hetzelfde kwartaal wordt een nieuwe versie, eerdere versies blijven bestaan.
      </Paragraph>
      <ProblemAlert error={error} />
      <div className="kp-actions">
        <Button
          type="button"
          appearance="primary-action-button"
          disabled={busy}
          aria-disabled={busy || undefined}
          onClick={() => void publish()}
        >
          {busy ? 'Publiceren…' : 'Publiceren'}
        </Button>
      </div>
      <Paragraph role="status">
        {done ? (
          <>
            {quarterLabels(done.kwartaal).long} is gepubliceerd als versie {done.versie} op {formatDate(done.publishedOn)}.{' '}
            <a className="utrecht-link nl-link" href={done.url}>
              Openbare momentopname van versie {done.versie} (JSON)
            </a>
          </>
        ) : null}
      </Paragraph>
    </section>
  );
}

interface Tellingen {
  total: number;
  byStatus: KeyCount[];
  byTheme: KeyCount[];
  byOrganisation: KeyCount[];
  byDoorbraakteam: KeyCount[];
}

/** The API's VoortgangsrapportageDto (libs/knelpunten/src/dtos/voortgangsrapportage.dto.ts). */
export interface Voortgangsrapportage {
  kwartaal: string;
  periodStart: string;
  periodEnd: string;
  peilmoment: string;
  lopend: boolean;
  generatedAt: string;
  quarter: Tellingen;
  cumulative: Tellingen;
  flows: {
    new: number;
    decidedByDriehoek: number;
    escalatedToAcu: number;
    toPolitics: number;
    solved: number;
    notSolvable: number;
    withdrawn: number;
  };
  overdue: { basis: string; explanation: string; knelpunten: number; byDeadlineKind: KeyCount[] };
  driehoekDecision: { medianDays: number | null; basedOn: number };
  moved: {
    total: number;
    limit: number;
    items: { reference: string; title: string; organisation: string; from: string; to: string; lastMovedAt: string }[];
  };
}

const FLOWS: { key: keyof Voortgangsrapportage['flows']; label: string }[] = [
  { key: 'new', label: 'Nieuw ingediend' },
  { key: 'decidedByDriehoek', label: 'Besluit over de aanpak door de driehoek' },
  { key: 'escalatedToAcu', label: 'Geëscaleerd naar de ACU' },
  { key: 'toPolitics', label: 'Naar politieke opvolging' },
  { key: 'solved', label: 'Opgelost of deels opgelost' },
  { key: 'notSolvable', label: 'Niet oplosbaar' },
  { key: 'withdrawn', label: 'Ingetrokken' },
];

const COLUMNS = [
  { key: 'quarter', header: 'Ingediend in het kwartaal' },
  { key: 'cumulative', header: 'Cumulatief' },
];

const deadlineLabel = (kind: string): string => (DEADLINE_LABELS as Record<string, string>)[kind] ?? label({}, kind);

/** One dimension (status, theme, …): a row per key with the quarter's and the cumulative count. */
function DimensionTable({
  id,
  title,
  rowHeader,
  report,
  pick,
  labelOf,
  order,
}: {
  id: string;
  title: string;
  rowHeader: string;
  report: Voortgangsrapportage;
  pick: (t: Tellingen) => KeyCount[];
  labelOf: (key: string) => string;
  order?: (keys: string[]) => string[];
}) {
  const inQuarter = new Map(pick(report.quarter).map((c) => [c.key, c.count]));
  const cumulative = new Map(pick(report.cumulative).map((c) => [c.key, c.count]));
  const keys = [...new Set([...cumulative.keys(), ...inQuarter.keys()])];
  const ordered = order ? order(keys) : keys;
  return (
    <section className="kp-dashboard__section" aria-labelledby={`${id}-kop`}>
      <Heading level={2} id={`${id}-kop`}>
        {title}
      </Heading>
      {ordered.length === 0 ? (
        <Paragraph>Er zijn geen knelpunten tot het einde van dit kwartaal.</Paragraph>
      ) : (
        <DataTable
          caption={`${title}: ingediend in het kwartaal en cumulatief (aantallen)`}
          rowHeader={rowHeader}
          columns={COLUMNS}
          rows={ordered.map((k) => ({
            key: k,
            header: labelOf(k),
            values: { quarter: inQuarter.get(k) ?? 0, cumulative: cumulative.get(k) ?? 0 },
          }))}
          total
        />
      )}
    </section>
  );
}

export default function VoortgangsrapportagePage() {
  const quarters = recentQuarters();
  const [params, setParams] = useSearchParams();
  const kwartaal = params.get('kwartaal') ?? quarters[0]!;
  const options = (quarters.includes(kwartaal) ? quarters : [kwartaal, ...quarters]).map((q) => ({
    value: q,
    label: quarterLabels(q).long,
  }));

  const report = useQuery({
    queryKey: ['rapportages', 'voortgang', kwartaal],
    queryFn: ({ signal }) => api.get<Voortgangsrapportage>('/rapportages/voortgang', { kwartaal }, signal),
  });
  const organisations = useQuery({ queryKey: ['organisations'], queryFn: () => api.get<{ items: Organisation[] }>('/organisations') });
  const orgName = new Map((organisations.data?.items ?? []).map((o) => [o.code, o.name]));
  const download = (format: 'pdf' | 'csv' | 'xlsx') =>
    `/api/v1/rapportages/voortgang?kwartaal=${encodeURIComponent(kwartaal)}&format=${format}`;
  const r = report.data;
  const { user } = useSession();

  return (
    <div className="kp-dashboard">
      <Heading level={1}>Kwartaalrapportage voortgang</Heading>
      <Paragraph>
        De voortgang van de knelpunten per kwartaal: wat er in het kwartaal gebeurde, en de stand van alle knelpunten op het peilmoment.
      </Paragraph>

      <form className="kp-filters kp-no-print" aria-label="Kwartaal kiezen" onSubmit={(e) => e.preventDefault()}>
        <div className="kp-filters__fields">
          <SelectField
            formId="rapportage"
            name="kwartaal"
            label="Kwartaal"
            filter
            value={kwartaal}
            onChange={(v) => setParams(v ? { kwartaal: v } : {})}
            options={options}
          />
        </div>
      </form>

      <Paragraph className="kp-no-print">
        Downloaden:{' '}
        <a className="utrecht-link nl-link" href={download('pdf')} download>
          PDF-bestand
        </a>
        ,{' '}
        <a className="utrecht-link nl-link" href={download('xlsx')} download>
          Excel-bestand (XLSX)
        </a>{' '}
        of{' '}
        <a className="utrecht-link nl-link" href={download('csv')} download>
          CSV-bestand
        </a>{' '}
        van {quarterLabels(kwartaal).long}.
      </Paragraph>

      {user?.role === 'programmadirectie' ? <Publiceren key={kwartaal} kwartaal={kwartaal} /> : null}

      {report.isPending ? (
        <Paragraph role="status" className="kp-loading">
          Rapportage laden…
        </Paragraph>
      ) : report.isError ? (
        <ProblemAlert error={report.error} />
      ) : r ? (
        <>
          <Paragraph className="kp-muted">
            {quarterLabels(r.kwartaal).long}: {formatDate(r.periodStart)} tot en met {formatDate(r.periodEnd)}. Peilmoment:{' '}
            {formatDateTime(r.peilmoment)}
            {r.lopend ? ' (het kwartaal loopt nog; de getallen kunnen nog veranderen)' : ''}.
          </Paragraph>
          <Heading level={2} className="kp-visually-hidden">
            Kerncijfers
          </Heading>
          <dl className="kp-kerncijfers">
            <div>
              <dt>Ingediend in het kwartaal</dt>
              <dd>{r.quarter.total}</dd>
            </div>
            <div>
              <dt>Cumulatief</dt>
              <dd>{r.cumulative.total}</dd>
            </div>
            <div>
              <dt>Met verlopen termijn</dt>
              <dd>{r.overdue.knelpunten}</dd>
            </div>
            <div>
              <dt>Mediaan tot besluit driehoek</dt>
              <dd>{r.driehoekDecision.medianDays === null ? '—' : `${r.driehoekDecision.medianDays.toLocaleString('nl-NL')} dagen`}</dd>
            </div>
          </dl>
          <Paragraph className="kp-muted">
            {r.driehoekDecision.medianDays === null
              ? 'In dit kwartaal nam geen driehoek een eerste besluit, dus er is geen mediane doorlooptijd.'
              : `Mediaan van de indiening tot het eerste besluit van de driehoek, over ${r.driehoekDecision.basedOn} ${r.driehoekDecision.basedOn === 1 ? 'knelpunt' : 'knelpunten'} met een eerste besluit in het kwartaal.`}
          </Paragraph>

          <section className="kp-dashboard__section" aria-labelledby="stromen-kop">
            <Heading level={2} id="stromen-kop">
              Wat er in het kwartaal gebeurde
            </Heading>
            <DataTable
              caption={`Stromen in ${quarterLabels(r.kwartaal).long} (aantallen knelpunten)`}
              rowHeader="Gebeurtenis"
              columns={[{ key: 'count', header: 'Aantal' }]}
              rows={FLOWS.map((f) => ({ key: f.key, header: f.label, values: { count: r.flows[f.key] } }))}
            />
          </section>

          <DimensionTable
            id="status"
            title="Knelpunten per status"
            rowHeader="Status"
            report={r}
            pick={(t) => t.byStatus}
            labelOf={(k) => label(STATUS_LABELS, k)}
            order={(keys) => [...keys].sort((a, b) => STATUSES.indexOf(a as never) - STATUSES.indexOf(b as never))}
          />
          <DimensionTable
            id="thema"
            title="Knelpunten per thema"
            rowHeader="Thema"
            report={r}
            pick={(t) => t.byTheme}
            labelOf={(k) => label(THEMA_LABELS, k)}
          />
          <DimensionTable
            id="organisatie"
            title="Knelpunten per organisatie"
            rowHeader="Organisatie"
            report={r}
            pick={(t) => t.byOrganisation}
            labelOf={(k) => (orgName.get(k) ? `${k} (${orgName.get(k)})` : k)}
          />
          <DimensionTable
            id="doorbraakteam"
            title="Knelpunten per doorbraakteam"
            rowHeader="Doorbraakteam"
            report={r}
            pick={(t) => t.byDoorbraakteam}
            labelOf={(k) => (k === 'geen' ? 'Geen doorbraakteam' : label(DOORBRAAKTEAM_LABELS, k))}
          />

          <section className="kp-dashboard__section" aria-labelledby="verlopen-kop">
            <Heading level={2} id="verlopen-kop">
              Verlopen termijnen op het peilmoment
            </Heading>
            <Paragraph className="kp-muted">{r.overdue.explanation}</Paragraph>
            {r.overdue.byDeadlineKind.length === 0 ? (
              <Paragraph>Er waren geen verlopen termijnen.</Paragraph>
            ) : (
              <DataTable
                caption="Verlopen termijnen van open knelpunten per termijnsoort (aantallen)"
                rowHeader="Termijnsoort"
                columns={[{ key: 'count', header: 'Aantal' }]}
                rows={r.overdue.byDeadlineKind.map((c) => ({ key: c.key, header: deadlineLabel(c.key), values: { count: c.count } }))}
                total
              />
            )}
          </section>

          <section className="kp-dashboard__section" aria-labelledby="verplaatst-kop">
            <Heading level={2} id="verplaatst-kop">
              Knelpunten met een andere status
            </Heading>
            <Paragraph className="kp-muted">
              {r.moved.total === 0
                ? 'In dit kwartaal veranderde van geen enkel knelpunt de status.'
                : `Van ${r.moved.total} ${r.moved.total === 1 ? 'knelpunt' : 'knelpunten'} veranderde de status in het kwartaal${r.moved.total > r.moved.items.length ? `; de laatste ${r.moved.items.length} staan hieronder` : ''}.`}
            </Paragraph>
            {r.moved.items.length > 0 ? (
              <TableScroll label="Knelpunten met een andere status">
                <Table>
                  <TableCaption>Knelpunten waarvan de status in het kwartaal veranderde, laatst verplaatst eerst</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">Knelpunt</TableHeaderCell>
                      <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
                      <TableHeaderCell scope="col">Van</TableHeaderCell>
                      <TableHeaderCell scope="col">Naar</TableHeaderCell>
                      <TableHeaderCell scope="col">Laatste wijziging</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {r.moved.items.map((m) => (
                      <TableRow key={m.reference}>
                        <TableHeaderCell scope="row">
                          <AppLink to={`/knelpunten/${m.reference}`}>{m.reference}</AppLink>: {m.title}
                        </TableHeaderCell>
                        <TableCell>{m.organisation}</TableCell>
                        <TableCell>{label(STATUS_LABELS, m.from)}</TableCell>
                        <TableCell>{label(STATUS_LABELS, m.to)}</TableCell>
                        <TableCell>{formatDateTime(m.lastMovedAt)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableScroll>
            ) : null}
          </section>
          <Paragraph className="kp-muted">Samengesteld: {formatDateTime(r.generatedAt)}.</Paragraph>
        </>
      ) : null}
    </div>
  );
}
