import { Heading } from '@rijkshuisstijl-community/components-react';

// PLACEHOLDER: being built (issue 7).
export default function MeetingsPage() {
  return <Heading level={1}>ACU-vergaderingen</Heading>;
}
