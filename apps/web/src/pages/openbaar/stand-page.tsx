/**
 * One published Stand (public, no login): what GET /standen/{id} publishes, the Stand and its
 * knelpunten' titles, themes and statuses. No names of people.
 */
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { ApiError, api } from '../../api/client';
import type { Organisation, Stand } from '../../api/types';
import { useSession } from '../../auth/session';
import { AppLink } from '../../components/app-link';
import { ProblemAlert } from '../../components/form';
import { formatDate } from '../../format';
import { StandKnelpuntenTable } from '../../components/stand-knelpunten-table';

export default function OpenbaarStandPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const stand = useQuery({ queryKey: ['openbaar', 'stand', id], queryFn: ({ signal }) => api.get<Stand>(`/standen/${id}`, {}, signal) });
  const organisations = useQuery({ queryKey: ['organisations'], queryFn: () => api.get<{ items: Organisation[] }>('/organisations') });

  if (stand.isPending) {
    return (
      <>
        <Heading level={1}>Stand van de Uitvoering</Heading>
        <Paragraph role="status">Laden…</Paragraph>
      </>
    );
  }
  if (stand.isError) {
    const notFound = stand.error instanceof ApiError && (stand.error.status === 404 || stand.error.status === 400);
    return (
      <>
        <Heading level={1}>{notFound ? 'Stand niet gevonden' : 'Stand van de Uitvoering'}</Heading>
        {notFound ? <Paragraph>Deze Stand bestaat niet (meer).</Paragraph> : <ProblemAlert error={stand.error} />}
        <Paragraph>
          <AppLink to="/openbaar">Terug naar de gepubliceerde Standen</AppLink>
        </Paragraph>
      </>
    );
  }

  const s = stand.data;
  const orgName = organisations.data?.items.find((o) => o.code === s.organisation)?.name;
  const open = s.knelpunten.filter((k) => k.status !== 'afgesloten').length;

  return (
    <>
      <Paragraph>
        <AppLink to="/openbaar">← Alle gepubliceerde Standen</AppLink>
      </Paragraph>
      <Heading level={1}>{s.title}</Heading>
      <dl className="kp-facts">
        <dt>Organisatie</dt>
        <dd>
          {s.organisation}
          {orgName ? ` — ${orgName}` : ''}
        </dd>
        <dt>Periode</dt>
        <dd>{s.period}</dd>
        <dt>Gepubliceerd</dt>
        <dd>{formatDate(s.publishedOn)}</dd>
        <dt>Ontvangen</dt>
        <dd>{formatDate(s.createdAt)}</dd>
        <dt>Vindplaats</dt>
        <dd>
          {s.sourceUrl ? (
            <a className="utrecht-link" href={s.sourceUrl} rel="noreferrer noopener">
              {s.sourceUrl}
            </a>
          ) : (
            'Niet opgegeven'
          )}
        </dd>
      </dl>

      <Heading level={2}>Knelpunten</Heading>
      <Paragraph>
        Deze Stand noemt {s.knelpunten.length} {s.knelpunten.length === 1 ? 'knelpunt' : 'knelpunten'}, waarvan er {open}{' '}
        {open === 1 ? 'nog loopt' : 'nog lopen'}.
      </Paragraph>
      {/* Behind the login a knelpunt has its own page; the public sees what is published here. */}
      <StandKnelpuntenTable caption={`Knelpunten van ${s.title} met hun status`} knelpunten={s.knelpunten} linked={Boolean(user)} />
    </>
  );
}
