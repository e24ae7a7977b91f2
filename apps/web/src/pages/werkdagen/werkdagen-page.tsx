import { Heading } from '@rijkshuisstijl-community/components-react';

// PLACEHOLDER: being built (issue 7).
export default function WerkdagenPage() {
  return <Heading level={1}>Termijnen berekenen</Heading>;
}
