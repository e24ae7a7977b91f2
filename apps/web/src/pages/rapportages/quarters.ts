/** The current quarter in Europe/Amsterdam and the seven before it, newest first ('2026-Q4'). */
export function recentQuarters(now: Date = new Date(), count = 8): string[] {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' })
    .format(now)
    .split('-')
    .map(Number);
  let year = y!;
  let q = Math.floor((m! - 1) / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${year}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}
