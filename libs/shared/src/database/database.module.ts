import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config';
import { dataSourceOptions } from './data-source';

@Module({})
export class DatabaseModule {
  /** The API migrates at start-up (when RUN_MIGRATIONS); the worker never does, to avoid two migrators. */
  static forRoot(options: { migrate: boolean }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            if (!config.DATABASE_URL) throw new Error('DATABASE_URL ontbreekt (start via npm run up of zet DATABASE_URL)');
            return { ...dataSourceOptions(config.DATABASE_URL), migrationsRun: options.migrate && config.RUN_MIGRATIONS };
          },
        }),
      ],
    };
  }
}
