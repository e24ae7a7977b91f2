import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainException, ErrorCode, HTTP_STATUS_BY_CODE, TITLE_BY_CODE } from '../errors';
import { MAX_INVALID_PARAMS } from './validation';
import { isDatabaseUnavailable } from '../database/connection-errors';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  invalidParams?: { name: string; reason: string }[];
  [key: string]: unknown;
}

const GENERIC_DETAIL_BY_STATUS: Record<number, [ErrorCode, string]> = {
  400: [ErrorCode.VALIDATION, 'Het verzoek is ongeldig.'],
  401: [ErrorCode.UNAUTHENTICATED, 'Een geldig toegangstoken is vereist.'],
  403: [ErrorCode.FORBIDDEN, 'U heeft geen toegang tot deze handeling.'],
  404: [ErrorCode.NOT_FOUND, 'De gevraagde bron bestaat niet.'],
  405: [ErrorCode.VALIDATION, 'Deze methode is niet toegestaan op deze bron.'],
  406: [ErrorCode.VALIDATION, 'Het gevraagde antwoordformaat wordt niet ondersteund.'],
  413: [ErrorCode.PAYLOAD_TOO_LARGE, 'Het verzoek is groter dan toegestaan.'],
  415: [ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Het Content-Type van het verzoek wordt niet ondersteund.'],
  429: [ErrorCode.RATE_LIMITED, 'Te veel verzoeken; probeer het later opnieuw.'],
};

/** Seconds a client waits before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 5;

/** Maps every error to RFC 9457 application/problem+json; a 500 gets an id that is also logged. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const problem = this.toProblem(exception);
    problem.instance = request.url;
    // A 503 is temporary by definition: say when to try again (the same Idempotency-Key makes that retry safe).
    if (problem.status === 503) void reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
    void reply.status(problem.status).header('Content-Type', 'application/problem+json').send(problem);
  }

  toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainException) {
      const status = HTTP_STATUS_BY_CODE[exception.code];
      const problem: ProblemDetails = {
        type: `https://knelpunten.example/problemen/${exception.code.toLowerCase()}`,
        title: TITLE_BY_CODE[exception.code],
        status,
        detail: exception.detail,
        code: exception.code,
        ...exception.extra,
      };
      if (exception.invalidParams.length > 0) problem.invalidParams = exception.invalidParams.slice(0, MAX_INVALID_PARAMS);
      const cut = exception.invalidParams.length - (problem.invalidParams?.length ?? 0);
      if (cut > 0) problem.invalidParamsTruncated = Number(problem.invalidParamsTruncated ?? 0) + cut;
      return problem;
    }
    const status = this.statusOf(exception);
    if (status !== undefined && status < 500) {
      const [code, detail] = GENERIC_DETAIL_BY_STATUS[status] ?? [ErrorCode.VALIDATION, 'Het verzoek kan niet worden verwerkt.'];
      return {
        type: `https://knelpunten.example/problemen/${code.toLowerCase()}`,
        title: TITLE_BY_CODE[code],
        status,
        detail: this.fastifyDetail(exception) ?? detail,
        code,
      };
    }
    const errorId = randomUUID();
    // The database out of reach (down, restarting, pool exhausted) is temporary: 503, not 500, and no stack in the log.
    const databaseDown = isDatabaseUnavailable(exception);
    if (databaseDown)
      this.logger.warn(`Database niet bereikbaar (${errorId}): ${exception instanceof Error ? exception.message : String(exception)}`);
    else
      this.logger.error(
        `Interne fout ${errorId}: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`,
      );
    const unavailable = status === 503 || databaseDown;
    const code = unavailable ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.INTERNAL;
    return {
      type: `https://knelpunten.example/problemen/${code.toLowerCase()}`,
      title: TITLE_BY_CODE[code],
      status: unavailable ? 503 : 500,
      detail: databaseDown
        ? `De gegevensopslag is tijdelijk niet bereikbaar; probeer het over enkele seconden opnieuw (foutnummer ${errorId}).`
        : `Er ging iets mis aan onze kant. Vermeld foutnummer ${errorId} als u contact opneemt.`,
      code,
      errorId,
    };
  }

  private statusOf(exception: unknown): number | undefined {
    if (exception instanceof HttpException) return exception.getStatus();
    if (typeof exception === 'object' && exception !== null) {
      const s = (exception as { statusCode?: unknown }).statusCode;
      if (typeof s === 'number') return s;
    }
    return undefined;
  }

  /** Fastify's own client errors (malformed JSON, body too large, bad content type) in Dutch. */
  private fastifyDetail(exception: unknown): string | undefined {
    const code = (exception as { code?: unknown }).code;
    const message = exception instanceof Error ? exception.message : '';
    if (/JSON/.test(message)) return 'De body is geen geldige JSON.';
    if (/body is too large/i.test(message)) return 'De body is groter dan toegestaan.';
    if (/Unsupported Media Type/i.test(message))
      return 'Het Content-Type van het verzoek wordt niet ondersteund (gebruik application/json of text/csv).';
    switch (code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return 'De body is geen geldige JSON.';
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return 'De body is groter dan toegestaan.';
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return 'Het Content-Type van het verzoek wordt niet ondersteund (gebruik application/json of text/csv).';
      default:
        if ((exception as { name?: unknown }).name === 'SyntaxError') return 'De body is geen geldige JSON.';
        return undefined;
    }
  }
}
