import { Heading } from '@rijkshuisstijl-community/components-react';

// PLACEHOLDER: being built (issue 7).
export default function MijnKnelpuntenPage() {
  return <Heading level={1}>Mijn knelpunten</Heading>;
}
