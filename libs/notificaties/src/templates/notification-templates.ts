import type { InvalidParam } from '@kp/shared/errors';
import { deadlineLabel, dutchDate, outcomeLabel } from './labels';

/** The kinds of notification the knelpunt workflow sends, each with its template (issue 8: data, not prose). */
export const NOTIFICATION_KINDS = [
  'ontvangen',
  'acu_agenda',
  'afgesloten',
  'herinnering',
  'verlopen',
  'acu_doorgeschoven',
  'uitvraag_herinnering',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface RenderedNotification {
  subject: string;
  body: string;
}

export type RenderResult = { ok: true; value: RenderedNotification } | { ok: false; problems: InvalidParam[] };

type Data = Record<string, unknown>;

/** Reads the data of one template; collects every problem, naming the field as `data.<name>`. */
class Reader {
  readonly problems: InvalidParam[] = [];
  constructor(private readonly data: Data) {}

  text(name: string): string {
    const v = this.data[name];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    this.problems.push({ name: `data.${name}`, reason: 'is verplicht' });
    return '';
  }

  date(name: string, optional = false): string | null {
    const v = this.data[name];
    if (optional && (v === undefined || v === null)) return null;
    const words = typeof v === 'string' ? dutchDate(v) : null;
    if (words === null) this.problems.push({ name: `data.${name}`, reason: 'moet een datum zijn (JJJJ-MM-DD)' });
    return words ?? '';
  }

  count(name: string): number {
    const v = this.data[name];
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
    this.problems.push({ name: `data.${name}`, reason: 'moet een geheel getal van 0 of meer zijn' });
    return 0;
  }

  flag(name: string): boolean {
    const v = this.data[name];
    if (v === undefined) return false;
    if (typeof v === 'boolean') return v;
    this.problems.push({ name: `data.${name}`, reason: 'moet true of false zijn' });
    return false;
  }

  label(name: string, of: (code: string) => string | null): string {
    const v = this.data[name];
    const label = typeof v === 'string' ? of(v) : null;
    if (label === null) this.problems.push({ name: `data.${name}`, reason: 'is geen bekende waarde' });
    return label ?? '';
  }
}

const TEMPLATES: Record<NotificationKind, (ref: string, r: Reader) => RenderedNotification> = {
  ontvangen: (ref, r) => {
    const driehoek = r.text('driehoek');
    const due = r.date('dueDate', true);
    return {
      subject: `Knelpunt ${ref} ontvangen`,
      body: `Knelpunt ${ref} is ontvangen en ligt bij de driehoek ${driehoek}.${due ? ` Het besluit van de driehoek volgt uiterlijk op ${due}.` : ''}`,
    };
  },
  acu_agenda: (ref, r) => {
    const date = r.date('meetingDate');
    const reason = r.text('reason');
    return {
      subject: `Op de ACU-agenda: ${ref}`,
      body: `Knelpunt ${ref} staat op de agenda van de ACU-vergadering van ${date}.\nReden: ${reason}`,
    };
  },
  afgesloten: (ref, r) => {
    const outcome = r.label('outcome', outcomeLabel);
    return {
      subject: `Knelpunt ${ref} afgesloten`,
      body: `Knelpunt ${ref} is afgesloten. Uitkomst: ${outcome}.`,
    };
  },
  herinnering: (ref, r) => {
    const label = r.text('label');
    const due = r.date('dueDate');
    const repeated = r.flag('repeated');
    return {
      subject: `Herinnering ${ref}: ${label}`,
      body: repeated
        ? `${label}. De uiterste datum was ${due}; de termijn is verstreken. Knelpunt ${ref}.`
        : `${label}. Uiterste datum: ${due}. Knelpunt ${ref}.`,
    };
  },
  verlopen: (ref, r) => {
    const what = r.label('deadlineKind', deadlineLabel);
    const due = r.date('dueDate');
    return {
      subject: `Termijn verstreken ${ref}: ${what}`,
      body: `De termijn '${what}' van knelpunt ${ref} is op ${due} verstreken.`,
    };
  },
  acu_doorgeschoven: (ref, r) => {
    const n = r.count('carryOvers');
    const date = r.date('meetingDate');
    return {
      subject: `ACU: ${ref} ${n} keer doorgeschoven`,
      body: `Knelpunt ${ref} is ${n} keer niet besloten in de ACU en staat nu op de agenda van de vergadering van ${date}.`,
    };
  },
  // An intake round (uitvraag): `ref` is the round's name; sent to an organisation that has not submitted yet.
  uitvraag_herinnering: (ref, r) => {
    const year = r.count('year');
    const closing = r.date('closingDate');
    const n = r.count('werkdagenBefore');
    const when = n === 0 ? 'vandaag' : `over ${n} werkdag${n === 1 ? '' : 'en'}, op ${closing}`;
    return {
      subject: `Herinnering uitvraag ${ref}: uw Stand ${year}`,
      body: `De uitvraag '${ref}' sluit ${when}. Wij hebben uw Stand van de Uitvoering ${year} nog niet ontvangen; dien die in vóór het einde van ${closing}.`,
    };
  },
};

export function isNotificationKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

/** Subject and body of a notification of `kind` for knelpunt `reference`, from its data. Pure. */
export function renderNotification(kind: string, reference: string, data: Data | undefined): RenderResult {
  if (!isNotificationKind(kind)) {
    return { ok: false, problems: [{ name: 'kind', reason: `onbekende soort melding; kies uit: ${NOTIFICATION_KINDS.join(', ')}` }] };
  }
  const reader = new Reader(data && typeof data === 'object' ? data : {});
  const value = TEMPLATES[kind](reference, reader);
  return reader.problems.length > 0 ? { ok: false, problems: reader.problems } : { ok: true, value };
}
