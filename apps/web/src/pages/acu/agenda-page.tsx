import { Heading } from '@rijkshuisstijl-community/components-react';

// PLACEHOLDER: being built (issue 7).
export default function AgendaPage() {
  return <Heading level={1}>Agenda</Heading>;
}
