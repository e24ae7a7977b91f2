/** The shapes of GET|POST /uitvraagrondes (the API's UitvraagrondeDto and UitvraagrondeSamenvattingDto). */
export type UitvraagStatus = 'ingediend' | 'nog_niet_ingediend' | 'te_laat';
export type HerinneringKind = '10_werkdagen' | '5_werkdagen' | 'sluitingsdag';

export interface UitvraagrondeSamenvatting {
  id: string;
  name: string;
  year: number;
  openedAt: string;
  closingDate: string;
  status: 'open' | 'gesloten';
  closedAt: string | null;
  createdBy: { subject: string; name: string; role: string };
  expected: number;
  submitted: number;
  late: number;
  ownStatus: UitvraagStatus | null;
}

export interface UitvraagOrganisatie {
  code: string;
  name: string;
  status: UitvraagStatus;
  standId: string | null;
  submittedAt: string | null;
  onTime: boolean | null;
  lateSince: string | null;
  reminders: { kind: HerinneringKind; sentAt: string }[];
}

export interface Uitvraagronde extends UitvraagrondeSamenvatting {
  reminderSchedule: { kind: HerinneringKind; werkdagenBefore: number; date: string }[];
  organisations: UitvraagOrganisatie[];
}

export const STATUS_TEKST: Record<UitvraagStatus, string> = {
  ingediend: 'Ingediend',
  nog_niet_ingediend: 'Nog niet ingediend',
  te_laat: 'Te laat: niet ingediend vóór de sluiting',
};

export const HERINNERING_TEKST: Record<HerinneringKind, string> = {
  '10_werkdagen': '10 werkdagen vóór de sluiting',
  '5_werkdagen': '5 werkdagen vóór de sluiting',
  sluitingsdag: 'op de sluitingsdag',
};

export const RONDE_STATUS_TEKST: Record<'open' | 'gesloten', string> = { open: 'Open', gesloten: 'Gesloten' };
