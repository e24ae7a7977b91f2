/**
 * The one knelpunten list of the web app: a filter form, a table and a pager over the API's keyset
 * cursors (`{ items, nextCursor }`). Mijn knelpunten, the driehoek's werkvoorraad and the general
 * knelpunten list all use it; each says which endpoint (or fetch function), which base query and which
 * filters it offers. Nothing is filtered or sorted here: the API does that, so the order is the API's
 * (newest first, or most urgent first for a queue).
 *
 * Filters live in the URL (`?status=…&theme=…`), so the back button after opening a knelpunt returns to
 * the same list; the cursor stack lives in the component (a new filter starts at page 1).
 */
import { useEffect, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableRow,
} from '@rijkshuisstijl-community/components-react';
import { TableHeaderCell } from './table-header-cell';
import { STATUSES, THEMES } from '@kp/domain/knelpunt/statuses';
import { api } from '../api/client';
import type { KnelpuntSummary, Organisation, Page } from '../api/types';
import { formatDate } from '../format';
import { STATUS_LABELS, THEMA_LABELS, UITKOMST_LABELS, label } from '../labels';
import { AppLink } from './app-link';
import { CursorPager, useCursors } from './cursor-pager';
import { ProblemAlert, SelectField, TextField } from './form';

export type KnelpuntFilter = 'status' | 'theme' | 'overdue' | 'q' | 'organisation' | 'driehoek' | VerwijzingFilter;
/** Filters on one reference to parliament or law (the API checks the format). */
type VerwijzingFilter = 'kamerstuk' | 'motie' | 'toezegging' | 'bwb';

const VERWIJZING_FILTER_HINTS: Record<VerwijzingFilter, string> = {
  kamerstuk: 'Eén Kamerstuknummer, zoals 29362-290.',
  motie: 'Het Kamerstuknummer van een motie, zoals 36200-VII-12.',
  toezegging: 'Een toezeggingnummer, zoals TZ202311-045.',
  bwb: 'Een BWB-id, zoals BWBR0002448.',
};
export type KnelpuntColumn = 'reference' | 'title' | 'organisation' | 'theme' | 'status' | 'nextDueAt' | 'updatedAt';

/** The query values a list sends: the base query, the chosen filters, `limit` and `cursor`. */
export type KnelpuntenQuery = Record<string, string | number | boolean | undefined>;

export interface ExtraColumn {
  header: string;
  cell: (knelpunt: KnelpuntSummary) => ReactNode;
}

export interface KnelpuntenTableProps {
  /** API path of the list, e.g. `/knelpunten` or `/driehoeken/UWV/queue`. Ignored when `fetchPage` is given. */
  endpoint?: string;
  /** Own fetch function instead of `endpoint` (receives the whole query, cursor included). */
  fetchPage?: (query: KnelpuntenQuery, signal?: AbortSignal) => Promise<Page<KnelpuntSummary>>;
  /** Query always sent (e.g. `{ organisation: 'UWV' }`); filters chosen by the user are added to it. */
  baseQuery?: KnelpuntenQuery;
  /** Part of the TanStack Query key, so two lists never share a cache entry. */
  queryKey: readonly unknown[];
  /** Filters in the form, in this order; none: no form. Only offer what the endpoint supports. */
  filters?: KnelpuntFilter[];
  /** Statuses offered in the status filter (default all). */
  statusOptions?: readonly string[];
  /** Columns in this order (default reference, title, theme, status, next deadline). */
  columns?: KnelpuntColumn[];
  /** Extra columns after the standard ones (e.g. an action). */
  extraColumns?: ExtraColumn[];
  /** Caption of the table (WCAG: every table has one). */
  caption: string;
  /** Shown when the list is empty. */
  emptyText?: string;
  pageSize?: number;
  /** Prefix of the URL parameters, for two lists on one page (default none). */
  urlPrefix?: string;
}

const DEFAULT_COLUMNS: KnelpuntColumn[] = ['reference', 'title', 'theme', 'status', 'nextDueAt'];

const FILTER_LABELS: Record<KnelpuntFilter, string> = {
  status: 'Status',
  theme: 'Thema',
  overdue: 'Termijn',
  q: 'Zoeken',
  organisation: 'Organisatie',
  driehoek: 'Driehoek',
  kamerstuk: 'Kamerstuk',
  motie: 'Motie',
  toezegging: 'Toezegging',
  bwb: 'Wet of regeling (BWB-id)',
};

