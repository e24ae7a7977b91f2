/**
 * The Staat van de Uitvoering of one year (GET /analyse/staat?jaar=2026) for the programmadirectie and the ACU: a
 * year picker (in the URL), the theme × organisation matrix as a heat-map table, the laws most often named (chart and
 * table, linked to wetten.overheid.nl), the ACU's clusters with their members, the knelpunten that come back from an
 * earlier Stand, and the ageing of the open knelpunten (chart and table). Every number is the API's.
 */
import { TableHeaderCell } from '../../components/table-header-cell';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
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
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { AppLink } from '../../components/app-link';
import { ProblemAlert, SelectField } from '../../components/form';
import { TableScroll } from '../../components/table-scroll';
import { formatDateTime } from '../../format';
import { STATUS_LABELS, THEMA_LABELS, label } from '../../labels';
import { BarChartFigure, type ChartRow } from '../dashboard/charts';
import type { StaatAnalyse } from './staat-types';
import '../dashboard/dashboard.css';
import './staat.css';

const MIN_JAAR = 2000;
const MAX_JAAR = 2100;

const currentYear = (): number =>
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date()));

/** A valid year from the URL, else null (the API decides the default: the current year). */
function yearFromUrl(value: string | null): number | null {
  if (!value || !/^[0-9]{4}$/.test(value)) return null;
  const n = Number(value);
  return n >= MIN_JAAR && n <= MAX_JAAR ? n : null;
}

const number = (n: number | null): string => (n === null ? '—' : n.toLocaleString('nl-NL'));
const wettenUrl = (bwbId: string): string => `https://wetten.overheid.nl/${encodeURIComponent(bwbId)}`;
const knelpuntUrl = (reference: string): string => `/knelpunten/${encodeURIComponent(reference)}`;

/** Heat-map tint: from white to a light Rijkshuisstijl blue; dark text stays readable (contrast ≥ 4.5:1) on every tint. */
function tint(count: number, max: number): string {
  const t = max > 0 ? (0.5 * count) / max : 0;
  const mix = (from: number, to: number) => Math.round(from + (to - from) * t);
  return `rgb(${mix(255, 21)}, ${mix(255, 66)}, ${mix(255, 115)})`;
}

function Section({ id, title, intro, children }: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section className="kp-dashboard__section" aria-labelledby={`${id}-kop`}>
      <Heading level={2} id={`${id}-kop`}>
        {title}
      </Heading>
      {intro ? <Paragraph className="kp-muted">{intro}</Paragraph> : null}
      {children}
    </section>
  );
}

