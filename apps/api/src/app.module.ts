import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AppConfig, ConfigModule } from '@kp/shared/config';
import { DatabaseModule } from '@kp/shared/database';
import { ProblemDetailsFilter } from '@kp/shared/http';
import { ToegangModule } from '@kp/toegang/toegang.module';
import { WebSessionModule } from '@kp/toegang/web-session.module';
import { TemporalModule } from '@kp/temporal';
import { ReferentieModule } from '@kp/referentie/referentie.module';
import { IntakeModule } from '@kp/intake/intake.module';
import { KnelpuntenModule } from '@kp/knelpunten/knelpunten.module';
import { TermijnenModule } from '@kp/termijnen/termijnen.module';
import { NotificatiesModule } from '@kp/notificaties/notificaties.module';
import { AcuModule } from '@kp/acu/acu.module';
import { ReconcileModule } from '@kp/knelpunten/use-cases/reconcile/reconcile.module';
import { OpenbaarModule } from '@kp/knelpunten/openbaar/openbaar.module';
import { UitvraagModule } from '@kp/uitvraag/uitvraag.module';
import { AnalyseModule } from '@kp/knelpunten/analyse/analyse.module';
import { HealthController } from './health/health.controller';

/** The HTTP API: one module per bounded context. */
@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.withConfig(config),
        DatabaseModule.forRoot({ migrate: true }),
        TemporalModule,
        ToegangModule,
        WebSessionModule,
        ReferentieModule,
        IntakeModule,
        KnelpuntenModule,
        TermijnenModule,
        NotificatiesModule,
        AcuModule,
        ReconcileModule,
        OpenbaarModule,
        UitvraagModule,
        AnalyseModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        // The AuditInterceptor is put on every mutating route by auditMutatingRoutes (bootstrap.ts), not globally.
      ],
    };
  }
}
