import { Heading } from '@rijkshuisstijl-community/components-react';

// PLACEHOLDER: being built (issue 7).
export default function ClusterPage() {
  return <Heading level={1}>Cluster</Heading>;
}