const COLUMN_HEADERS: Record<KnelpuntColumn, string> = {
  reference: 'Kenmerk',
  title: 'Titel',
  organisation: 'Organisatie',
  theme: 'Thema',
  status: 'Status',
  nextDueAt: 'Volgende termijn',
  updatedAt: 'Laatst gewijzigd',
};

/** Status in words, with the outcome of a closed knelpunt. */
export function statusText(k: Pick<KnelpuntSummary, 'status' | 'outcome'>): string {
  const status = label(STATUS_LABELS, k.status);
  return k.outcome ? `${status}: ${label(UITKOMST_LABELS, k.outcome)}` : status;
}

/** The next deadline with the overdue marking in words (never colour alone). */
export function NextDeadline({ knelpunt }: { knelpunt: Pick<KnelpuntSummary, 'nextDueAt' | 'overdue'> }) {
  return (
    <>
      {knelpunt.nextDueAt ? <span>{formatDate(knelpunt.nextDueAt)}</span> : <span className="kp-muted">Geen lopende termijn</span>}
      {knelpunt.overdue ? (
        <>
          {' '}
          <span className="kp-tag kp-tag--verlopen">Termijn verstreken</span>
        </>
      ) : null}
    </>
  );
}

function cellFor(column: KnelpuntColumn, k: KnelpuntSummary): ReactNode {
  switch (column) {
    case 'reference':
      return <AppLink to={`/knelpunten/${encodeURIComponent(k.reference)}`}>{k.reference}</AppLink>;
    case 'title':
      return k.title;
    case 'organisation':
      return k.organisation;
    case 'theme':
      return label(THEMA_LABELS, k.theme);
    case 'status':
      return statusText(k);
    case 'nextDueAt':
      return <NextDeadline knelpunt={k} />;
    case 'updatedAt':
      return formatDate(k.updatedAt);
  }
}

interface FilterValues {
  status: string;
  theme: string;
  overdue: string;
  q: string;
  organisation: string;
  driehoek: string;
  kamerstuk: string;
  motie: string;
  toezegging: string;
  bwb: string;
}

const EMPTY: FilterValues = {
  status: '',
  theme: '',
  overdue: '',
  q: '',
  organisation: '',
  driehoek: '',
  kamerstuk: '',
  motie: '',
  toezegging: '',
  bwb: '',
};

