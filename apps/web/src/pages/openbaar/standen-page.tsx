import { Heading } from '@rijkshuisstijl-community/components-react';

// PLACEHOLDER: being built (issue 7).
export default function StandenPage() {
  return <Heading level={1}>Gepubliceerde Standen</Heading>;
}
