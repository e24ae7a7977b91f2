import { describe, expect, it } from 'vitest';
import { actorText, describeDeadlineLog, describeTimelineEntry, termText } from './knelpunt-text';

describe('describeTimelineEntry', () => {
  it('names a decision in Dutch with the status change and its fields in words', () => {
    const text = describeTimelineEntry({
      type: 'naar_politiek',
      data: {
        instrument: 'kamerbrief',
        motivation: 'Alleen de wetgever kan dit oplossen',
        van: 'bij_driehoek',
        naar: 'politieke_opvolging',
      },
    });
    expect(text.title).toBe('Naar politieke opvolging');
    expect(text.transition).toBe('Status: Bij de driehoek → Politieke opvolging');
    expect(text.items).toEqual([
      { label: 'Instrument', value: 'Kamerbrief' },
      { label: 'Motivering', value: 'Alleen de wetgever kan dit oplossen' },
    ]);
  });

  it('tells an automatic escalation from a driehoek decision', () => {
    expect(describeTimelineEntry({ type: 'escaleren_acu', data: { automatisch: true } }).title).toMatch(/^Automatisch geëscaleerd/);
  });

  it('shows an amendment as old → new per field, without bookkeeping ids', () => {
    const text = describeTimelineEntry({
      type: 'gewijzigd',
      data: {
        wijzigingen: { title: { van: 'Oud', naar: 'Nieuw' }, theme: { van: 'ict', naar: 'wetgeving' }, law: { van: null, naar: 'WIA' } },
      },
    });
    expect(text.items).toEqual([
      { label: 'Titel', value: 'Oud → Nieuw' },
      { label: 'Thema', value: 'ICT → Wetgeving' },
      { label: 'Wet of regeling', value: '(leeg) → WIA' },
    ]);
  });

  it('shows a change of the references per kind that changed, old → new', () => {
    const text = describeTimelineEntry({
      type: 'verwijzingen_gewijzigd',
      data: {
        van: { kamerstukken: ['29362-290'], moties: [], toezeggingen: [], bwbIds: ['BWBR0002448'] },
        naar: { kamerstukken: ['29362-290', '36200-VII-12'], moties: [], toezeggingen: ['TZ202311-045'], bwbIds: ['BWBR0002448'] },
      },
    });
    expect(text.title).toBe('Verwijzingen naar Kamer en wetgeving gewijzigd');
    expect(text.transition).toBeUndefined();
    expect(text.items).toEqual([
      { label: 'Kamerstukken', value: '29362-290 → 29362-290, 36200-VII-12' },
      { label: 'Toezeggingen', value: '(geen) → TZ202311-045' },
    ]);
  });

  it('describes deadline events with the deadline kind, the term and the date', () => {
    const text = describeTimelineEntry({
      type: 'termijn_verlengd',
      data: {
        deadlineId: 'x',
        kind: 'driehoek_besluit',
        reason: 'Wacht op advies',
        extension: { amount: 5, unit: 'werkdagen' },
        dueDate: '2026-03-03',
      },
    });
    expect(text.title).toBe('Termijn verlengd');
    expect(text.items).toEqual([
      { label: 'Termijn', value: 'Besluit van de driehoek' },
      { label: 'Reden', value: 'Wacht op advies' },
      { label: 'Verlenging', value: '5 werkdagen' },
      { label: 'Uiterste datum', value: '3 maart 2026' },
    ]);
  });

  it('names the decision that resumed a term, and leaves out zero suspended days', () => {
    const text = describeTimelineEntry({
      type: 'termijn_hervat',
      data: { kind: 'driehoek_besluit', reason: 'informatie_aanleveren', suspendedDays: 0, dueDate: '2027-01-27' },
    });
    expect(text.items).toEqual([
      { label: 'Termijn', value: 'Besluit van de driehoek' },
      { label: 'Reden', value: 'Beslissing: Informatie aanleveren' },
      { label: 'Uiterste datum', value: '27 januari 2027' },
    ]);
  });

  it('falls back to readable words for a type it does not know', () => {
    expect(describeTimelineEntry({ type: 'iets_nieuws', data: {} }).title).toBe('iets nieuws');
  });
});

describe('actorText', () => {
  it('names the person, the role and the organisation or driehoek', () => {
    expect(actorText({ name: 'Dirk', role: 'driehoek', organisation: null, driehoek: 'UWV' })).toBe('Dirk (driehoek, UWV)');
    expect(actorText({ name: 'Ina', role: 'indiener', organisation: 'UWV' })).toBe('Ina (indiener, UWV)');
    expect(actorText({ name: 'Systeem (termijnbewaking)', role: 'systeem', organisation: null })).toBe('Systeem (termijnbewaking)');
  });
});

describe('deadline words', () => {
  it('spells terms and log lines in Dutch', () => {
    expect(termText({ amount: 1, unit: 'weken' })).toBe('1 week');
    expect(termText({ amount: 8, unit: 'weken' })).toBe('8 weken');
    expect(describeDeadlineLog({ type: 'hervat', data: { opgeschorteDagen: 3, nieuweDatum: '2026-04-01' } })).toEqual({
      title: 'Hervat',
      details: '3 dagen opgeschort; nieuwe uiterste datum 1 april 2026',
    });
  });
});
