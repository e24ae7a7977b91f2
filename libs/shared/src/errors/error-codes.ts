/** Error codes shared by the API, the use cases and the Temporal activities (ApplicationFailure.type). */
export enum ErrorCode {
  VALIDATION = 'VALIDATIE_FOUT',
  NOT_FOUND = 'NIET_GEVONDEN',
  DECISION_NOT_ALLOWED = 'BESLISSING_NIET_TOEGESTAAN',
  CONFLICT = 'CONFLICT',
  UNAUTHENTICATED = 'NIET_GEAUTHENTICEERD',
  FORBIDDEN = 'GEEN_TOEGANG',
  RATE_LIMITED = 'TE_VEEL_VERZOEKEN',
  PAYLOAD_TOO_LARGE = 'VERZOEK_TE_GROOT',
  UNSUPPORTED_MEDIA_TYPE = 'MEDIATYPE_NIET_ONDERSTEUND',
  SERVICE_UNAVAILABLE = 'DIENST_NIET_BESCHIKBAAR',
  INTERNAL = 'INTERNE_FOUT',
}

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  [ErrorCode.VALIDATION]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.DECISION_NOT_ALLOWED]: 409,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.INTERNAL]: 500,
};

export const TITLE_BY_CODE: Record<ErrorCode, string> = {
  [ErrorCode.VALIDATION]: 'Ongeldige invoer',
  [ErrorCode.NOT_FOUND]: 'Niet gevonden',
  [ErrorCode.DECISION_NOT_ALLOWED]: 'Beslissing niet toegestaan in de huidige status',
  [ErrorCode.CONFLICT]: 'Conflict',
  [ErrorCode.UNAUTHENTICATED]: 'Niet geauthenticeerd',
  [ErrorCode.FORBIDDEN]: 'Geen toegang',
  [ErrorCode.RATE_LIMITED]: 'Te veel verzoeken',
  [ErrorCode.PAYLOAD_TOO_LARGE]: 'Verzoek te groot',
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 'Mediatype niet ondersteund',
  [ErrorCode.SERVICE_UNAVAILABLE]: 'Dienst tijdelijk niet beschikbaar',
  [ErrorCode.INTERNAL]: 'Interne fout',
};
