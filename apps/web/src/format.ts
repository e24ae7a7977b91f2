const TZ = 'Europe/Amsterdam';
const dateFmt = new Intl.DateTimeFormat('nl-NL', { timeZone: TZ, day: 'numeric', month: 'long', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TZ,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "3 maart 2026" (Europe/Amsterdam). Accepts an instant or a YYYY-MM-DD date. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateFmt.format(d);
}

/** "3 mrt 2026 14:05" (Europe/Amsterdam). */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateTimeFmt.format(d);
}

const weekdayFmt = new Intl.DateTimeFormat('nl-NL', { timeZone: TZ, weekday: 'long' });

/** "maandag 4 mei 2026" for a YYYY-MM-DD date. */
export function formatDateWithWeekday(date: string): string {
  return `${weekdayFmt.format(new Date(`${date}T12:00:00Z`))} ${formatDate(date)}`;
}
