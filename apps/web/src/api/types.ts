/** Shapes of the API's responses as the web app uses them (see /api/v1/openapi.json). */
import type { DecisionName } from '@kp/domain/knelpunt/decisions';
import type { Status } from '@kp/domain/knelpunt/statuses';

export type Rol = 'indiener' | 'driehoek' | 'acu' | 'programmadirectie' | 'admin';

export interface SessionUser {
  subject: string;
  name: string;
  role: Rol;
  organisation?: string | null;
  driehoek?: string | null;
}

export interface Session {
  authenticated: boolean;
  mode: 'dev' | 'oidc';
  user?: SessionUser;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface KnelpuntSummary {
  id: string;
  reference: string;
  title: string;
  organisation: string;
  driehoek: string;
  theme: string;
  status: Status;
  outcome: string | null;
  overdue: boolean;
  escalated: boolean;
  /** The ACU's doorbraakteam (null: none). */
  doorbraakteam: string | null;
  nextDueAt: string | null;
  standId: string;
  /** References to parliament and law (issue 9). */
  kamerstukken: string[];
  moties: string[];
  toezeggingen: string[];
  bwbIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface DeadlineLogEntry {
  at?: string;
  /** gestart | opgeschort | hervat | verlengd | verlopen | voldaan | vervallen | herberekend */
  type?: string;
  action?: string;
  reason?: string;
  actor?: { name?: string; role?: string; organisation?: string | null };
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Deadline {
  id: string;
  kind: string;
  label: string;
  dueAt: string;
  dueDate: string;
  state: 'lopend' | 'opgeschort' | 'verlopen' | 'voldaan' | 'vervallen';
  startedOn: string;
  term: Record<string, unknown>;
  suspendedDays: number;
  /** Verlengingen in order. */
  extensions?: { amount: number; unit: string }[];
  /** A fixed due date (streefdatum, ACU meeting) instead of a counted term. */
  fixedDueDate?: string;
  explanation: string[];
  reminders: Record<string, unknown>[];
  log: DeadlineLogEntry[];
}

export interface TimelineEntry {
  id: string;
  at: string;
  type: string;
  actor: { name?: string; role?: string; organisation?: string | null; driehoek?: string | null; subject?: string };
  data: Record<string, unknown>;
}

export interface KnelpuntDetail extends KnelpuntSummary {
  description: string;
  law: string | null;
  ministry: string | null;
  impact: string | null;
  proposedSolution: string | null;
  externalRef: string | null;
  details: Record<string, unknown>;
  deadlines: Deadline[];
  timeline: TimelineEntry[];
  allowedDecisions: DecisionName[];
  /** Whether the caller may replace the references (PUT …/verwijzingen). */
  mayEditVerwijzingen: boolean;
}

export interface Organisation {
  code: string;
  name: string;
  [key: string]: unknown;
}

export interface Ministry {
  code: string;
  name: string;
  [key: string]: unknown;
}

export interface Driehoek {
  code: string;
  [key: string]: unknown;
}

export interface Notification {
  id: string;
  kind?: string;
  subject?: string;
  body?: string;
  knelpuntId?: string | null;
  /** The knelpunt's reference (UWV-00018): its page is /knelpunten/{reference}. */
  reference?: string;
  createdAt?: string;
  readAt?: string | null;
  read?: boolean;
  [key: string]: unknown;
}

export interface Actor {
  subject: string;
  name: string;
  role: string;
  organisation: string | null;
}

export interface AcuMeeting {
  id: string;
  meetingDate: string;
  agendaClosesOn: string;
  agendaOpen: boolean;
  title: string | null;
  location: string | null;
  autoCreated: boolean;
  itemCount: number;
  openItemCount: number;
  createdAt: string;
  createdBy: Actor;
}

export interface AcuAgendaItem {
  id: string;
  knelpuntId: string;
  reference: string;
  title: string;
  organisation: string;
  knelpuntStatus: Status;
  /** geagendeerd | doorgeschoven | besloten | … */
  status: string;
  carryOverCount: number;
  reason: string;
  addedAt: string;
  decidedAt: string | null;
  decision: string | null;
}

export interface AcuAgenda {
  meeting: AcuMeeting;
  items: AcuAgendaItem[];
}

export interface AcuClusterMember {
  knelpuntId: string;
  reference: string;
  title: string;
  organisation: string;
  status: Status;
  doorbraakteam: string | null;
  addedAt: string;
}

export interface AcuClusterSummary {
  id: string;
  title: string;
  description: string | null;
  createdAt: string;
  createdBy: Actor;
}

export interface AcuCluster extends AcuClusterSummary {
  organisations: string[];
  members: AcuClusterMember[];
  /** What the caller may decide now for every member at once. */
  allowedDecisions: DecisionName[];
}

export interface ClusterDecisionResult {
  clusterId: string;
  decision: string;
  items: { knelpuntId: string; reference: string; status: Status; outcome: string | null }[];
}

/** A Stand as POST /standen and GET /standen/{id} return it (public: no submitter). */
export interface StandKnelpunt {
  id: string;
  reference: string;
  status: Status;
  outcome: string | null;
  title: string;
  theme: string;
  externalRef: string | null;
}

export interface StandSummary {
  id: string;
  organisation: string;
  period: string;
  title: string;
  publishedOn: string | null;
  sourceUrl: string | null;
  createdAt: string;
}

export interface Stand extends StandSummary {
  knelpunten: StandKnelpunt[];
}

/** POST /standen/import-controle: every CSV row with the API's own reasons; nothing stored. */
export interface CsvPreviewRow {
  row: number;
  values: Partial<
    Record<
      | 'title'
      | 'description'
      | 'theme'
      | 'law'
      | 'ministry'
      | 'impact'
      | 'proposedSolution'
      | 'externalRef'
      | 'kamerstukken'
      | 'moties'
      | 'toezeggingen'
      | 'bwbIds',
      string
    >
  >;
  invalidParams: { name: string; reason: string }[];
}

export interface CsvPreview {
  valid: boolean;
  organisation: string;
  period: string;
  title: string;
  rows: CsvPreviewRow[];
  invalidParams: { name: string; reason: string }[];
}

/** GET /werkdagen/berekening (Algemene termijnenwet). */
export interface TermijnBerekening {
  start: string;
  term: { amount: number; unit: string };
  nominalEnd: string;
  suspendedDays: number;
  unshiftedEnd: string;
  dueDate: string;
  shiftedBy: { date: string; reason: string }[];
  explanation: string[];
}

export interface Feestdag {
  date: string;
  name: string;
  kind: 'wettelijk' | 'gelijkgesteld';
}

/** GET /statistieken: the dashboard's numbers (programmadirectie: all knelpunten; ACU: the escalated ones). */
export interface KeyCount {
  key: string;
  count: number;
}

export type AgeingBucket = 'minder_dan_4_weken' | '4_tot_8_weken' | '8_tot_13_weken' | '13_weken_of_meer';

export interface Statistieken {
  generatedAt: string;
  total: number;
  open: number;
  byTheme: KeyCount[];
  byOrganisation: KeyCount[];
  byStatus: KeyCount[];
  ageing: { status: Status; bucket: AgeingBucket; count: number }[];
  overdueByDeadlineKind: KeyCount[];
  perQuarter: { quarter: string; decided: number; solved: number; partlySolved: number }[];
}

/** GET|PUT /deadline-policies */
export interface DeadlinePolicy {
  id: string;
  organisation: string | null;
  kind: string;
  instrument: string | null;
  term: { amount: number; unit: string };
  reminderWerkdagen: number[];
  overdueRepeatDays: number | null;
  acuAfterOverdueWeeks: number | null;
  notifyProgrammadirectieWhenOverdue: boolean;
  reminderHour: number;
  updatedAt: string;
  updatedBy: { subject: string; name: string; role: string; organisation: string | null };
}

/** GET|POST /gelijkgestelde-dagen */
export interface GelijkgesteldeDag {
  date: string;
  name: string;
  createdAt: string;
}

/** GET /notifications: a page of the inbox plus the unread count of the whole inbox. */
export interface NotificationPage extends Page<Notification> {
  unreadCount: number;
}

/** The API's RapportagePublicatieDto: one published version of a quarter's report. */
export interface RapportagePublicatie {
  kwartaal: string;
  versie: number;
  publishedOn: string;
  url: string;
}
