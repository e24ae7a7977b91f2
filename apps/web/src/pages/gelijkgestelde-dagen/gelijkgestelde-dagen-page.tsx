import { Heading } from '@rijkshuisstijl-community/components-react';

// PLACEHOLDER: being built (issue 7).
export default function GelijkgesteldeDagenPage() {
  return <Heading level={1}>Gelijkgestelde dagen</Heading>;
}
