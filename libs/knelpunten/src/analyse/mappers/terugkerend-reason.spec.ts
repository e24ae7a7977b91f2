import { terugkerendReason } from './terugkerend-reason';

describe('terugkerendReason', () => {
  it.each([
    [
      { reference: 'UWV-00003', jaar: 2025, score: 0.82, titleAlike: true, sharedBwbIds: [] },
      'De titel lijkt sterk op die van UWV-00003 uit de Stand van 2025 (overeenkomst 0,82).',
    ],
    [
      { reference: 'UWV-00003', jaar: 2024, score: 0.55, titleAlike: true, sharedBwbIds: [] },
      'De titel lijkt op die van UWV-00003 uit de Stand van 2024 (overeenkomst 0,55).',
    ],
    [
      { reference: 'SVB-00001', jaar: 2025, score: 0.12, titleAlike: false, sharedBwbIds: ['BWBR0002448'] },
      'Het noemt dezelfde wet of regeling (BWBR0002448) bij hetzelfde thema als SVB-00001 uit de Stand van 2025.',
    ],
    [
      { reference: 'SVB-00001', jaar: 2025, score: 0.6, titleAlike: true, sharedBwbIds: ['BWBR0002448', 'BWBR0015703'] },
      'De titel lijkt op die van SVB-00001 uit de Stand van 2025 (overeenkomst 0,60), en het noemt dezelfde wetten of regelingen (BWBR0002448, BWBR0015703) bij hetzelfde thema.',
    ],
  ])('says why in Dutch words (%#)', (lookAlike, expected) => {
    expect(terugkerendReason(lookAlike)).toBe(expected);
  });
});
