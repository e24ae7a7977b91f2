import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainException, ErrorCode } from '../errors';
import { checkIdempotencyKey } from './idempotency-key';

export interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * Idempotency-Key support: the first response for a (key, caller) is stored; a retry with the same body
 * gets the same response; the same key with another body is refused.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async run(header: string | undefined, subject: string, request: unknown, work: () => Promise<StoredResponse>): Promise<StoredResponse> {
    const key = checkIdempotencyKey(header);
    if (key === undefined) return work();
    const hash = createHash('sha256')
      .update(JSON.stringify(request ?? null))
      .digest('hex');
    const existing = await this.find(key, subject);
    if (existing) return this.replay(existing, hash);
    const response = await work();
    await this.ds.query(
      `INSERT INTO idempotency_keys (key, subject, request_hash, response_status, response_body) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (key, subject) DO NOTHING`,
      [key, subject, hash, response.status, JSON.stringify(response.body)],
    );
    const stored = await this.find(key, subject);
    return stored ? this.replay(stored, hash) : response;
  }

  private async find(key: string, subject: string): Promise<{ hash: string; status: number; body: unknown } | null> {
    const rows: { hash: string; status: number; body: unknown }[] = await this.ds.query(
      `SELECT request_hash AS hash, response_status AS status, response_body AS body FROM idempotency_keys WHERE key = $1 AND subject = $2`,
      [key, subject],
    );
    return rows[0] ?? null;
  }

  private replay(stored: { hash: string; status: number; body: unknown }, hash: string): StoredResponse {
    if (stored.hash !== hash) {
      throw new DomainException(ErrorCode.CONFLICT, 'Deze Idempotency-Key is al gebruikt voor een ander verzoek.', [
        { name: 'Idempotency-Key', reason: 'al gebruikt met een andere inhoud' },
      ]);
    }
    return { status: stored.status, body: stored.body };
  }
}
