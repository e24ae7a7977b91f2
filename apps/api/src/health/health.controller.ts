import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { Public } from '@kp/toegang/decorators';
import { TemporalClientService } from '@kp/temporal';

/** How long /health waits for Temporal before it reports it down. */
const HEALTH_TIMEOUT_MS = 3000;

class ComponentHealthDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
}

class HealthDto {
  @ApiProperty({ enum: ['up', 'degraded', 'down'] }) status: 'up' | 'degraded' | 'down';
  @ApiProperty({ type: ComponentHealthDto }) postgres: ComponentHealthDto;
  @ApiProperty({ type: ComponentHealthDto }) temporal: ComponentHealthDto;
}

@ApiTags('beheer')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly temporal: TemporalClientService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Gezondheid van de API, PostgreSQL en Temporal' })
  @ApiOkResponse({ type: HealthDto })
  async getHealth(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    // Straight on TypeORM's own pg pool (the one every query uses): a probe needs no query runner, whose bookkeeping
    // (runner, broadcaster, logger, result object) costs more CPU than the SELECT 1 itself.
    const pg = await Promise.resolve()
      .then(() => (this.ds.driver as PostgresDriver).master.query('SELECT 1') as Promise<unknown>)
      .then(() => true)
      .catch(() => false);
    let timer: NodeJS.Timeout | undefined;
    const temporal = await Promise.race([
      this.temporal.isHealthy(),
      new Promise<boolean>((r) => {
        timer = setTimeout(() => r(false), HEALTH_TIMEOUT_MS).unref();
      }),
    ]).finally(() => clearTimeout(timer));
    const status = pg && temporal ? 'up' : pg ? 'degraded' : 'down';
    // Intake keeps working without Temporal (the outbox): degraded is still 200.
    void reply.status(status === 'down' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    return { status, postgres: { status: pg ? 'up' : 'down' }, temporal: { status: temporal ? 'up' : 'down' } };
  }
}
