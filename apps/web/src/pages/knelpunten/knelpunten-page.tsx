import { Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import type { Rol } from '../../api/types';
import { useSession } from '../../auth/session';
import { AppLink } from '../../components/app-link';
import { KnelpuntenTable, type KnelpuntColumn, type KnelpuntFilter } from '../../components/knelpunten-table';

/** What each role's list is about; the API decides which knelpunten that is (its scope). */
const SCOPE_TEXT: Record<Rol, string> = {
  indiener: 'De knelpunten van uw organisatie.',
  driehoek: 'Alle knelpunten van uw driehoek, ook de afgesloten.',
  acu: 'De knelpunten die naar de ACU zijn geëscaleerd.',
  programmadirectie: 'Alle knelpunten van alle organisaties.',
  admin: 'Alle knelpunten van alle organisaties.',
};

/** Filters per role: organisation and driehoek only where the scope spans more than one. */
const VERWIJZING_FILTERS: KnelpuntFilter[] = ['kamerstuk', 'motie', 'toezegging', 'bwb'];
const FILTERS: Record<Rol, KnelpuntFilter[]> = {
  indiener: ['status', 'theme', 'overdue', 'q', ...VERWIJZING_FILTERS],
  driehoek: ['status', 'theme', 'overdue', 'q', ...VERWIJZING_FILTERS],
  acu: ['organisation', 'status', 'theme', 'overdue', 'q', ...VERWIJZING_FILTERS],
  programmadirectie: ['organisation', 'driehoek', 'status', 'theme', 'overdue', 'q', ...VERWIJZING_FILTERS],
  admin: ['organisation', 'driehoek', 'status', 'theme', 'overdue', 'q', ...VERWIJZING_FILTERS],
};

const COLUMNS: KnelpuntColumn[] = ['reference', 'title', 'organisation', 'theme', 'status', 'nextDueAt'];

/** The general list of knelpunten within the user's scope, newest first, filtered and paged by the API. */
export default function KnelpuntenPage() {
  const { user } = useSession();
  const role = user?.role ?? 'indiener';
  return (
    <>
      <Heading level={1}>Knelpunten</Heading>
      <Paragraph>
        {SCOPE_TEXT[role]} Nieuwste eerst. Een knelpunt waarvan een termijn verstreken is, staat gemarkeerd met{' '}
        <strong>Termijn verstreken</strong>.
      </Paragraph>
      {role === 'driehoek' ? (
        <Paragraph>
          De open knelpunten op volgorde van urgentie staan in uw <AppLink to="/werkvoorraad">werkvoorraad</AppLink>.
        </Paragraph>
      ) : null}
      {role === 'programmadirectie' || role === 'admin' ? (
        <Paragraph>
          De open knelpunten van één driehoek op volgorde van urgentie: <AppLink to="/werkvoorraad">werkvoorraad per driehoek</AppLink>.
        </Paragraph>
      ) : null}
      <Heading level={2}>Overzicht</Heading>
      <KnelpuntenTable
        endpoint="/knelpunten"
        queryKey={['knelpunten', role, user?.organisation ?? '', user?.driehoek ?? '']}
        filters={FILTERS[role]}
        columns={COLUMNS}
        caption="Knelpunten, nieuwste eerst"
      />
    </>
  );
}
