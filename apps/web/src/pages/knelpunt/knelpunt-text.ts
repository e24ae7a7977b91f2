/**
 * Dutch words for what the API records about a knelpunt: timeline entries (who did what, with which
 * data), deadline log entries and terms. Presentation only; the codes come from the API.
 */
import { DEADLINE_LABELS } from '@kp/domain/termijnen/deadline-state';
import type { DeadlineLogEntry, TimelineEntry } from '../../api/types';
import { formatDate } from '../../format';
import {
  BESLISSING_LABELS,
  DOORBRAAKTEAM_LABELS,
  INSTRUMENT_LABELS,
  ROL_LABELS,
  STATUS_LABELS,
  THEMA_LABELS,
  UITKOMST_LABELS,
  VELD_LABELS,
  label,
} from '../../labels';

/** The organisation's own content fields of a knelpunt (shown, and amended by the indiener). */
export const INHOUD_LABELS: Record<string, string> = {
  title: 'Titel',
  description: 'Beschrijving',
  theme: 'Thema',
  law: 'Wet of regeling',
  ministry: 'Verantwoordelijk ministerie',
  impact: 'Gevolgen voor burgers en bedrijven',
  proposedSolution: 'Voorgestelde oplossing',
  externalRef: 'Eigen kenmerk van de organisatie',
};

/** What happened, per timeline type (decisions are named by their own label). */
const TIMELINE_TITLES: Record<string, string> = {
  ingediend: 'Ingediend met de Stand',
  bij_driehoek: 'Ontvangen en bij de driehoek gelegd',
  gewijzigd: 'Inhoud gewijzigd door de organisatie',
  verwijzingen_gewijzigd: 'Verwijzingen naar Kamer en wetgeving gewijzigd',
  voortgang: 'Voortgang gemeld',
  oppakken: 'Opgepakt door de driehoek',
  informatie_opvragen: 'Informatie opgevraagd bij de organisatie',
  informatie_aanleveren: 'Informatie aangeleverd door de organisatie',
  informatie_onbeantwoord: 'Informatieverzoek niet op tijd beantwoord; terug bij de driehoek',
  escaleren_acu: 'Geëscaleerd naar de ACU',
  naar_politiek: 'Naar politieke opvolging',
  afwijzen: 'Afgewezen',
  samenvoegen: 'Samengevoegd',
  toewijzen_doorbraakteam: 'Toegewezen aan een doorbraakteam',
  overheidsbreed_oppakken: 'Overheidsbreed opgepakt',
  terug_naar_driehoek: 'Teruggelegd bij de driehoek',
  afronden: 'Afgerond',
  politieke_uitkomst: 'Politieke uitkomst vastgelegd',
  intrekken: 'Ingetrokken door de organisatie',
  termijn_opgeschort: 'Termijn opgeschort',
  termijn_hervat: 'Termijn hervat',
  termijn_verlengd: 'Termijn verlengd',
  termijn_herinnering: 'Herinnering verstuurd',
  termijn_verlopen: 'Termijn verstreken',
  op_acu_agenda: 'Op de agenda van de ACU geplaatst',
  acu_doorgeschoven: 'Doorgeschoven naar de volgende ACU-vergadering',
};

const DEADLINE_LOG_TITLES: Record<string, string> = {
  gestart: 'Gestart',
  opgeschort: 'Opgeschort',
  hervat: 'Hervat',
  verlengd: 'Verlengd',
  verlopen: 'Verstreken',
  voldaan: 'Voldaan',
  vervallen: 'Vervallen',
  herberekend: 'Herberekend',
};

const TERM_UNITS: Record<string, [string, string]> = {
  werkdagen: ['werkdag', 'werkdagen'],
  dagen: ['dag', 'dagen'],
  weken: ['week', 'weken'],
  maanden: ['maand', 'maanden'],
};

/** Labels of data fields that are not decision fields. */
const DATA_LABELS: Record<string, string> = {
  ...VELD_LABELS,
  ...INHOUD_LABELS,
  kind: 'Termijn',
  dueDate: 'Uiterste datum',
  meetingDate: 'Vergadering',
  carryOvers: 'Keer doorgeschoven',
  suspendedDays: 'Opgeschorte dagen',
  extension: 'Verlenging',
  standTitle: 'Stand',
  period: 'Periode',
  bron: 'Ingediend via',
  label: 'Herinnering',
};

/** Data that is bookkeeping, not news for a reader. */
const HIDDEN_DATA = new Set(['van', 'naar', 'deadlineId', 'meetingId', 'standId', 'herhaald', 'automatisch', 'wijzigingen']);

export interface TextItem {
  label: string;
  value: string;
}

export function termText(term: unknown): string {
  if (!term || typeof term !== 'object') return '';
  const { amount, unit } = term as { amount?: unknown; unit?: unknown };
  if (typeof amount !== 'number' || typeof unit !== 'string') return '';
  const words = TERM_UNITS[unit];
  return words ? `${amount} ${amount === 1 ? words[0] : words[1]}` : `${amount} ${unit}`;
}

export function deadlineKindLabel(kind: unknown): string {
  return typeof kind === 'string' ? ((DEADLINE_LABELS as Record<string, string>)[kind] ?? label({}, kind)) : '';
}

/** A role as it reads after a name. */
const ACTOR_ROLES: Record<string, string> = {
  indiener: 'indiener',
  driehoek: 'driehoek',
  acu: 'ACU',
  programmadirectie: 'programmadirectie',
  admin: 'beheerder',
};

