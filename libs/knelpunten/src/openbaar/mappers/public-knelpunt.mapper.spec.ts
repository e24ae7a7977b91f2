import { STATUSES, OUTCOMES } from '@kp/domain';
import { PUBLIC_KNELPUNT_FIELD_NAMES } from '../public-fields';
import type { PublicKnelpuntRow } from '../repositories/openbaar-knelpunt.repository';
import { progressSummary, toPublicKnelpunt } from './public-knelpunt.mapper';

const row = (over: Partial<PublicKnelpuntRow> = {}): PublicKnelpuntRow => ({
  id: '0b7c8a39-3c1e-4f0e-9d8e-5b2f1c3a4d5e',
  cursorAt: '2026-03-20T10:00:00.123456Z',
  reference: 'UWV-00018',
  title: 'Complexe regels',
  organisation: 'UWV',
  organisationName: 'Uitvoeringsinstituut Werknemersverzekeringen',
  theme: 'vereenvoudiging',
  status: 'in_aanpak_acu',
  outcome: null,
  team: 'gegevensdeling',
  instrument: null,
  standId: '5f0c1e2d-3b4a-4c5d-8e9f-0a1b2c3d4e5f',
  standTitle: 'Stand van de uitvoering 2025',
  standPeriod: '2025',
  submittedOn: '2026-01-05',
  lastChangedOn: '2026-03-20',
  closedOn: null,
  lastProgressOn: null,
  ...over,
});

describe('the public knelpunt mapper', () => {
  it('copies exactly the allow-listed fields, in their order, whatever else the row holds', () => {
    const leaky = {
      ...row(),
      description: 'intern',
      motivation: 'Jan Jansen, jan@example.nl',
      actor: { name: 'Jan' },
    } as PublicKnelpuntRow;
    const out = toPublicKnelpunt(leaky);
    expect(Object.keys(out)).toEqual(PUBLIC_KNELPUNT_FIELD_NAMES);
    expect(JSON.stringify(out)).not.toMatch(/intern|Jan|example\.nl/);
    expect(out).not.toHaveProperty('id');
    expect(out).not.toHaveProperty('cursorAt');
  });

  it('never publishes a doorbraakteam or instrument outside the closed lists', () => {
    const out = toPublicKnelpunt(row({ team: 'Jan Jansen <jan@example.nl>' }));
    expect(out.doorbraakteam).toBeNull();
    expect(out.progressSummary).toBe('Wordt overheidsbreed aangepakt via de ACU.');
    expect(progressSummary(row({ status: 'politieke_opvolging', instrument: 'bel Jan' }))).toBe('In politieke opvolging.');
  });

  it('says in Dutch where every status and outcome stands', () => {
    expect(progressSummary(row())).toBe('Wordt overheidsbreed aangepakt via de ACU (doorbraakteam Gegevensdeling).');
    expect(progressSummary(row({ status: 'politieke_opvolging', instrument: 'technische_briefing' }))).toBe(
      'In politieke opvolging (technische briefing).',
    );
    for (const status of STATUSES) expect(progressSummary(row({ status, outcome: null, team: null }))).toMatch(/^[A-Z].*\.$/);
    const closed = OUTCOMES.map((outcome) => progressSummary(row({ status: 'afgesloten', outcome })));
    expect(new Set(closed).size).toBe(OUTCOMES.length);
    for (const text of closed) expect(text).toMatch(/^Afgesloten: /);
  });
});
