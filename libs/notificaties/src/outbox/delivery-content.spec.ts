import type { NotificationRecord } from '../repositories/notification.repository';
import { mailText } from './delivery-content';

describe('mailText', () => {
  const base = {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    dedupeKey: 'k',
    subject: 'Onderwerp',
    body: 'Tekst.',
    recipientRole: 'indiener',
    recipientScope: 'UWV',
    occurredAt: new Date('2027-01-04T08:00:00Z'),
    createdAt: new Date('2027-01-04T08:00:00Z'),
    readAt: null,
    mailStatus: 'wacht',
    mailAttempts: 0,
    webhookStatus: null,
  } as unknown as NotificationRecord;

  it('links a knelpunt notification to its knelpunt', () => {
    const text = mailText(
      { ...base, knelpuntId: 'a1b2c3d4-0000-4000-8000-000000000002', reference: 'UWV-00042', kind: 'herinnering' },
      'https://kp.example.nl/',
    );
    expect(text).toContain('Knelpunt: UWV-00042\n');
    expect(text).toContain('Bekijk het knelpunt: https://kp.example.nl/knelpunten/UWV-00042');
  });

  it('links an intake-round reminder to the uitvraag page, not to a knelpunt', () => {
    const text = mailText({ ...base, knelpuntId: null, reference: 'Standen 2027', kind: 'uitvraag_herinnering' }, 'https://kp.example.nl');
    expect(text).toContain('Uitvraag: Standen 2027\n');
    expect(text).toContain('Bekijk de uitvraag: https://kp.example.nl/uitvraag');
    expect(text).not.toContain('Knelpunt');
    expect(text).toContain('automatisch verstuurd');
  });
});
