/** Data builders: each test states what it needs instead of sharing a seeded database. */
let counter = 0;

export interface KnelpuntInput {
  title: string;
  description: string;
  theme: string;
  law?: string;
  ministry?: string;
  impact?: string;
  proposedSolution?: string;
  externalRef?: string;
}

export function aKnelpunt(overrides: Partial<KnelpuntInput> = {}): KnelpuntInput {
  counter += 1;
  return {
    title: `Knelpunt ${counter}: samenloop van regelingen`,
    description: 'Burgers met meerdere regelingen krijgen tegenstrijdige beslissingen.',
    theme: 'vereenvoudiging',
    law: 'Participatiewet',
    ministry: 'SZW',
    impact: 'Terugvorderingen bij kwetsbare huishoudens',
    proposedSolution: 'Eén loket en afstemming van peildata',
    ...overrides,
  };
}

export function aStand(overrides: Record<string, unknown> = {}, knelpunten: KnelpuntInput[] = [aKnelpunt(), aKnelpunt(), aKnelpunt()]) {
  counter += 1;
  return {
    organisation: 'UWV',
    period: '2025',
    title: `Stand van de uitvoering ${counter}`,
    publishedOn: '2025-06-30',
    sourceUrl: 'https://www.uwv.nl/stand-van-de-uitvoering',
    knelpunten,
    ...overrides,
  };
}
