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
  createdAt: string;
  updatedAt: string;
}

export interface DeadlineLogEntry {
  at?: string;
  action?: string;
  reason?: string;
  actor?: { name?: string; role?: string };
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
  explanation: string[];
  reminders: Record<string, unknown>[];
  log: DeadlineLogEntry[];
}

export interface TimelineEntry {
  id: string;
  at: string;
  type: string;
  actor: { name?: string; role?: string; organisation?: string | null; subject?: string };
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
  createdAt?: string;
  readAt?: string | null;
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
}

export interface ClusterDecisionResult {
  clusterId: string;
  decision: string;
  items: { knelpuntId: string; reference: string; status: Status; outcome: string | null }[];
}