/** "Dirk de Vries (driehoek, UWV)", "Systeem (termijnbewaking)". */
export function actorText(actor: TimelineEntry['actor'] | DeadlineLogEntry['actor'] | undefined): string {
  if (!actor) return 'Onbekend';
  const name = actor.name?.trim() || 'Onbekend';
  if (!actor.role || actor.role === 'systeem') return name;
  const scope = ('driehoek' in actor && actor.driehoek) || actor.organisation;
  const role = ACTOR_ROLES[actor.role] ?? label(ROL_LABELS, actor.role);
  return `${name} (${role}${scope ? `, ${scope}` : ''})`;
}

function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  switch (key) {
    case 'outcome':
    case 'result':
      return label(UITKOMST_LABELS, String(value));
    case 'instrument':
      return label(INSTRUMENT_LABELS, String(value));
    case 'team':
      return label(DOORBRAAKTEAM_LABELS, String(value));
    case 'theme':
      return label(THEMA_LABELS, String(value));
    case 'kind':
      return deadlineKindLabel(value);
    case 'targetDate':
    case 'dueDate':
    case 'meetingDate':
      return formatDate(String(value));
    case 'extension':
      return termText(value);
    case 'reason':
      // The workflow names the decision that resumed a term by its code.
      return typeof value === 'string' && value in BESLISSING_LABELS ? `Beslissing: ${label(BESLISSING_LABELS, value)}` : String(value);
    case 'suspendedDays':
      return value === 0 ? '' : String(value);
    case 'bron':
      return value === 'csv' ? 'CSV-bestand' : value === 'json' ? 'formulier of koppeling' : String(value);
    default:
      if (typeof value === 'object') return JSON.stringify(value);
      return String(value);
  }
}

export interface TimelineText {
  title: string;
  /** "Status: Bij de driehoek → Wacht op informatie" when the entry changed the status. */
  transition?: string;
  items: TextItem[];
}

/** One timeline entry in words: what happened, the status change and the data that came with it. */
export function describeTimelineEntry(entry: Pick<TimelineEntry, 'type' | 'data'>): TimelineText {
  const data = entry.data ?? {};
  let title = TIMELINE_TITLES[entry.type] ?? label(BESLISSING_LABELS, entry.type);
  if (entry.type === 'escaleren_acu' && data['automatisch']) title = 'Automatisch geëscaleerd naar de ACU (termijn lang verstreken)';
  if (entry.type === 'termijn_herinnering' && data['herhaald']) title = 'Herhaalde herinnering verstuurd (termijn verstreken)';

  const items: TextItem[] = [];
  if (entry.type === 'gewijzigd' && data['wijzigingen'] && typeof data['wijzigingen'] === 'object') {
    for (const [field, change] of Object.entries(data['wijzigingen'] as Record<string, { van?: unknown; naar?: unknown }>)) {
      const from = valueText(field, change?.van) || '(leeg)';
      const to = valueText(field, change?.naar) || '(leeg)';
      items.push({ label: DATA_LABELS[field] ?? field, value: `${from} → ${to}` });
    }
  }
  if (entry.type === 'verwijzingen_gewijzigd') items.push(...verwijzingenChanges(data['van'], data['naar']));
  for (const [key, value] of Object.entries(data)) {
    if (HIDDEN_DATA.has(key)) continue;
    if (entry.type === 'termijn_herinnering' && key === 'label') continue;
    const text = valueText(key, value);
    if (text) items.push({ label: DATA_LABELS[key] ?? key, value: text });
  }

  const from = data['van'];
  const to = data['naar'];
  const transition =
    typeof from === 'string' && typeof to === 'string' && from !== to
      ? `Status: ${label(STATUS_LABELS, from)} → ${label(STATUS_LABELS, to)}`
      : undefined;
  return { title, transition, items };
}

/** The labels of the four kinds of references to parliament and law, in the order they are shown. */
export const VERWIJZING_LABELS = {
  kamerstukken: 'Kamerstukken',
  moties: 'Moties',
  toezeggingen: 'Toezeggingen',
  bwbIds: 'Wetten en regelingen (BWB-id)',
} as const;

/** Per kind of reference that changed: "29362-290 → 29362-290, 36200-VII-12". */
function verwijzingenChanges(from: unknown, to: unknown): TextItem[] {
  const list = (side: unknown, kind: string): string[] => {
    const v = side && typeof side === 'object' ? (side as Record<string, unknown>)[kind] : undefined;
    return Array.isArray(v) ? v.map(String) : [];
  };
  const items: TextItem[] = [];
  for (const [kind, text] of Object.entries(VERWIJZING_LABELS)) {
    const a = list(from, kind).join(', ');
    const b = list(to, kind).join(', ');
    if (a !== b) items.push({ label: text, value: `${a || '(geen)'} → ${b || '(geen)'}` });
  }
  return items;
}

/** One line of a deadline's log in words. */
export function describeDeadlineLog(entry: DeadlineLogEntry): { title: string; details: string } {
  const type = entry.type ?? entry.action ?? '';
  const title = DEADLINE_LOG_TITLES[type] ?? label({}, type);
  const parts: string[] = [];
  const data = entry.data ?? {};
  if (data['extension']) parts.push(`met ${termText(data['extension'])}`);
  if (typeof data['opgeschorteDagen'] === 'number') parts.push(`${data['opgeschorteDagen']} dagen opgeschort`);
  if (typeof data['nieuweDatum'] === 'string') parts.push(`nieuwe uiterste datum ${formatDate(data['nieuweDatum'])}`);
  return { title, details: parts.join('; ') };
}
