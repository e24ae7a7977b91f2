import {
  bwbUrl,
  invalidVerwijzingen,
  isVerwijzing,
  kamerstukUrl,
  mayEditVerwijzingen,
  normaliseVerwijzing,
  sameVerwijzingen,
  toVerwijzingen,
  VERWIJZING_FORMATEN,
  VERWIJZING_SOORTEN,
  VerwijzingSoort,
} from './verwijzingen';

describe('verwijzingen naar Kamer en wetgeving', () => {
  const cases: [VerwijzingSoort, string[], string[]][] = [
    [
      'kamerstukken',
      ['29362-290', '36200-VII-12', '36200-A-5', '36200-IXB-3', '21501-20-1234', '1234-1', '123456-9999', '31066-1234A'],
      ['29362', '29362-', '-290', '123-45', '1234567-1', '29362-12345', '29362 290', '29362-290-', 'kst-29362-290', '36200-VII-12-3', ''],
    ],
    ['moties', ['36200-VII-12', '29362-290'], ['M-12', '36200/VII/12']],
    ['toezeggingen', ['TZ202311-045', 'TZ199901-000'], ['TZ20231-045', 'TZ202311-45', 'TZ202311045', 'T202311-045', 'TZ202311-0451']],
    ['bwbIds', ['BWBR0002448', 'BWBV0001000', 'BWBW1234567'], ['BWBR000244', 'BWBR00024480', 'BWBX0002448', 'BWB0002448', 'CVDR401319']],
  ];

  it.each(cases)('accepts the real %s formats and refuses others', (soort, good, bad) => {
    for (const v of good) expect([v, isVerwijzing(soort, v)]).toEqual([v, true]);
    for (const v of bad) expect([v, isVerwijzing(soort, v)]).toEqual([v, false]);
  });

  it('refuses what is not a string or is too long', () => {
    expect(isVerwijzing('kamerstukken', 29362)).toBe(false);
    expect(isVerwijzing('bwbIds', null)).toBe(false);
    expect(isVerwijzing('kamerstukken', `${'1'.repeat(6)}-${'X'.repeat(30)}-1`)).toBe(false);
  });

  it('normalises (trim, upper case) before checking, and reports the indexes of bad values', () => {
    expect(normaliseVerwijzing('  bwbr0002448 ')).toBe('BWBR0002448');
    expect(normaliseVerwijzing(' 36200-vii-12')).toBe('36200-VII-12');
    expect(invalidVerwijzingen('toezeggingen', [' tz202311-045 ', 'TZ1', 'TZ202311-046', 7])).toEqual([1, 3]);
    expect(invalidVerwijzingen('kamerstukken', [])).toEqual([]);
  });

  it('normalises and deduplicates every list, keeping the order given; a missing list is empty', () => {
    expect(toVerwijzingen({ kamerstukken: ['29362-290', ' 29362-290', '36200-vii-12'], bwbIds: ['bwbr0002448', 'BWBR0002448'] })).toEqual({
      kamerstukken: ['29362-290', '36200-VII-12'],
      moties: [],
      toezeggingen: [],
      bwbIds: ['BWBR0002448'],
    });
  });

  it('compares two sets of references list by list, in order', () => {
    const a = toVerwijzingen({ kamerstukken: ['29362-290'], moties: ['36200-VII-12'] });
    expect(sameVerwijzingen(a, toVerwijzingen({ kamerstukken: ['29362-290'], moties: ['36200-vii-12'] }))).toBe(true);
    expect(sameVerwijzingen(a, toVerwijzingen({ kamerstukken: ['29362-290'] }))).toBe(false);
    expect(sameVerwijzingen(a, toVerwijzingen({ moties: ['29362-290'], kamerstukken: ['36200-VII-12'] }))).toBe(false);
  });

  it('links a Kamerstuk to officielebekendmakingen.nl and a BWB id to wetten.overheid.nl', () => {
    expect(kamerstukUrl('29362-290')).toBe('https://zoek.officielebekendmakingen.nl/kst-29362-290');
    expect(kamerstukUrl('36200-VII-12')).toBe('https://zoek.officielebekendmakingen.nl/kst-36200-VII-12');
    expect(bwbUrl('BWBR0002448')).toBe('https://wetten.overheid.nl/BWBR0002448');
  });

  it('gives every kind a Dutch expectation whose example has the format itself', () => {
    for (const soort of VERWIJZING_SOORTEN) {
      const f = VERWIJZING_FORMATEN[soort];
      expect(isVerwijzing(soort, f.example)).toBe(true);
      expect(f.expected).toContain(f.example);
    }
  });
});

describe('who may set the references', () => {
  it('is the indiener, driehoek, ACU and programmadirectie (within their scope), never the admin', () => {
    expect(['indiener', 'driehoek', 'acu', 'programmadirectie', 'admin', null].map(mayEditVerwijzingen)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
