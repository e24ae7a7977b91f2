import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, ConnectionOptions } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import { AppConfig } from '@kp/shared/config';

export function temporalConnectionOptions(config: AppConfig): ConnectionOptions {
  if (!config.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS ontbreekt (start via npm run up of zet TEMPORAL_ADDRESS)');
  const tls =
    config.TEMPORAL_TLS || config.TEMPORAL_TLS_CERT_PATH
      ? {
          serverRootCACertificate: config.TEMPORAL_TLS_CA_PATH ? readFileSync(config.TEMPORAL_TLS_CA_PATH) : undefined,
          clientCertPair:
            config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH
              ? { crt: readFileSync(config.TEMPORAL_TLS_CERT_PATH), key: readFileSync(config.TEMPORAL_TLS_KEY_PATH) }
              : undefined,
        }
      : undefined;
  return { address: config.TEMPORAL_ADDRESS, tls, apiKey: config.TEMPORAL_API_KEY, connectTimeout: '5s' };
}

/**
 * The Temporal client of the API process. The connection is lazy: the API starts and accepts
 * Standen while Temporal is down; calls fail until it is back (the outbox retries workflow starts).
 */
@Injectable()
export class TemporalClientService implements OnApplicationShutdown {
  private readonly logger = new Logger(TemporalClientService.name);
  private readonly connection: Connection;
  readonly client: Client;

  constructor(readonly config: AppConfig) {
    this.connection = Connection.lazy(temporalConnectionOptions(config));
    this.client = new Client({ connection: this.connection, namespace: config.TEMPORAL_NAMESPACE });
  }

  get taskQueue(): string {
    return this.config.TEMPORAL_TASK_QUEUE;
  }

  async isHealthy(): Promise<boolean> {
    try {
      await this.connection.ensureConnected();
      await this.connection.workflowService.getSystemInfo({});
      return true;
    } catch (err) {
      this.logger.debug(`Temporal niet bereikbaar: ${String(err)}`);
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}
