import { DomainException } from '@kp/shared/errors';

/** Checks for the untyped Temporal payloads of the ACU activities; throw a validation DomainException. */
export function assertUuid(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
    throw DomainException.validation([{ name, reason: 'moet een geldige UUID zijn' }]);
  }
}

export function assertText(name: string, value: unknown, max: number): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') throw DomainException.validation([{ name, reason: 'is verplicht' }]);
  if (value.length > max) throw DomainException.validation([{ name, reason: `mag maximaal ${max} tekens bevatten` }]);
}

export function assertInstant(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw DomainException.validation([{ name, reason: 'moet een ISO-tijdstip zijn' }]);
  }
}
