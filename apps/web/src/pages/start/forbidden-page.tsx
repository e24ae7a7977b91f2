import { Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { AppLink } from '../../components/app-link';
import { useSession } from '../../auth/session';
import { ROL_LABELS } from '../../labels';

export default function ForbiddenPage() {
  const { user } = useSession();
  return (
    <>
      <Heading level={1}>Geen toegang</Heading>
      <Paragraph>
        Met de rol {user ? ROL_LABELS[user.role] : 'waarmee u bent ingelogd'} heeft u geen toegang tot deze pagina. Ga naar de{' '}
        <AppLink to="/">startpagina</AppLink>.
      </Paragraph>
    </>
  );
}