function Matrix({ a, orgName }: { a: StaatAnalyse; orgName: Map<string, string> }) {
  const m = a.matrix;
  if (m.total === 0) return <Paragraph>Er zijn geen knelpunten in de Standen van {a.jaar}.</Paragraph>;
  const cell = new Map(m.cells.map((c) => [`${c.theme}|${c.organisation}`, c.count]));
  const max = Math.max(...m.cells.map((c) => c.count));
  const themeTotal = new Map(m.themeTotals.map((t) => [t.key, t.count]));
  const orgTotal = new Map(m.organisationTotals.map((o) => [o.key, o.count]));
  const caption = `Knelpunten per thema (rijen) en organisatie (kolommen) in de Standen van ${a.jaar} (aantallen)`;
  return (
    <>
      <Paragraph className="kp-muted">
        Hoe donkerder het vak, hoe meer knelpunten; het aantal staat altijd in het vak.{' '}
        <span className="kp-schaal" aria-hidden="true">
          {[...new Set([0, Math.round(max / 2), max])].map((n) => (
            <span key={n} style={{ background: tint(n, max) }}>
              {n}
            </span>
          ))}
        </span>
      </Paragraph>
      <TableScroll label={caption}>
        <Table className="kp-data-table kp-matrix">
          <TableCaption>{caption}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Thema</TableHeaderCell>
              {m.organisations.map((o) => (
                <TableHeaderCell key={o} scope="col" className="kp-matrix__org">
                  <abbr title={orgName.get(o) ?? o}>{o}</abbr>
                </TableHeaderCell>
              ))}
              <TableHeaderCell scope="col" className="kp-matrix__org">
                Totaal
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {m.themes.map((theme) => (
              <TableRow key={theme}>
                <TableHeaderCell scope="row">{label(THEMA_LABELS, theme)}</TableHeaderCell>
                {m.organisations.map((o) => {
                  const count = cell.get(`${theme}|${o}`) ?? 0;
                  return (
                    <TableCell
                      key={o}
                      className={`kp-matrix__cel${count === 0 ? ' kp-matrix__cel--leeg' : ''}`}
                      style={{ background: tint(count, max) }}
                    >
                      {count}
                    </TableCell>
                  );
                })}
                <TableCell className="kp-matrix__totaal">{themeTotal.get(theme) ?? 0}</TableCell>
              </TableRow>
            ))}
            <TableRow className="kp-total-row">
              <TableHeaderCell scope="row">Totaal</TableHeaderCell>
              {m.organisations.map((o) => (
                <TableCell key={o} className="kp-matrix__totaal">
                  {orgTotal.get(o) ?? 0}
                </TableCell>
              ))}
              <TableCell className="kp-matrix__totaal">{m.total}</TableCell>
            </TableRow>
          </TableBody>
        </Table>
      </TableScroll>
    </>
  );
}

