/**
 * The programmadirectie's dashboard (GET /statistieken): knelpunten by theme, organisation and status, how long
 * open knelpunten are in their status, overdue deadlines per kind, and decided and solved per quarter. Every
 * chart has its numbers in a table beside it. The ACU sees the same page over the knelpunten escalated to it
 * (the API narrows the numbers; this page only shows them).
 */
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { STATUSES } from '@kp/domain/knelpunt/statuses';
import { DEADLINE_LABELS } from '@kp/domain/termijnen/deadline-state';
import { api } from '../../api/client';
import type { AgeingBucket, KeyCount, Organisation, Statistieken } from '../../api/types';
import { useSession } from '../../auth/session';
import { ProblemAlert } from '../../components/form';
import { AppLink } from '../../components/app-link';
import { formatDateTime } from '../../format';
import { STATUS_LABELS, THEMA_LABELS, label } from '../../labels';
import { quarterLabels } from './quarter';
import { BarChartFigure, DataTable, type ChartRow, type Series } from './charts';
import './dashboard.css';

const AGEING_BUCKETS: { key: AgeingBucket; label: string }[] = [
  { key: 'minder_dan_4_weken', label: 'Minder dan 4 weken' },
  { key: '4_tot_8_weken', label: '4 tot 8 weken' },
  { key: '8_tot_13_weken', label: '8 tot 13 weken' },
  { key: '13_weken_of_meer', label: '13 weken of meer' },
];

const QUARTER_SERIES: Series[] = [
  { key: 'decided', label: 'Besloten' },
  { key: 'solved', label: 'Opgelost' },
  { key: 'partlySolved', label: 'Deels opgelost' },
];

const COUNT_SERIES: Series[] = [{ key: 'count', label: 'Aantal' }];

const deadlineLabel = (kind: string): string => (DEADLINE_LABELS as Record<string, string>)[kind] ?? label({}, kind);

/** A chart and its table side by side (stacked on narrow screens, or always), under a heading. */
function ChartSection({
  id,
  title,
  intro,
  empty,
  stacked,
  children,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  empty?: string;
  /** Chart above the table: a table with several columns needs the full width. */
  stacked?: boolean;
  children: ReactNode;
}) {
  return (
    <section className="kp-dashboard__section" aria-labelledby={`${id}-kop`}>
      <Heading level={2} id={`${id}-kop`}>
        {title}
      </Heading>
      {intro ? <Paragraph className="kp-muted">{intro}</Paragraph> : null}
      {empty ? <Paragraph>{empty}</Paragraph> : <div className={stacked ? 'kp-chart-stack' : 'kp-chart-pair'}>{children}</div>}
    </section>
  );
}

/** One count per category: chart and table over the same rows. */
function CountChart({
  id,
  title,
  rowHeader,
  counts,
  labelOf,
  longLabelOf = labelOf,
  empty,
  intro,
}: {
  id: string;
  title: string;
  rowHeader: string;
  counts: KeyCount[];
  labelOf: (key: string) => string;
  longLabelOf?: (key: string) => string;
  empty: string;
  intro?: ReactNode;
}) {
  const data: ChartRow[] = counts.map((c) => ({ label: labelOf(c.key), count: c.count }));
  return (
    <ChartSection id={id} title={title} intro={intro} empty={counts.length === 0 ? empty : undefined}>
      <BarChartFigure title={title} data={data} series={COUNT_SERIES} orientation="bars" />
      <DataTable
        caption={`${title} (aantallen)`}
        rowHeader={rowHeader}
        columns={[{ key: 'count', header: 'Aantal' }]}
        rows={counts.map((c) => ({ key: c.key, header: longLabelOf(c.key), values: { count: c.count } }))}
        total
      />
    </ChartSection>
  );
}