export function KnelpuntenTable({
  endpoint,
  fetchPage,
  baseQuery,
  queryKey,
  filters = ['status', 'theme', 'overdue', 'q'],
  statusOptions = STATUSES,
  columns = DEFAULT_COLUMNS,
  extraColumns = [],
  caption,
  emptyText = 'Er zijn geen knelpunten die aan deze zoekopdracht voldoen.',
  pageSize = 25,
  urlPrefix = '',
}: KnelpuntenTableProps) {
  const formId = `filter${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const [params, setParams] = useSearchParams();
  const filterList = filters.join(',');
  const applied: FilterValues = useMemo(() => {
    const v = { ...EMPTY };
    for (const f of filterList.split(',') as KnelpuntFilter[]) if (f) v[f] = params.get(`${urlPrefix}${f}`) ?? '';
    return v;
  }, [params, filterList, urlPrefix]);
  const [draft, setDraft] = useState<FilterValues>(applied);
  // Back/forward in the browser changes the URL: the form follows.
  useEffect(() => setDraft(applied), [applied]);

  const cursors = useCursors();
  const { cursor, reset: firstPage } = cursors;
  const appliedKey = JSON.stringify(applied);
  useEffect(() => firstPage(), [appliedKey, firstPage]);

  const query: KnelpuntenQuery = { ...baseQuery, limit: pageSize, cursor };
  for (const f of filters) {
    const value = applied[f];
    if (value === '') continue;
    query[f] = f === 'overdue' ? value === 'true' : value;
  }

  const organisations = useQuery({
    queryKey: ['organisations'],
    queryFn: () => api.get<{ items: Organisation[] }>('/organisations'),
    enabled: filters.includes('organisation') || filters.includes('driehoek'),
  });
  const page = useQuery({
    queryKey: [...queryKey, 'knelpunten-table', query],
    queryFn: ({ signal }) =>
      fetchPage ? fetchPage(query, signal) : api.get<Page<KnelpuntSummary>>(endpoint ?? '/knelpunten', query, signal),
    placeholderData: keepPreviousData,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams(params);
    for (const f of filters) {
      const value = draft[f].trim();
      if (value) next.set(`${urlPrefix}${f}`, value);
      else next.delete(`${urlPrefix}${f}`);
    }
    setParams(next);
  }

  function reset() {
    const next = new URLSearchParams(params);
    for (const f of filters) next.delete(`${urlPrefix}${f}`);
    setParams(next);
    setDraft(EMPTY);
  }

  const orgOptions = (organisations.data?.items ?? []).map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` }));
  const set = (f: KnelpuntFilter) => (value: string) => setDraft((d) => ({ ...d, [f]: value }));
  const select = (f: KnelpuntFilter, placeholder: string, options: { value: string; label: string }[]) => (
    <SelectField
      key={f}
      formId={formId}
      name={f}
      label={FILTER_LABELS[f]}
      filter
      value={draft[f]}
      onChange={set(f)}
      placeholder={placeholder}
      options={options}
    />
  );
  const field = (f: KnelpuntFilter): ReactNode => {
    switch (f) {
      case 'status':
        return select(
          f,
          'Alle statussen',
          statusOptions.map((s) => ({ value: s, label: label(STATUS_LABELS, s) })),
        );
      case 'theme':
        return select(
          f,
          "Alle thema's",
          THEMES.map((t) => ({ value: t, label: label(THEMA_LABELS, t) })),
        );
      case 'overdue':
        return select(f, 'Alle knelpunten', [
          { value: 'true', label: 'Alleen met verstreken termijn' },
          { value: 'false', label: 'Alleen zonder verstreken termijn' },
        ]);
      case 'organisation':
      case 'driehoek':
        return select(f, f === 'organisation' ? 'Alle organisaties' : 'Alle driehoeken', orgOptions);
      case 'q':
        return (
          <TextField
            key={f}
            formId={formId}
            name={f}
            type="search"
            label={FILTER_LABELS[f]}
            description="Zoekt in titel, beschrijving, wet en kenmerk."
            filter
            value={draft.q}
            onChange={set(f)}
            maxLength={200}
          />
        );
      case 'kamerstuk':
      case 'motie':
      case 'toezegging':
      case 'bwb':
        return (
          <TextField
            key={f}
            formId={formId}
            name={f}
            label={FILTER_LABELS[f]}
            description={VERWIJZING_FILTER_HINTS[f]}
            filter
            value={draft[f]}
            onChange={set(f)}
            maxLength={24}
          />
        );
    }
  };

  const items = page.data?.items ?? [];
  const { pageNumber } = cursors;
  const headers = [...columns.map((c) => COLUMN_HEADERS[c]), ...extraColumns.map((c) => c.header)];

  return (
    <div className="kp-knelpunten-table">
      {filters.length > 0 ? (
        <form id={formId} role="search" aria-label={`Filters: ${caption}`} onSubmit={submit} noValidate className="kp-filters kp-no-print">
          <div className="kp-filters__fields">{filters.map(field)}</div>
          <div className="kp-actions">
            <Button type="submit" appearance="primary-action-button">
              Filteren
            </Button>
            <Button type="button" appearance="secondary-action-button" onClick={reset}>
              Filters wissen
            </Button>
          </div>
        </form>
      ) : null}

      <ProblemAlert error={page.error} />

      <Paragraph role="status" className="kp-muted">
        {page.isPending
          ? 'Knelpunten laden…'
          : page.isError
            ? ''
            : `${items.length === 0 ? 'Geen' : items.length} ${items.length === 1 ? 'knelpunt' : 'knelpunten'} op pagina ${pageNumber}${page.isFetching ? ' (bijwerken…)' : ''}.`}
      </Paragraph>

      {!page.isPending && !page.isError && items.length === 0 ? (
        <Paragraph>{emptyText}</Paragraph>
      ) : items.length > 0 ? (
        <div className="kp-table-wrap">
          <Table className="kp-table">
            <TableCaption>
              {caption}
              {pageNumber > 1 ? ` (pagina ${pageNumber})` : ''}
            </TableCaption>
            <TableHeader>
              <TableRow>
                {headers.map((h) => (
                  <TableHeaderCell key={h} scope="col">
                    {h}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((k) => (
                <TableRow key={k.id} className={k.overdue ? 'kp-row--overdue' : undefined}>
                  {columns.map((c) =>
                    c === 'reference' ? (
                      <TableHeaderCell key={c} scope="row" className="kp-nowrap">
                        {cellFor(c, k)}
                      </TableHeaderCell>
                    ) : (
                      <TableCell key={c}>{cellFor(c, k)}</TableCell>
                    ),
                  )}
                  {extraColumns.map((c) => (
                    <TableCell key={c.header}>{c.cell(k)}</TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}

      <CursorPager label={`Paginering: ${caption}`} cursors={cursors} nextCursor={page.data?.nextCursor} stale={page.isPlaceholderData} />
    </div>
  );
}
