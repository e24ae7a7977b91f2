import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '@kp/toegang/decorators';
import { TemporalClientService } from '@kp/temporal';

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
    const pg = await this.ds
      .query('SELECT 1')
      .then(() => true)
      .catch(() => false);
    const temporal = await Promise.race([this.temporal.isHealthy(), new Promise<boolean>((r) => setTimeout(() => r(false), 3000).unref())]);
    const status = pg && temporal ? 'up' : pg ? 'degraded' : 'down';
    // Intake keeps working without Temporal (the outbox): degraded is still 200.
    void reply.status(status === 'down' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    return { status, postgres: { status: pg ? 'up' : 'down' }, temporal: { status: temporal ? 'up' : 'down' } };
  }
}
