import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { concatMap, from, Observable } from 'rxjs';
import { AuditLogRepository, AuditRecord } from './audit-log.repository';

/** Methods that change nothing are not audited. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const MAX_VALUE_LENGTH = 200;

/** The principal as the AuthGuard left it on the request (typed loosely: shared must not depend on toegang). */
interface AuditPrincipal {
  subject: string;
  name: string;
  role: string;
  organisation: string | null;
  driehoek: string | null;
}

/** The id (or code) of the resource a response is about, when it names one. */
function resourceIdOf(result: unknown): string | null {
  if (typeof result !== 'object' || result === null) return null;
  const r = result as Record<string, unknown>;
  for (const key of ['id', 'clusterId', 'code']) {
    if (typeof r[key] === 'string') return (r[key] as string).slice(0, MAX_VALUE_LENGTH);
  }
  return null;
}

function paramsOf(request: FastifyRequest): Record<string, string> {
  const raw = (request.params ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v).slice(0, MAX_VALUE_LENGTH)]));
}

/**
 * Global (APP_INTERCEPTOR): writes one audit_log row for every successful non-GET request, before the response goes
 * out: the principal (subject, display name, role, organisation, driehoek), method, route pattern, path parameters,
 * the resource id of the answer and the status. The request body is never recorded (privacy); failed requests are not
 * recorded (they changed nothing). Knelpunt changes are in addition kept in their own timeline.
 *
 * An audit write that fails is logged as an error but does not turn the committed change into a 500 (a client would
 * retry a change that already happened).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');
  private readonly repo: AuditLogRepository;

  constructor(@InjectDataSource() ds: DataSource) {
    this.repo = new AuditLogRepository(ds);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { principal?: AuditPrincipal | null }>();
    if (READ_METHODS.has(request.method)) return next.handle();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(concatMap((result: unknown) => from(this.record(request, reply, result).then(() => result))));
  }

  private async record(
    request: FastifyRequest & { principal?: AuditPrincipal | null },
    reply: FastifyReply,
    result: unknown,
  ): Promise<void> {
    const p = request.principal ?? null;
    const record: AuditRecord = {
      actorSubject: p?.subject ?? null,
      actorName: p?.name ?? null,
      actorRole: p?.role ?? null,
      actorOrganisation: p?.organisation ?? null,
      actorDriehoek: p?.driehoek ?? null,
      method: request.method,
      route: request.routeOptions.url ?? request.url.split('?')[0]!,
      params: paramsOf(request),
      resourceId: resourceIdOf(result),
      status: reply.statusCode,
      requestId: String(request.id),
    };
    try {
      await this.repo.append(record);
    } catch (err) {
      this.logger.error(
        `audit record of ${record.method} ${record.route} by ${record.actorSubject ?? 'anoniem'} failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}
