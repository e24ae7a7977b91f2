import { Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { AppLink } from '../../components/app-link';

export default function NotFoundPage() {
  return (
    <>
      <Heading level={1}>Pagina niet gevonden</Heading>
      <Paragraph>
        Deze pagina bestaat niet (meer). Controleer het adres of ga naar de <AppLink to="/">startpagina</AppLink>.
      </Paragraph>
    </>
  );
}
