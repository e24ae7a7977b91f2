import { notificationId, toRecipientAddress, uniqueRecipients, uuidV5 } from './recipients';

describe('recipients', () => {
  it('maps workflow recipients to recipient groups', () => {
    expect(toRecipientAddress({ role: 'indiener', organisation: 'UWV' })).toEqual({ role: 'indiener', scope: 'UWV', key: 'indiener:UWV' });
    expect(toRecipientAddress({ role: 'driehoek', driehoek: 'SVB' })).toEqual({ role: 'driehoek', scope: 'SVB', key: 'driehoek:SVB' });
    expect(toRecipientAddress({ role: 'acu' })).toEqual({ role: 'acu', scope: null, key: 'acu' });
    expect(toRecipientAddress({ role: 'programmadirectie' })).toEqual({ role: 'programmadirectie', scope: null, key: 'programmadirectie' });
  });

  it('refuses malformed recipients', () => {
    expect(toRecipientAddress({ role: 'indiener', organisation: '' })).toBeNull();
    expect(toRecipientAddress({ role: 'driehoek', driehoek: 'x'.repeat(17) })).toBeNull();
    expect(toRecipientAddress({ role: 'admin' } as never)).toBeNull();
  });

  it('drops duplicate groups', () => {
    const a = toRecipientAddress({ role: 'acu' })!;
    const b = toRecipientAddress({ role: 'driehoek', driehoek: 'UWV' })!;
    expect(uniqueRecipients([a, b, a])).toEqual([a, b]);
  });
});

describe('uuidV5', () => {
  it('matches the RFC 4122 test vector (DNS namespace, www.example.com)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('gives one stable id per key and recipient', () => {
    expect(notificationId('k1', 'acu')).toBe(notificationId('k1', 'acu'));
    expect(notificationId('k1', 'acu')).not.toBe(notificationId('k1', 'programmadirectie'));
    expect(notificationId('k1', 'acu')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
