import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal, Rol } from '../principal';

export type SessionMode = 'dev' | 'oidc';

/** The tokens a session holds (never sent to the browser). */
export interface SessionTokens {
  accessToken: string;
  accessExpiresAt: Date;
  refreshToken: string | null;
  idToken: string | null;
}

export interface ActiveSession extends SessionTokens {
  idHash: Buffer;
  mode: SessionMode;
  principal: Principal;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** A login in progress at the OIDC provider (authorization-code flow with PKCE). */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

interface SessionRow {
  id_hash: Buffer;
  mode: SessionMode;
  subject: string;
  display_name: string;
  role: Rol;
  organisation: string | null;
  driehoek: string | null;
  access_token: string;
  access_expires_at: Date;
  refresh_token: string | null;
  id_token: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

const SESSION_COLUMNS = `id_hash, mode, subject, display_name, role, organisation, driehoek, access_token, access_expires_at,
  refresh_token, id_token, created_at, last_seen_at, expires_at`;

const toSession = (r: SessionRow): ActiveSession => ({
  idHash: r.id_hash,
  mode: r.mode,
  principal: { subject: r.subject, name: r.display_name, role: r.role, organisation: r.organisation, driehoek: r.driehoek },
  accessToken: r.access_token,
  accessExpiresAt: r.access_expires_at,
  refreshToken: r.refresh_token,
  idToken: r.id_token,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
});

/** TypeORM answers an UPDATE/DELETE … RETURNING on PostgreSQL with [rows, affected]. */
function returnedRows<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

/** Last-seen is written at most once a minute per session (not on every request). */
const TOUCH_INTERVAL_SECONDS = 60;

/**
 * Server-side web sessions (table web_sessions). Rows are keyed by the SHA-256 hash of the opaque cookie value;
 * the value itself is never stored. Expiry (absolute and idle) is decided by the database clock.
 */
@Injectable()
export class WebSessionRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async createSession(
    idHash: Buffer,
    input: { mode: SessionMode; principal: Principal; tokens: SessionTokens; ttlSeconds: number },
  ): Promise<void> {
    const { principal: p, tokens: t } = input;
    await this.ds.query(
      `INSERT INTO web_sessions (id_hash, status, mode, subject, display_name, role, organisation, driehoek,
         access_token, access_expires_at, refresh_token, id_token, expires_at)
       VALUES ($1, 'active', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now() + make_interval(secs => $12))`,
      [
        idHash,
        input.mode,
        p.subject,
        p.name,
        p.role,
        p.organisation,
        p.driehoek,
        t.accessToken,
        t.accessExpiresAt,
        t.refreshToken,
        t.idToken,
        input.ttlSeconds,
      ],
    );
  }

  /** The session when it exists, has not expired and has not been idle longer than `idleSeconds`. */
  async findActive(
    idHash: Buffer,
    idleSeconds: number,
    manager: EntityManager = this.ds.manager,
    lock = false,
  ): Promise<ActiveSession | null> {
    const rows: SessionRow[] = await manager.query(
      `SELECT ${SESSION_COLUMNS} FROM web_sessions
       WHERE id_hash = $1 AND status = 'active' AND expires_at > now() AND last_seen_at > now() - make_interval(secs => $2)
       ${lock ? 'FOR UPDATE' : ''}`,
      [idHash, idleSeconds],
    );
    return rows[0] ? toSession(rows[0]) : null;
  }

  /** Records use (for the idle timeout), at most once a minute. */
  async touch(idHash: Buffer): Promise<void> {
    await this.ds.query(
      `UPDATE web_sessions SET last_seen_at = now()
       WHERE id_hash = $1 AND status = 'active' AND last_seen_at < now() - make_interval(secs => $2)`,
      [idHash, TOUCH_INTERVAL_SECONDS],
    );
  }

  /** Runs `work` with the session row locked (renewal: one request refreshes, the others wait and reuse the result). */
  withLockedSession<T>(
    idHash: Buffer,
    idleSeconds: number,
    work: (session: ActiveSession | null, manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.ds.transaction(async (manager) => work(await this.findActive(idHash, idleSeconds, manager, true), manager));
  }

  async updateTokens(idHash: Buffer, principal: Principal, tokens: SessionTokens, manager: EntityManager = this.ds.manager): Promise<void> {
    await manager.query(
      `UPDATE web_sessions SET subject = $2, display_name = $3, role = $4, organisation = $5, driehoek = $6,
         access_token = $7, access_expires_at = $8, refresh_token = $9, id_token = $10, refreshed_at = now(), last_seen_at = now()
       WHERE id_hash = $1 AND status = 'active'`,
      [
        idHash,
        principal.subject,
        principal.name,
        principal.role,
        principal.organisation,
        principal.driehoek,
        tokens.accessToken,
        tokens.accessExpiresAt,
        tokens.refreshToken,
        tokens.idToken,
      ],
    );
  }

  /** Deletes a session (any state, also expired); answers its mode and ID token (for the provider's logout). */
  async deleteSession(
    idHash: Buffer,
    manager: EntityManager = this.ds.manager,
  ): Promise<{ mode: SessionMode; idToken: string | null } | null> {
    const rows = returnedRows<{ mode: SessionMode; id_token: string | null }>(
      await manager.query(`DELETE FROM web_sessions WHERE id_hash = $1 AND status = 'active' RETURNING mode, id_token`, [idHash]),
    );
    return rows[0] ? { mode: rows[0].mode, idToken: rows[0].id_token } : null;
  }

  async createPendingLogin(idHash: Buffer, login: PendingLogin, ttlSeconds: number): Promise<void> {
    await this.ds.query(
      `INSERT INTO web_sessions (id_hash, status, mode, login_state, login_nonce, code_verifier, return_to, expires_at)
       VALUES ($1, 'pending', 'oidc', $2, $3, $4, $5, now() + make_interval(secs => $6))`,
      [idHash, login.state, login.nonce, login.codeVerifier, login.returnTo, ttlSeconds],
    );
  }

  /** Takes a pending login exactly once (deleted in the same statement); null when unknown or expired. */
  async takePendingLogin(idHash: Buffer): Promise<PendingLogin | null> {
    const rows = returnedRows<{ login_state: string; login_nonce: string; code_verifier: string; return_to: string; live: boolean }>(
      await this.ds.query(
        `DELETE FROM web_sessions WHERE id_hash = $1 AND status = 'pending'
         RETURNING login_state, login_nonce, code_verifier, return_to, expires_at > now() AS live`,
        [idHash],
      ),
    );
    const r = rows[0];
    if (!r || !r.live) return null;
    return { state: r.login_state, nonce: r.login_nonce, codeVerifier: r.code_verifier, returnTo: r.return_to };
  }

  async deletePendingLogin(idHash: Buffer): Promise<void> {
    await this.ds.query(`DELETE FROM web_sessions WHERE id_hash = $1 AND status = 'pending'`, [idHash]);
  }

  /** Removes expired and idle sessions and abandoned logins (called when a session starts; cheap with the index). */
  async deleteExpired(idleSeconds: number): Promise<number> {
    const rows = returnedRows<{ n: number }>(
      await this.ds.query(
        `WITH gone AS (
           DELETE FROM web_sessions
           WHERE expires_at <= now() OR (status = 'active' AND last_seen_at <= now() - make_interval(secs => $1))
           RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
        [idleSeconds],
      ),
    );
    return rows[0]?.n ?? 0;
  }
}