function Wetten({ a }: { a: StaatAnalyse }) {
  const bwb = a.wetten.bwb;
  const data: ChartRow[] = bwb.map((w) => ({ label: w.label ? `${w.bwbId} (${w.label})` : w.bwbId, count: w.count }));
  const title = `Meest genoemde wetten en regelingen (BWB-id) in ${a.jaar}`;
  return (
    <>
      {bwb.length === 0 ? (
        <Paragraph>Geen enkel knelpunt van {a.jaar} noemt een wet of regeling met een BWB-id.</Paragraph>
      ) : (
        <div className="kp-chart-stack">
          <BarChartFigure
            title={title}
            data={data}
            series={[{ key: 'count', label: 'Aantal knelpunten' }]}
            orientation="bars"
            tableHint="de tabel hieronder"
          />
          <TableScroll label={`${title} (aantallen)`}>
            <Table className="kp-data-table">
              <TableCaption>{`${title} (aantallen)`}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">BWB-id</TableHeaderCell>
                  <TableHeaderCell scope="col">Genoemd als</TableHeaderCell>
                  <TableHeaderCell scope="col" className="kp-number">
                    Aantal knelpunten
                  </TableHeaderCell>
                  <TableHeaderCell scope="col">Organisaties</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {bwb.map((w) => (
                  <TableRow key={w.bwbId}>
                    <TableHeaderCell scope="row">
                      <a className="utrecht-link nl-link" href={wettenUrl(w.bwbId)} rel="noopener noreferrer">
                        {w.bwbId}
                        <span className="kp-visually-hidden"> op wetten.overheid.nl</span>
                      </a>
                    </TableHeaderCell>
                    <TableCell>{w.label ?? '—'}</TableCell>
                    <TableCell className="kp-number">{w.count}</TableCell>
                    <TableCell>{w.organisations.join(', ')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableScroll>
        </div>
      )}
      <Heading level={3} className="kp-staat__subkop">
        Wetten zonder BWB-id
      </Heading>
      {a.wetten.vrijeTekst.length === 0 ? (
        <Paragraph>Er zijn geen knelpunten zonder BWB-id die een wet bij naam noemen.</Paragraph>
      ) : (
        <TableScroll label="Wetten zonder BWB-id">
          <Table className="kp-data-table">
            <TableCaption>{`Wetten zoals geschreven bij knelpunten zonder BWB-id in ${a.jaar} (aantallen; hoofdletters en spaties rondom tellen niet)`}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Wet of regeling</TableHeaderCell>
                <TableHeaderCell scope="col" className="kp-number">
                  Aantal knelpunten
                </TableHeaderCell>
                <TableHeaderCell scope="col">Organisaties</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {a.wetten.vrijeTekst.map((w) => (
                <TableRow key={w.key}>
                  <TableHeaderCell scope="row">{w.label ?? w.key}</TableHeaderCell>
                  <TableCell className="kp-number">{w.count}</TableCell>
                  <TableCell>{w.organisations.join(', ')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
    </>
  );
}

function Clusters({ a }: { a: StaatAnalyse }) {
  if (a.clusters.length === 0) return <Paragraph>Geen cluster van de ACU heeft een knelpunt uit de Standen van {a.jaar}.</Paragraph>;
  return (
    <>
      {a.clusters.map((c) => (
        <div key={c.id} className="kp-cluster">
          <Heading level={3}>
            <AppLink to={`/acu/clusters/${c.id}`}>{c.title}</AppLink>
          </Heading>
          <Paragraph>
            {c.organisations} {c.organisations === 1 ? 'organisatie' : 'organisaties'}, {c.members.length}{' '}
            {c.members.length === 1 ? 'knelpunt' : 'knelpunten'}, waarvan {c.membersInJaar} uit {a.jaar}.
          </Paragraph>
          <TableScroll label={`Knelpunten in het cluster ${c.title}`}>
            <Table className="kp-data-table">
              <TableCaption>{`Knelpunten in het cluster ${c.title}`}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Kenmerk</TableHeaderCell>
                  <TableHeaderCell scope="col">Titel</TableHeaderCell>
                  <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
                  <TableHeaderCell scope="col">Status</TableHeaderCell>
                  <TableHeaderCell scope="col">Stand</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {c.members.map((m) => (
                  <TableRow key={m.id}>
                    <TableHeaderCell scope="row">
                      <AppLink to={knelpuntUrl(m.reference)}>{m.reference}</AppLink>
                    </TableHeaderCell>
                    <TableCell>{m.title}</TableCell>
                    <TableCell>{m.organisation}</TableCell>
                    <TableCell>{label(STATUS_LABELS, m.status)}</TableCell>
                    <TableCell>{m.jaar}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableScroll>
        </div>
      ))}
    </>
  );
}

function Terugkerend({ a }: { a: StaatAnalyse }) {
  const t = a.terugkerend;
  if (t.items.length === 0)
    return <Paragraph>Geen knelpunt uit {a.jaar} lijkt op een knelpunt uit een eerdere Stand van dezelfde organisatie.</Paragraph>;
  const caption = `Knelpunten uit ${a.jaar} die in een eerdere Stand van dezelfde organisatie voorkwamen`;
  return (
    <>
      {t.total > t.items.length ? (
        <Paragraph>
          De {t.items.length} meest gelijkende van {t.total} terugkerende knelpunten.
        </Paragraph>
      ) : null}
      <TableScroll label={caption}>
        <Table className="kp-data-table">
          <TableCaption>{caption}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Knelpunt uit {a.jaar}</TableHeaderCell>
              <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
              <TableHeaderCell scope="col">Eerder knelpunt</TableHeaderCell>
              <TableHeaderCell scope="col">Jaar</TableHeaderCell>
              <TableHeaderCell scope="col">Status eerder knelpunt</TableHeaderCell>
              <TableHeaderCell scope="col" className="kp-number">
                Overeenkomst titel
              </TableHeaderCell>
              <TableHeaderCell scope="col">Waarom</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {t.items.flatMap((k) =>
              k.eerder.map((e) => (
                <TableRow key={`${k.id}-${e.id}`}>
                  <TableHeaderCell scope="row">
                    <AppLink to={knelpuntUrl(k.reference)}>{k.reference}</AppLink> {k.title}
                  </TableHeaderCell>
                  <TableCell>{k.organisation}</TableCell>
                  <TableCell>
                    <AppLink to={knelpuntUrl(e.reference)}>{e.reference}</AppLink> {e.title}
                  </TableCell>
                  <TableCell>{e.jaar}</TableCell>
                  <TableCell>{label(STATUS_LABELS, e.status)}</TableCell>
                  <TableCell className="kp-number">{e.score.toLocaleString('nl-NL', { minimumFractionDigits: 2 })}</TableCell>
                  <TableCell className="kp-terugkerend__reden">{e.reason}</TableCell>
                </TableRow>
              )),
            )}
          </TableBody>
        </Table>
      </TableScroll>
    </>
  );
}

function Veroudering({ a }: { a: StaatAnalyse }) {
  const v = a.veroudering;
  if (a.matrix.total === 0) return <Paragraph>Er zijn geen knelpunten in de Standen van {a.jaar}.</Paragraph>;
  if (v.total === 0) return <Paragraph>Alle knelpunten uit de Standen van {a.jaar} zijn afgesloten.</Paragraph>;
  const buckets = v.buckets.map((b) => ({ key: b.key, label: b.label }));
  const title = `Leeftijd van de open knelpunten uit ${a.jaar} per status`;
  const caption = `${title} (aantallen; leeftijd in dagen sinds de indiening)`;
  const row = (
    key: string,
    header: ReactNode,
    r: { count: number; medianDays: number | null; maxDays: number | null; buckets: { count: number }[] },
    total?: boolean,
  ) => (
    <TableRow key={key} className={total ? 'kp-total-row' : undefined}>
      <TableHeaderCell scope="row">{header}</TableHeaderCell>
      {r.buckets.map((b, i) => (
        <TableCell key={buckets[i]?.key ?? i} className="kp-number">
          {b.count}
        </TableCell>
      ))}
      <TableCell className="kp-number">{r.count}</TableCell>
      <TableCell className="kp-number">{number(r.medianDays)}</TableCell>
      <TableCell className="kp-number">{number(r.maxDays)}</TableCell>
    </TableRow>
  );
  return (
    <div className="kp-chart-stack">
      <BarChartFigure
        title={title}
        data={v.byStatus.map((s) => ({
          label: label(STATUS_LABELS, s.key),
          ...Object.fromEntries(s.buckets.map((b) => [b.key, b.count])),
        }))}
        series={buckets}
        orientation="bars"
        tableHint="de tabel hieronder"
      />
      <TableScroll label={caption}>
        <Table className="kp-data-table">
          <TableCaption>{caption}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Status</TableHeaderCell>
              {buckets.map((b) => (
                <TableHeaderCell key={b.key} scope="col" className="kp-number">
                  {b.label}
                </TableHeaderCell>
              ))}
              <TableHeaderCell scope="col" className="kp-number">
                Aantal
              </TableHeaderCell>
              <TableHeaderCell scope="col" className="kp-number">
                Mediaan (dagen)
              </TableHeaderCell>
              <TableHeaderCell scope="col" className="kp-number">
                Oudste (dagen)
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {v.byStatus.map((s) => row(s.key, label(STATUS_LABELS, s.key), s))}
            {row('totaal', 'Alle open knelpunten', { ...v, count: v.total }, true)}
          </TableBody>
        </Table>
      </TableScroll>
      <Paragraph className="kp-muted">
        {v.explanation} Peilmoment: {formatDateTime(v.peilmoment)}.
      </Paragraph>
    </div>
  );
}

export default function StaatPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const jaar = yearFromUrl(params.get('jaar')) ?? currentYear();
  const [draft, setDraft] = useState(String(jaar));
  const [shown, setShown] = useState(jaar);
  if (shown !== jaar) {
    // The URL changed (back button, a link): the picker follows it.
    setShown(jaar);
    setDraft(String(jaar));
  }

  const analyse = useQuery({
    queryKey: ['analyse', 'staat', jaar],
    queryFn: ({ signal }) => api.get<StaatAnalyse>('/analyse/staat', { jaar }, signal),
  });
  const organisations = useQuery({
    queryKey: ['organisations'],
    queryFn: () => api.get<{ items: { code: string; name: string }[] }>('/organisations'),
  });
  const orgName = new Map((organisations.data?.items ?? []).map((o) => [o.code, o.name]));
  const years = [...new Set([currentYear(), jaar, ...(analyse.data?.availableYears ?? [])])].sort((x, y) => y - x);
  const a = analyse.data;

  function submit(e: FormEvent) {
    e.preventDefault();
    setParams({ jaar: draft });
  }

  return (
    <div className="kp-dashboard">
      <Heading level={1}>Staat van de Uitvoering {jaar}</Heading>
      <Paragraph>
        De analyse over de Standen van de Uitvoering van één jaar:{' '}
        {user?.role === 'acu' ? 'over de knelpunten die naar de ACU zijn geëscaleerd' : 'over alle knelpunten van alle organisaties'}. Bij
        elke grafiek staan dezelfde getallen in een tabel.
      </Paragraph>

      <form className="kp-filters kp-no-print" aria-label="Jaar kiezen" onSubmit={submit}>
        <div className="kp-filters__fields">
          <SelectField
            formId="staat"
            name="jaar"
            label="Jaar van de Standen"
            filter
            value={draft}
            onChange={setDraft}
            options={years.map((y) => ({ value: String(y), label: String(y) }))}
          />
        </div>
        <div className="kp-actions">
          <Button type="submit" appearance="primary-action-button">
            Tonen
          </Button>
        </div>
      </form>

      {analyse.isPending ? (
        <Paragraph role="status" className="kp-loading">
          Analyse laden…
        </Paragraph>
      ) : analyse.isError ? (
        <ProblemAlert error={analyse.error} />
      ) : a ? (
        <>
          <Heading level={2} className="kp-visually-hidden">
            Kerncijfers
          </Heading>
          <dl className="kp-kerncijfers">
            <div>
              <dt>Standen</dt>
              <dd>{a.standen}</dd>
            </div>
            <div>
              <dt>Knelpunten</dt>
              <dd>{a.matrix.total}</dd>
            </div>
            <div>
              <dt>Nog open</dt>
              <dd>{a.veroudering.total}</dd>
            </div>
            <div>
              <dt>Terugkerend</dt>
              <dd>{a.terugkerend.total}</dd>
            </div>
            <div>
              <dt>Clusters</dt>
              <dd>{a.clusters.length}</dd>
            </div>
          </dl>
          <Paragraph className="kp-muted">Berekend op {formatDateTime(a.generatedAt)}.</Paragraph>

          <Section id="matrix" title="Thema's per organisatie">
            <Matrix a={a} orgName={orgName} />
          </Section>
          <Section
            id="wetten"
            title="Meest genoemde wetten en regelingen"
            intro={`Op BWB-id, met een link naar de regeling op wetten.overheid.nl; daaronder de wetten die knelpunten zonder BWB-id bij naam noemen. Hoogstens ${a.wetten.limit} van elk.`}
          >
            <Wetten a={a} />
          </Section>
          <Section id="clusters" title="Overkoepelende knelpunten (clusters van de ACU)">
            <Clusters a={a} />
          </Section>
          <Section
            id="terugkerend"
            title="Knelpunten die terugkomen"
            intro={`Een knelpunt uit ${a.jaar} waarvan dezelfde organisatie in een Stand van een eerder jaar een gelijkend knelpunt had: een titel met een overeenkomst van minstens ${a.terugkerend.threshold.toLocaleString('nl-NL')} (0 is niets gemeen, 1 gelijk), of dezelfde wet (BWB-id) bij hetzelfde thema.`}
          >
            <Terugkerend a={a} />
          </Section>
          <Section id="veroudering" title="Hoe lang open knelpunten al wachten">
            <Veroudering a={a} />
          </Section>
        </>
      ) : null}
    </div>
  );
}
