import { Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { useSession } from '../../auth/session';
import { ButtonLink } from '../../components/app-link';
import { KnelpuntenTable } from '../../components/knelpunten-table';

/**
 * The indiener's own knelpunten. The API scopes GET /knelpunten to the indiener's organisation, so
 * this page sends no organisation itself.
 */
export default function MijnKnelpuntenPage() {
  const { user } = useSession();
  const organisation = user?.organisation ?? '';
  return (
    <>
      <Heading level={1}>Mijn knelpunten</Heading>
      <Paragraph>
        De knelpunten die {organisation ? `${organisation} heeft` : 'uw organisatie heeft'} ingediend, nieuwste eerst, met hun status en de
        volgende termijn. Een knelpunt waarvan de termijn verstreken is, staat gemarkeerd met <strong>Termijn verstreken</strong>.
      </Paragraph>
      <div className="kp-actions kp-actions--after kp-no-print">
        <ButtonLink to="/standen/nieuw">Stand indienen</ButtonLink>
        <ButtonLink to="/standen/importeren" appearance="secondary-action-button">
          CSV importeren
        </ButtonLink>
      </div>
      <KnelpuntenTable
        endpoint="/knelpunten"
        queryKey={['mijn-knelpunten', organisation]}
        filters={['status', 'theme', 'overdue', 'q']}
        columns={['reference', 'title', 'theme', 'status', 'nextDueAt', 'updatedAt']}
        caption={`Knelpunten van ${organisation || 'uw organisatie'}`}
        emptyText="Er zijn (nog) geen knelpunten die aan deze zoekopdracht voldoen."
      />
    </>
  );
}
