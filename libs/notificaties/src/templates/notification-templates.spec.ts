import { renderNotification } from './notification-templates';
import { dutchDate, outcomeLabel, OUTCOME_LABELS } from './labels';
import { OUTCOMES } from '@kp/domain/knelpunt/statuses';

describe('notification templates', () => {
  it.each([
    [
      'ontvangen',
      { driehoek: 'UWV', dueDate: '2027-01-27' },
      'Knelpunt UWV-00042 ontvangen',
      'Knelpunt UWV-00042 is ontvangen en ligt bij de driehoek UWV. Het besluit van de driehoek volgt uiterlijk op 27 januari 2027.',
    ],
    ['ontvangen', { driehoek: 'UWV' }, 'Knelpunt UWV-00042 ontvangen', 'Knelpunt UWV-00042 is ontvangen en ligt bij de driehoek UWV.'],
    [
      'acu_agenda',
      { meetingDate: '2026-03-05', reason: 'Overheidsbreed probleem' },
      'Op de ACU-agenda: UWV-00042',
      'Knelpunt UWV-00042 staat op de agenda van de ACU-vergadering van 5 maart 2026.\nReden: Overheidsbreed probleem',
    ],
    [
      'afgesloten',
      { outcome: 'geen_knelpunt' },
      'Knelpunt UWV-00042 afgesloten',
      'Knelpunt UWV-00042 is afgesloten. Uitkomst: geen knelpunt.',
    ],
    [
      'afgesloten',
      { outcome: 'deels_opgelost' },
      'Knelpunt UWV-00042 afgesloten',
      'Knelpunt UWV-00042 is afgesloten. Uitkomst: deels opgelost.',
    ],
    [
      'herinnering',
      { label: 'Besluit van de driehoek: nog 5 werkdagen', dueDate: '2026-05-18', repeated: false },
      'Herinnering UWV-00042: Besluit van de driehoek: nog 5 werkdagen',
      'Besluit van de driehoek: nog 5 werkdagen. Uiterste datum: 18 mei 2026. Knelpunt UWV-00042.',
    ],
    [
      'herinnering',
      { label: 'Besluit van de driehoek: termijn verstreken (herhaalde herinnering)', dueDate: '2026-05-18', repeated: true },
      'Herinnering UWV-00042: Besluit van de driehoek: termijn verstreken (herhaalde herinnering)',
      'Besluit van de driehoek: termijn verstreken (herhaalde herinnering). De uiterste datum was 18 mei 2026; de termijn is verstreken. Knelpunt UWV-00042.',
    ],
    [
      'verlopen',
      { deadlineKind: 'informatie', dueDate: '2026-12-31' },
      'Termijn verstreken UWV-00042: Antwoord op informatieverzoek',
      "De termijn 'Antwoord op informatieverzoek' van knelpunt UWV-00042 is op 31 december 2026 verstreken.",
    ],
    [
      'acu_doorgeschoven',
      { carryOvers: 2, meetingDate: '2026-10-01' },
      'ACU: UWV-00042 2 keer doorgeschoven',
      'Knelpunt UWV-00042 is 2 keer niet besloten in de ACU en staat nu op de agenda van de vergadering van 1 oktober 2026.',
    ],
  ])('renders %s %j', (kind, data, subject, body) => {
    expect(renderNotification(kind, 'UWV-00042', data)).toEqual({ ok: true, value: { subject, body } });
  });

  it.each([
    [
      { year: 2027, closingDate: '2027-01-08', werkdagenBefore: 10 },
      'Herinnering uitvraag Standen 2027: uw Stand 2027',
      "De uitvraag 'Standen 2027' sluit over 10 werkdagen, op 8 januari 2027. Wij hebben uw Stand van de Uitvoering 2027 nog niet ontvangen; dien die in vóór het einde van 8 januari 2027.",
    ],
    [
      { year: 2027, closingDate: '2027-01-08', werkdagenBefore: 0 },
      'Herinnering uitvraag Standen 2027: uw Stand 2027',
      "De uitvraag 'Standen 2027' sluit vandaag. Wij hebben uw Stand van de Uitvoering 2027 nog niet ontvangen; dien die in vóór het einde van 8 januari 2027.",
    ],
  ])('renders an uitvraag reminder %j', (data, subject, body) => {
    expect(renderNotification('uitvraag_herinnering', 'Standen 2027', data)).toEqual({ ok: true, value: { subject, body } });
  });

  it.each([
    ['onbekend', {}, ['kind']],
    ['ontvangen', {}, ['data.driehoek']],
    ['ontvangen', { driehoek: 'UWV', dueDate: '27-01-2027' }, ['data.dueDate']],
    ['acu_agenda', { meetingDate: '2026-02-30' }, ['data.meetingDate', 'data.reason']],
    ['afgesloten', { outcome: 'weg' }, ['data.outcome']],
    ['herinnering', { label: 'x', dueDate: '2026-05-18', repeated: 'ja' }, ['data.repeated']],
    ['verlopen', { deadlineKind: 'geen_termijn', dueDate: '2026-05-18' }, ['data.deadlineKind']],
    ['acu_doorgeschoven', { carryOvers: -1, meetingDate: '2026-10-01' }, ['data.carryOvers']],
    ['uitvraag_herinnering', { year: 2027, closingDate: '8 jan', werkdagenBefore: 5 }, ['data.closingDate']],
  ])('refuses %s with %j naming %j', (kind, data, names) => {
    const result = renderNotification(kind, 'UWV-00042', data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.name)).toEqual(names);
  });

  it('never shows a code or an ISO date', () => {
    for (const outcome of OUTCOMES) {
      const r = renderNotification('afgesloten', 'SVB-00001', { outcome });
      expect(r.ok && r.value.body).not.toMatch(/_/);
    }
    const r = renderNotification('verlopen', 'SVB-00001', { deadlineKind: 'politieke_reactie', dueDate: '2027-01-27' });
    expect(r.ok && `${r.value.subject} ${r.value.body}`).not.toMatch(/\d{4}-\d{2}-\d{2}|politieke_reactie/);
  });
});

describe('labels', () => {
  it.each([
    ['2027-01-27', '27 januari 2027'],
    ['2026-02-01', '1 februari 2026'],
    ['2026-12-31', '31 december 2026'],
    ['2026-03-29T22:30:00.000Z', '30 maart 2026'], // 00:30 in Amsterdam (summer time)
    ['2026-01-01T22:59:59Z', '1 januari 2026'],
    ['2026-01-01T23:00:00Z', '2 januari 2026'],
    ['2026-02-29', null],
    ['morgen', null],
    ['', null],
  ])('dutchDate(%j) = %j', (value, expected) => {
    expect(dutchDate(value)).toBe(expected);
  });

  it('has a label for every outcome and none for unknown codes', () => {
    for (const o of OUTCOMES) expect(outcomeLabel(o)).toBe(OUTCOME_LABELS[o]);
    expect(outcomeLabel('terug')).toBeNull();
  });
});
