/**
 * The body of `npm run reconcile` (scripts/reconcile.ts), apart so the tests run it in-process on the real stack.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DynamicModule, LogLevel, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigModule } from '@kp/shared/config';
import { DatabaseModule } from '@kp/shared/database';
import { TemporalModule } from '@kp/temporal';
import { ReconcileModule } from '@kp/knelpunten/use-cases/reconcile/reconcile.module';
import { ReconcileUseCase, type ReconcileReport } from '@kp/knelpunten/use-cases/reconcile/reconcile.use-case';

@Module({})
class ReconcileScriptModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: ReconcileScriptModule,
      imports: [ConfigModule.withConfig(config), DatabaseModule.forRoot({ migrate: false }), TemporalModule, ReconcileModule],
    };
  }
}

/** The report as lines of Dutch text. */
export function formatReport(report: ReconcileReport, repair: boolean): string {
  const lines = [
    `Reconciliatie ${report.checkedAt}: ${report.checked} knelpunten vergeleken met hun workflow` +
      (report.deliveriesChecked ? ', bezorgingen gecontroleerd' : ', bezorgingen niet gecontroleerd (geen bezorg-outbox)') +
      '.',
  ];
  if (report.drift.length === 0) lines.push('Geen drift.');
  else {
    lines.push(`Drift: ${report.drift.length} (${report.counts.map((c) => `${c.kind} ${c.count}`).join(', ')})`);
    for (const d of report.drift) {
      const mark = repair ? (d.repaired ? ' [hersteld]' : ' [niet hersteld]') : '';
      lines.push(`  ${d.reference ?? d.knelpuntId ?? '-'}  ${d.kind}${mark}: ${d.detail}`);
    }
    if (repair) lines.push(`Hersteld: ${report.repaired ?? 0} van ${report.drift.length}.`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Runs the reconciliation with `args` (`--repair`, `--json`), writes the report and returns the exit code:
 * 0 without drift (or when all of it was repaired), 1 when drift remains.
 */
export async function reconcileCli(
  args: string[],
  config: AppConfig,
  write: (text: string) => void,
  logger: LogLevel[] | false = ['error', 'warn'],
): Promise<number> {
  const { values } = parseArgs({ args, options: { repair: { type: 'boolean' }, json: { type: 'boolean' } }, allowPositionals: false });
  const repair = values.repair === true;
  const app = await NestFactory.createApplicationContext(ReconcileScriptModule.forConfig(config), {
    logger: values.json ? ['error'] : logger,
    // An error reaches the caller (exit code 2), not Nest's process.exit(1), which would read as "drift".
    abortOnError: false,
  });
  try {
    const report = await app.get(ReconcileUseCase).execute({ repair });
    write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, repair));
    return report.drift.some((d) => !(repair && d.repaired)) ? 1 : 0;
  } finally {
    await app.close();
  }
}
