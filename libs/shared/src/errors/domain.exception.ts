import { ErrorCode } from './error-codes';

export interface InvalidParam {
  name: string;
  reason: string;
}

/**
 * A domain error with a code; the problem filter maps it to application/problem+json.
 * `detail` is a Dutch sentence for the user; `extra` adds members such as `allowed`.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly invalidParams: InvalidParam[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'DomainException';
  }

  static validation(invalidParams: InvalidParam[], detail?: string): DomainException {
    return new DomainException(
      ErrorCode.VALIDATION,
      detail ?? invalidParams.map((p) => `${p.name}: ${p.reason}`).join('; '),
      invalidParams,
    );
  }

  static notFound(detail: string): DomainException {
    return new DomainException(ErrorCode.NOT_FOUND, detail);
  }

  static forbidden(detail: string): DomainException {
    return new DomainException(ErrorCode.FORBIDDEN, detail);
  }

  static unauthenticated(detail: string): DomainException {
    return new DomainException(ErrorCode.UNAUTHENTICATED, detail);
  }
}
