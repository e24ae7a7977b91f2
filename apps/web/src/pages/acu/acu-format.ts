/** Dutch wording for the ACU pages (presentation only). */
import type { AcuAgendaItem, AcuMeeting } from '../../api/types';
import { BESLISSING_LABELS, label } from '../../labels';

/** The meeting's own title; a meeting of the default calendar is a "Reguliere ACU-vergadering". */
export function meetingName(m: Pick<AcuMeeting, 'title' | 'autoCreated'>): string {
  if (m.autoCreated) return 'Reguliere ACU-vergadering';
  return m.title ?? 'ACU-vergadering';
}

/** "Doorgeschoven (2×)" for an item carried over from earlier meetings; null for a first time on the agenda. */
export function carriedOverText(item: Pick<AcuAgendaItem, 'carryOverCount'>): string | null {
  return item.carryOverCount > 0 ? `Doorgeschoven (${item.carryOverCount}×)` : null;
}

/** What happened to the item at this meeting, in words. */
export function agendaItemStatusText(item: Pick<AcuAgendaItem, 'status' | 'decision'>): string {
  switch (item.status) {
    case 'geagendeerd':
      return 'Te bespreken';
    case 'doorgeschoven':
      return 'Niet besloten: doorgeschoven naar de volgende vergadering';
    case 'besloten':
      return item.decision ? `Besloten: ${label(BESLISSING_LABELS, item.decision)}` : 'Besloten';
    default:
      return item.status.replace(/_/g, ' ');
  }
}
