/** '2026-Q4' (the API's quarter) → 'K4 2026' for a chart axis and '4e kwartaal 2026' for a table. */
export function quarterLabels(quarter: string): { short: string; long: string } {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) return { short: quarter, long: quarter };
  return { short: `K${m[2]} ${m[1]}`, long: `${m[2]}e kwartaal ${m[1]}` };
}
