/**
 * Working-day calendar following the Algemene termijnenwet: a werkdag is a day that is not a
 * Saturday, Sunday or algemeen erkende feestdag (including days equated to them by besluit).
 * Pure and deterministic (safe inside Temporal workflow code).
 */
import { algemeenErkendeFeestdagen, DEFAULT_EQUATED_DAYS, EquatedDay, Feestdag } from './feestdagen';
import { addDays, assertLocalDate, isoWeekday, LocalDate, parseLocalDate, toEpochDay } from './local-date';

// Re-exported here for convenience; the canonical definitions live in local-date.ts / amsterdam-tijd.ts.
export { addDays, addMonths, addWeeks } from './local-date';
export type { LocalDate } from './local-date';
export { amsterdamInstant, endOfDayAmsterdam, toLocalDateAmsterdam } from './amsterdam-tijd';

export interface SkippedDay {
  date: LocalDate;
  /** Dutch reason: 'zaterdag', 'zondag' or the name of the feestdag. */
  reason: string;
}

/** Upper bound for day-by-day scans; guards against runaway loops on absurd input. */
const MAX_SCAN_DAYS = 366 * 200;

export class WerkdagenKalender {
  private readonly equatedDays: readonly EquatedDay[];
  private readonly perYear = new Map<number, Map<LocalDate, Feestdag[]>>();

  /**
   * @param extraEquatedDays the days equated to feestdagen by besluit (gelijkgestelde dagen). These
   *   replace (not extend) `DEFAULT_EQUATED_DAYS`; pass the full list stored by the application.
   */
  constructor(extraEquatedDays: readonly EquatedDay[] = DEFAULT_EQUATED_DAYS) {
    for (const eq of extraEquatedDays) assertLocalDate(eq.date, 'equated day date');
    this.equatedDays = Object.freeze(extraEquatedDays.map((eq) => ({ date: eq.date, name: eq.name })));
  }

  /** The days equated to feestdagen that this calendar was built with. */
  equated(): EquatedDay[] {
    return this.equatedDays.map((eq) => ({ date: eq.date, name: eq.name }));
  }

  /** The feestdagen (statutory and equated) of `year`, sorted by date. */
  feestdagen(year: number): Feestdag[] {
    const out: Feestdag[] = [];
    for (const list of this.yearMap(year).values()) out.push(...list.map((f) => ({ ...f })));
    return out;
  }

  /** The feestdagen falling on `d` (usually zero or one). */
  feestdagenOp(d: LocalDate): Feestdag[] {
    const { year } = parseLocalDate(d);
    return (this.yearMap(year).get(d) ?? []).map((f) => ({ ...f }));
  }

  isFeestdag(d: LocalDate): boolean {
    return this.feestdagenOp(d).length > 0;
  }

  isWeekend(d: LocalDate): boolean {
    return isoWeekday(d) >= 6;
  }

  isWerkdag(d: LocalDate): boolean {
    return this.reasonNotWerkdag(d) === null;
  }

  /**
   * Why `d` is not a werkdag, in Dutch, or `null` when it is one. A feestdag name takes precedence
   * over the weekday (Saturday 2026-12-26 gives 'Tweede Kerstdag'); several feestdagen on one date
   * are joined with ' en '. Otherwise 'zaterdag' or 'zondag'.
   */
  reasonNotWerkdag(d: LocalDate): string | null {
    const feestdagen = this.feestdagenOp(d);
    if (feestdagen.length > 0) return feestdagen.map((f) => f.name).join(' en ');
    const wd = isoWeekday(d);
    if (wd === 6) return 'zaterdag';
    if (wd === 7) return 'zondag';
    return null;
  }

  /**
   * The `n`-th werkdag after `d` (n > 0) or before `d` (n < 0); `d` itself is never counted.
   * `n = 0` returns `d` unchanged, even when `d` is not a werkdag.
   */
  addWerkdagen(d: LocalDate, n: number): LocalDate {
    assertLocalDate(d);
    if (!Number.isInteger(n)) throw new RangeError(`Number of werkdagen must be an integer, got ${n}`);
    const step = n < 0 ? -1 : 1;
    let remaining = Math.abs(n);
    let current = d;
    let scanned = 0;
    while (remaining > 0) {
      current = addDays(current, step);
      if (++scanned > MAX_SCAN_DAYS) throw new RangeError('addWerkdagen: span too large');
      if (this.isWerkdag(current)) remaining--;
    }
    return current;
  }

  /**
   * Number of werkdagen in the half-open interval (a, b] when b >= a, or minus the number of
   * werkdagen in (b, a] when b < a. For werkdagen a and b: `addWerkdagen(a, werkdagenBetween(a, b)) === b`.
   */
  werkdagenBetween(a: LocalDate, b: LocalDate): number {
    const ea = toEpochDay(a);
    const eb = toEpochDay(b);
    if (eb < ea) return -this.werkdagenBetween(b, a);
    if (eb - ea > MAX_SCAN_DAYS) throw new RangeError('werkdagenBetween: span too large');
    let count = 0;
    let current = a;
    for (let i = 0; i < eb - ea; i++) {
      current = addDays(current, 1);
      if (this.isWerkdag(current)) count++;
    }
    return count;
  }

  /**
   * `d` itself when it is a werkdag, otherwise the first werkdag after it, with every skipped day and
   * its reason (Algemene termijnenwet art. 1).
   */
  nextWerkdagOnOrAfter(d: LocalDate): { date: LocalDate; skipped: SkippedDay[] } {
    assertLocalDate(d);
    const skipped: SkippedDay[] = [];
    let current = d;
    for (;;) {
      const reason = this.reasonNotWerkdag(current);
      if (reason === null) return { date: current, skipped };
      skipped.push({ date: current, reason });
      if (skipped.length > MAX_SCAN_DAYS) throw new RangeError('nextWerkdagOnOrAfter: no werkdag found');
      current = addDays(current, 1);
    }
  }

  /** `d` itself when it is a werkdag, otherwise the last werkdag before it. */
  previousWerkdagOnOrBefore(d: LocalDate): LocalDate {
    return this.isWerkdag(d) ? d : this.addWerkdagen(d, -1);
  }

  private yearMap(year: number): Map<LocalDate, Feestdag[]> {
    let map = this.perYear.get(year);
    if (!map) {
      map = new Map();
      for (const f of algemeenErkendeFeestdagen(year, this.equatedDays)) {
        const list = map.get(f.date);
        if (list) list.push(f);
        else map.set(f.date, [f]);
      }
      this.perYear.set(year, map);
    }
    return map;
  }
}
