/** Presentation helpers of the deadline-policy page (pure; no rules: the API checks every value). */

const joinNl = (parts: string[]): string =>
  parts.length > 1 ? `${parts.slice(0, -1).join(', ')} en ${parts[parts.length - 1]}` : (parts[0] ?? '');

/** [10, 5, 0] → "10 en 5 werkdagen vooraf en op de dag zelf"; [] → "Geen". */
export function remindersText(days: number[]): string {
  const before = days.filter((d) => d > 0);
  const parts: string[] = [];
  if (before.length > 0) parts.push(`${joinNl(before.map(String))} werkdagen vooraf`);
  if (days.includes(0)) parts.push('op de dag zelf');
  if (parts.length === 0) return 'Geen';
  const text = parts.join(' en ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A number field's text as the API expects it. Empty or not a number becomes null, so the API refuses it and
 * names the field (rather than the browser silently dropping it).
 */
export function toNumber(v: string): number | null {
  return v.trim() === '' || Number.isNaN(Number(v)) ? null : Number(v);
}
