import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainException, ErrorCode, InvalidParam } from '../errors';
import { findInvalidCharacters } from './invalid-characters';

/** Dutch reasons for class-validator constraints that carry no explicit message. */
const DUTCH_REASONS: Record<string, string> = {
  whitelistValidation: 'is geen toegestaan veld',
  isNotEmpty: 'is verplicht',
  isDefined: 'is verplicht',
  isString: 'moet tekst zijn',
  isInt: 'moet een geheel getal zijn',
  isBoolean: 'moet true of false zijn',
  isArray: 'moet een lijst zijn',
  isObject: 'moet een object zijn',
  isUuid: 'moet een geldige UUID zijn',
  isUUID: 'moet een geldige UUID zijn',
  isDateString: 'moet een datum zijn (JJJJ-MM-DD)',
  isISO8601: 'moet een datum zijn (JJJJ-MM-DD)',
  isUrl: 'moet een geldige URL zijn',
  isIn: 'heeft geen toegestane waarde',
  isEnum: 'heeft geen toegestane waarde',
  nestedValidation: 'moet een object zijn',
};

export function flattenValidationErrors(errors: ValidationError[], parent = ''): InvalidParam[] {
  const out: InvalidParam[] = [];
  for (const e of errors) {
    const isIndex = /^\d+$/.test(e.property);
    const name = parent ? (isIndex ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const reasons = Object.entries(e.constraints ?? {}).map(([key, message]) => translate(key, message));
    // A missing or empty value breaks every rule of its field at once; "is verplicht" says it all.
    const missing = e.value === undefined || e.value === null || (typeof e.value === 'string' && e.value.trim() === '');
    const required = reasons.find((r) => r.startsWith('is verplicht'));
    if (missing && reasons.length > 1) out.push({ name, reason: required ?? 'is verplicht' });
    else for (const reason of reasons) out.push({ name, reason });
    if (e.children && e.children.length > 0) out.push(...flattenValidationErrors(e.children, name));
  }
  return out;
}

/** At most this many field errors are listed in a problem; `invalidParamsTruncated` says how many more there were. */
export const MAX_INVALID_PARAMS = 50;

/** A 400 for these field errors: the first {@link MAX_INVALID_PARAMS} listed and in `detail`, the rest counted. */
export function validationException(params: InvalidParam[]): DomainException {
  const shown = params.slice(0, MAX_INVALID_PARAMS);
  const more = params.length - shown.length;
  const detail = shown.map((p) => `${p.name}: ${p.reason}`).join('; ') + (more > 0 ? `; en nog ${more} andere fouten` : '');
  return new DomainException(ErrorCode.VALIDATION, detail, shown, more > 0 ? { invalidParamsTruncated: more } : {});
}

function translate(key: string, message: string): string {
  // Messages set explicitly in DTOs are Dutch already; class-validator defaults are English.
  const looksEnglish = /\b(must|should|property|each value)\b/.test(message);
  if (!looksEnglish) return message;
  return DUTCH_REASONS[key] ?? 'is ongeldig';
}

/**
 * The global pipe, before any DTO rule: every string of a body, query or path parameter (at any depth, keys
 * too) without NUL or lone surrogates, else a 400 naming each field (`bevat een ongeldig teken`).
 */
class KnelpuntenValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const invalid = findInvalidCharacters(value, metadata.data ?? (typeof value === 'object' ? '' : metadata.type));
      if (invalid.length > 0) throw DomainException.validation(invalid);
    }
    return super.transform(value, metadata);
  }
}

/** The one global ValidationPipe: no invalid characters, whitelist, forbid unknown fields, transform; Dutch field errors. */
export function createValidationPipe(): ValidationPipe {
  return new KnelpuntenValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationException(flattenValidationErrors(errors)),
  });
}
