import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { OPEN_STATUSES } from '@kp/domain/knelpunt/statuses';
import { api } from '../../api/client';
import type { Organisation } from '../../api/types';
import { useSession } from '../../auth/session';
import { AppLink } from '../../components/app-link';
import { ProblemAlert, SelectField } from '../../components/form';
import { KnelpuntenTable } from '../../components/knelpunten-table';

/** Programmadirectie and beheerder: which driehoek's queue to look at (driehoek codes are organisation codes). */
function DriehoekKeuze({ current }: { current?: string }) {
  const navigate = useNavigate();
  const [value, setValue] = useState(current ?? '');
  const organisations = useQuery({
    queryKey: ['organisations'],
    queryFn: () => api.get<{ items: Organisation[] }>('/organisations'),
  });
  const options = (organisations.data?.items ?? [])
    .filter((o) => o.driehoek)
    .map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (value) navigate(`/werkvoorraad/${encodeURIComponent(value)}`);
  }

  return (
    <form className="kp-filters kp-no-print" onSubmit={submit} aria-label="Werkvoorraad kiezen">
      <ProblemAlert error={organisations.error} />
      <div className="kp-filters__fields kp-narrow">
        <SelectField
          formId="driehoek-keuze"
          name="driehoek"
          label="Driehoek"
          required
          value={value}
          onChange={setValue}
          placeholder="Kies een driehoek"
          options={options}
        />
      </div>
      <div className="kp-actions">
        <Button type="submit" appearance="primary-action-button">
          Werkvoorraad tonen
        </Button>
      </div>
    </form>
  );
}

/**
 * The driehoek's queue: its open knelpunten, most urgent first in the API's order (overdue first, then
 * the nearest deadline), filtered and paged by the API. A driehoek member sees its own driehoek; the
 * programmadirectie and the beheerder choose one.
 */
export default function WerkvoorraadPage() {
  const { user } = useSession();
  const params = useParams<{ code?: string }>();
  const maySwitch = user?.role === 'programmadirectie' || user?.role === 'admin';
  const code = (params.code ?? (user?.role === 'driehoek' ? user.driehoek : undefined) ?? '').toUpperCase();

  return (
    <>
      <Heading level={1}>{code ? `Werkvoorraad driehoek ${code}` : 'Werkvoorraad'}</Heading>
      <Paragraph>
        De open knelpunten van de driehoek, <strong>meest urgent eerst</strong>: eerst de knelpunten waarvan een termijn verstreken is
        (gemarkeerd met <strong>Termijn verstreken</strong>), dan op de eerstvolgende termijn. Open een knelpunt via het kenmerk om een
        beslissing te nemen.
      </Paragraph>
      {maySwitch ? <DriehoekKeuze key={code} current={code || undefined} /> : null}
      {code ? (
        <>
          <Heading level={2}>Open knelpunten</Heading>
          <KnelpuntenTable
            endpoint={`/driehoeken/${encodeURIComponent(code)}/queue`}
            queryKey={['werkvoorraad', code]}
            filters={['status', 'theme', 'overdue', 'q']}
            statusOptions={OPEN_STATUSES}
            columns={['reference', 'title', 'organisation', 'theme', 'status', 'nextDueAt']}
            caption={`Werkvoorraad van driehoek ${code}, meest urgent eerst`}
            emptyText="Er staan geen open knelpunten in de werkvoorraad die aan deze zoekopdracht voldoen."
          />
        </>
      ) : maySwitch ? (
        <Paragraph>Kies hierboven een driehoek om de werkvoorraad te zien.</Paragraph>
      ) : (
        <Paragraph>
          Uw account is niet aan een driehoek gekoppeld, dus er is geen werkvoorraad. Bekijk de{' '}
          <AppLink to="/knelpunten">knelpunten</AppLink> binnen uw bereik.
        </Paragraph>
      )}
    </>
  );
}
