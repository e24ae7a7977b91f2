import { Heading } from '@rijkshuisstijl-community/components-react';

// PLACEHOLDER: being built (issue 7).
export default function KnelpuntPage() {
  return <Heading level={1}>Knelpunt</Heading>;
}
