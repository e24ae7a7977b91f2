import { Heading } from '@rijkshuisstijl-community/components-react';

// PLACEHOLDER: being built (issue 7).
export default function CsvImportPage() {
  return <Heading level={1}>Stand importeren uit CSV</Heading>;
}
