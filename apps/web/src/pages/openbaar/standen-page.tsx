/**
 * The published Standen van de Uitvoering (public, no login): GET /standen, newest first, one keyset
 * page at a time, optionally for one organisation.
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
import { api } from '../../api/client';
import type { Organisation, Page, StandSummary } from '../../api/types';
import { AppLink } from '../../components/app-link';
import { CursorPager, useCursors } from '../../components/cursor-pager';
import { ProblemAlert, SelectField } from '../../components/form';
import { formatDate } from '../../format';

const FORM = 'standen-filter';
const PAGE_SIZE = 25;

export default function OpenbaarStandenPage() {
  const [params, setParams] = useSearchParams();
  const organisation = params.get('organisatie') ?? '';
  const [draft, setDraft] = useState(organisation);
  const cursors = useCursors();
  const { cursor, pageNumber } = cursors;

  const organisations = useQuery({ queryKey: ['organisations'], queryFn: () => api.get<{ items: Organisation[] }>('/organisations') });
  const names = new Map((organisations.data?.items ?? []).map((o) => [o.code, o.name]));
  const standen = useQuery({
    queryKey: ['openbaar', 'standen', organisation, cursor],
    queryFn: ({ signal }) => api.get<Page<StandSummary>>('/standen', { organisation, limit: PAGE_SIZE, cursor }, signal),
    placeholderData: keepPreviousData,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams(params);
    if (draft) next.set('organisatie', draft);
    else next.delete('organisatie');
    setParams(next);
    cursors.reset();
  }

  const items = standen.data?.items ?? [];

  return (
    <>
      <Heading level={1}>Gepubliceerde Standen van de Uitvoering</Heading>
      <Paragraph>
        Uitvoeringsorganisaties melden in hun Stand van de Uitvoering waar de uitvoering van wetten en beleid vastloopt. Hier vindt u de
        gepubliceerde Standen en per Stand de knelpunten met hun status. U hoeft hiervoor niet in te loggen.
      </Paragraph>
      <Paragraph>
        Alle knelpunten uit deze Standen, met hun status en uitkomst en als open data:{' '}
        <AppLink to="/openbaar/knelpunten">het openbaar register van knelpunten</AppLink>.
      </Paragraph>
      <Paragraph>
        Wilt u weten wanneer een termijn afloopt? <AppLink to="/werkdagen">Bereken een termijn in werkdagen</AppLink>.
      </Paragraph>

      <form id={FORM} role="search" aria-label="Standen filteren" onSubmit={submit} noValidate className="kp-filters kp-no-print">
        <div className="kp-filters__fields">
          <SelectField
            formId={FORM}
            name="organisation"
            label="Organisatie"
            filter
            value={draft}
            onChange={setDraft}
            placeholder="Alle organisaties"
            options={(organisations.data?.items ?? []).map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` }))}
          />
        </div>
        <div className="kp-actions">
          <Button type="submit" appearance="primary-action-button">
            Tonen
          </Button>
        </div>
      </form>

      <ProblemAlert error={standen.error} />
      <Paragraph role="status" className="kp-muted">
        {standen.isPending
          ? 'Standen laden…'
          : standen.isError
            ? ''
            : `${items.length === 0 ? 'Geen' : items.length} ${items.length === 1 ? 'Stand' : 'Standen'} op pagina ${pageNumber}.`}
      </Paragraph>

      {items.length > 0 ? (
        <div className="kp-table-wrap">
          <Table>
            <TableCaption>
              Gepubliceerde Standen{organisation ? ` van ${organisation}` : ''}, nieuwste eerst
              {pageNumber > 1 ? ` (pagina ${pageNumber})` : ''}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Titel</TableHeaderCell>
                <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
                <TableHeaderCell scope="col">Periode</TableHeaderCell>
                <TableHeaderCell scope="col">Gepubliceerd</TableHeaderCell>
                <TableHeaderCell scope="col">Ontvangen</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((s) => (
                <TableRow key={s.id}>
                  <TableHeaderCell scope="row">
                    <AppLink to={`/openbaar/standen/${s.id}`}>{s.title}</AppLink>
                  </TableHeaderCell>
                  <TableCell>
                    {s.organisation}
                    {names.get(s.organisation) ? <span className="kp-muted"> — {names.get(s.organisation)}</span> : null}
                  </TableCell>
                  <TableCell>{s.period}</TableCell>
                  <TableCell>{formatDate(s.publishedOn)}</TableCell>
                  <TableCell>{formatDate(s.createdAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : !standen.isPending && !standen.isError ? (
        <Paragraph>Er zijn (nog) geen gepubliceerde Standen{organisation ? ` van ${organisation}` : ''}.</Paragraph>
      ) : null}

      <CursorPager
        label="Paginering van de Standen"
        cursors={cursors}
        nextCursor={standen.data?.nextCursor}
        stale={standen.isPlaceholderData}
      />
    </>
  );
}
