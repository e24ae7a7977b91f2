import type { UitvraagPlan } from '@kp/domain/uitvraag/uitvraag-planning';
import type { UitvraagOrganisatieRecord, UitvraagrondeRecord } from '../repositories/uitvraagronde.repository';
import type { UitvraagOrganisatieDto, UitvraagrondeDto, UitvraagrondeSamenvattingDto } from '../dtos/uitvraagronde.dto';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function toSamenvattingDto(r: UitvraagrondeRecord, ownStatus: string | null): UitvraagrondeSamenvattingDto {
  return {
    id: r.id,
    name: r.name,
    year: r.year,
    openedAt: new Date(r.openedAt).toISOString(),
    closingDate: r.closingDate,
    status: r.status,
    closedAt: iso(r.closedAt),
    createdBy: { subject: r.createdBy.subject, name: r.createdBy.name, role: r.createdBy.role },
    expected: r.expected,
    submitted: r.submitted,
    late: r.late,
    ownStatus,
  };
}

export function toOrganisatieDto(o: UitvraagOrganisatieRecord): UitvraagOrganisatieDto {
  return {
    code: o.code,
    name: o.name,
    status: o.status,
    standId: o.standId,
    submittedAt: iso(o.submittedAt),
    onTime: o.onTime,
    lateSince: iso(o.lateSince),
    reminders: o.reminders.map((h) => ({ kind: h.kind, sentAt: new Date(h.sentAt).toISOString() })),
  };
}

export function toRondeDto(
  r: UitvraagrondeRecord,
  organisations: UitvraagOrganisatieRecord[],
  plan: UitvraagPlan,
  ownStatus: string | null,
): UitvraagrondeDto {
  return {
    ...toSamenvattingDto(r, ownStatus),
    reminderSchedule: plan.reminders.map((h) => ({ kind: h.kind, werkdagenBefore: h.werkdagenBefore, date: h.date })),
    organisations: organisations.map(toOrganisatieDto),
  };
}