export default function DashboardPage() {
  const { user } = useSession();
  const stats = useQuery({
    queryKey: ['statistieken'],
    queryFn: ({ signal }) => api.get<Statistieken>('/statistieken', undefined, signal),
  });
  const organisations = useQuery({
    queryKey: ['organisations'],
    queryFn: () => api.get<{ items: Organisation[] }>('/organisations'),
  });

  const heading = (
    <>
      <Heading level={1}>Dashboard</Heading>
      <Paragraph>
        {user?.role === 'acu'
          ? 'Voortgang van de knelpunten die naar de ACU zijn geëscaleerd.'
          : 'Voortgang van alle knelpunten uit de Standen van de Uitvoering.'}{' '}
        Bij elke grafiek staan dezelfde getallen in een tabel.
      </Paragraph>
      <Paragraph>
        <AppLink to="/rapportages/voortgang">Kwartaalrapportage voortgang</AppLink>: de cijfers per kwartaal, ook als PDF-, Excel- en
        CSV-bestand, en publiceren.
      </Paragraph>
      <Paragraph>
        <AppLink to="/analyse/staat">Staat van de Uitvoering</AppLink>: de analyse over de Standen van een jaar (thema's per organisatie,
        wetten, clusters, terugkerende knelpunten).
      </Paragraph>
      {user?.role === 'programmadirectie' ? (
        <Paragraph>
          <AppLink to="/uitvraag">Uitvraag van de Standen</AppLink>: een uitvraag openen en zien wie zijn Stand heeft ingediend en wie te
          laat is.
        </Paragraph>
      ) : null}
    </>
  );

  if (stats.isPending) {
    return (
      <>
        {heading}
        <Paragraph role="status" className="kp-loading">
          Cijfers laden…
        </Paragraph>
      </>
    );
  }
  if (stats.isError) {
    return (
      <>
        {heading}
        <ProblemAlert error={stats.error} />
      </>
    );
  }

  const s = stats.data;
  const orgName = new Map((organisations.data?.items ?? []).map((o) => [o.code, o.name]));
  const overdueTotal = s.overdueByDeadlineKind.reduce((n, c) => n + c.count, 0);
  const byStatus = [...s.byStatus].sort((a, b) => STATUSES.indexOf(a.key as never) - STATUSES.indexOf(b.key as never));

  const ageingStatuses = STATUSES.filter((st) => s.ageing.some((a) => a.status === st));
  const ageingRows = ageingStatuses.map((status) => {
    const values: Record<string, number> = {};
    for (const b of AGEING_BUCKETS) values[b.key] = s.ageing.find((a) => a.status === status && a.bucket === b.key)?.count ?? 0;
    values.totaal = AGEING_BUCKETS.reduce((n, b) => n + (values[b.key] ?? 0), 0);
    return { status, values };
  });

  return (
    <div className="kp-dashboard">
      {heading}
      <Heading level={2} className="kp-visually-hidden">
        Kerncijfers
      </Heading>
      <dl className="kp-kerncijfers">
        <div>
          <dt>Knelpunten</dt>
          <dd>{s.total}</dd>
        </div>
        <div>
          <dt>Nog open</dt>
          <dd>{s.open}</dd>
        </div>
        <div>
          <dt>Afgesloten</dt>
          <dd>{s.total - s.open}</dd>
        </div>
        <div>
          <dt>Verlopen termijnen</dt>
          <dd>{overdueTotal}</dd>
        </div>
      </dl>
      <Paragraph className="kp-muted">Peilmoment: {formatDateTime(s.generatedAt)}.</Paragraph>

      <CountChart
        id="thema"
        title="Knelpunten per thema"
        rowHeader="Thema"
        counts={s.byTheme}
        labelOf={(k) => label(THEMA_LABELS, k)}
        empty="Er zijn nog geen knelpunten."
      />

      <CountChart
        id="organisatie"
        title="Knelpunten per organisatie"
        rowHeader="Organisatie"
        counts={s.byOrganisation}
        labelOf={(k) => k}
        longLabelOf={(k) => (orgName.get(k) ? `${k} (${orgName.get(k)})` : k)}
        empty="Er zijn nog geen knelpunten."
      />

      <CountChart
        id="status"
        title="Knelpunten per status"
        rowHeader="Status"
        counts={byStatus}
        labelOf={(k) => label(STATUS_LABELS, k)}
        empty="Er zijn nog geen knelpunten."
      />

      <ChartSection
        id="verblijfsduur"
        title="Hoe lang open knelpunten al in hun status zijn"
        intro="Per status: het aantal open knelpunten naar de tijd sinds ze in die status kwamen."
        empty={ageingRows.length === 0 ? 'Er zijn geen open knelpunten.' : undefined}
        stacked
      >
        <BarChartFigure
          title="Hoe lang open knelpunten al in hun status zijn"
          data={ageingRows.map((r) => ({ label: label(STATUS_LABELS, r.status), ...r.values }))}
          series={AGEING_BUCKETS.map((b) => ({ key: b.key, label: b.label }))}
          orientation="bars"
          tableHint="de tabel hieronder"
        />
        <DataTable
          caption="Open knelpunten per status en tijd in die status (aantallen)"
          rowHeader="Status"
          columns={[...AGEING_BUCKETS.map((b) => ({ key: b.key, header: b.label })), { key: 'totaal', header: 'Totaal' }]}
          rows={ageingRows.map((r) => ({ key: r.status, header: label(STATUS_LABELS, r.status), values: r.values }))}
          total
        />
      </ChartSection>

      <CountChart
        id="verlopen"
        title="Verlopen termijnen per termijnsoort"
        intro="Termijnen van open knelpunten waarvan de uiterste datum verstreken is."
        rowHeader="Termijnsoort"
        counts={s.overdueByDeadlineKind}
        labelOf={deadlineLabel}
        empty="Er zijn geen verlopen termijnen."
      />

      <ChartSection
        id="kwartalen"
        title="Besloten en opgelost per kwartaal"
        intro="Besloten: knelpunten waarover in het kwartaal een beslissing over de aanpak is genomen. Opgelost en deels opgelost: afgesloten met die uitkomst."
        stacked
      >
        <BarChartFigure
          title="Besloten en opgelost per kwartaal"
          data={s.perQuarter.map((q) => ({
            label: quarterLabels(q.quarter).short,
            decided: q.decided,
            solved: q.solved,
            partlySolved: q.partlySolved,
          }))}
          series={QUARTER_SERIES}
          orientation="columns"
          tableHint="de tabel hieronder"
        />
        <DataTable
          caption="Besloten en opgeloste knelpunten per kwartaal (aantallen)"
          rowHeader="Kwartaal"
          columns={QUARTER_SERIES.map((q) => ({ key: q.key, header: q.label }))}
          rows={s.perQuarter.map((q) => ({
            key: q.quarter,
            header: quarterLabels(q.quarter).long,
            values: { decided: q.decided, solved: q.solved, partlySolved: q.partlySolved },
          }))}
          total
        />
      </ChartSection>
    </div>
  );
}
