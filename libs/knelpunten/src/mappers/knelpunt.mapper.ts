import { DEADLINE_LABELS, DeadlineKind, Status, allowedDecisionsFor, mayEditVerwijzingen } from '@kp/domain';
import type { KnelpuntEntity } from '../entities/knelpunt.entity';
import type { TimelineEntryEntity } from '../entities/timeline-entry.entity';
import type { KnelpuntDetailDto, KnelpuntSummaryDto } from '../dtos/knelpunt-response.dto';

const iso = (v: Date | string | null): string | null =>
  v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString();

export function toSummary(k: KnelpuntEntity): KnelpuntSummaryDto {
  return {
    id: k.id,
    reference: k.reference,
    title: k.title,
    organisation: k.organisationCode,
    driehoek: k.driehoekCode,
    theme: k.theme,
    status: k.status,
    outcome: k.outcome,
    overdue: k.overdue,
    escalated: k.escalated,
    doorbraakteam: typeof k.details?.['team'] === 'string' ? (k.details['team'] as string) : null,
    nextDueAt: iso(k.nextDueAt),
    standId: k.standId,
    kamerstukken: k.kamerstukken ?? [],
    moties: k.moties ?? [],
    toezeggingen: k.toezeggingen ?? [],
    bwbIds: k.bwbIds ?? [],
    createdAt: iso(k.createdAt) as string,
    updatedAt: iso(k.updatedAt) as string,
  };
}

export function toDetail(k: KnelpuntEntity, timeline: TimelineEntryEntity[], role: string | null): KnelpuntDetailDto {
  return {
    ...toSummary(k),
    description: k.description,
    law: k.law,
    ministry: k.ministryCode,
    impact: k.impact,
    proposedSolution: k.proposedSolution,
    externalRef: k.externalRef,
    details: k.details,
    deadlines: k.deadlines.map((d) => ({ ...d, label: DEADLINE_LABELS[d.kind as DeadlineKind] ?? d.kind })),
    timeline: timeline.map((t) => ({ id: t.id, at: iso(t.at) as string, type: t.type, actor: t.actor, data: t.data })),
    allowedDecisions: role ? allowedDecisionsFor(k.status as Status, role) : [],
    // The caller reads it, so it is within the caller's scope: the role decides.
    mayEditVerwijzingen: mayEditVerwijzingen(role),
  };
}
