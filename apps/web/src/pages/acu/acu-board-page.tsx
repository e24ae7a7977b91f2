import { Heading } from '@rijkshuisstijl-community/components-react';

// PLACEHOLDER: being built (issue 7).
export default function AcuBoardPage() {
  return <Heading level={1}>ACU-bord</Heading>;
}
