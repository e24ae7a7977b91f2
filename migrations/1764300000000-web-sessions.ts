import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-side sessions of the web app (the API as backend-for-frontend). The browser holds only an opaque random id
 * in the httpOnly cookie kp_sessie; this table keeps the SHA-256 hash of that id (never the id itself), a snapshot of
 * the principal and the tokens (access, refresh and ID token), which never reach the browser.
 * A row with status 'pending' is a login in progress at the OIDC provider (state, nonce, PKCE code_verifier,
 * returnTo), keyed by the hash of the short-lived kp_login cookie and taken exactly once by the callback.
 */
export class WebSessions1764300000000 implements MigrationInterface {
  name = 'WebSessions1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE web_sessions (
      id_hash bytea PRIMARY KEY CHECK (octet_length(id_hash) = 32),
      status varchar(16) NOT NULL CHECK (status IN ('pending', 'active')),
      mode varchar(8) NOT NULL CHECK (mode IN ('dev', 'oidc')),
      subject varchar(200),
      display_name varchar(300),
      role varchar(32),
      organisation varchar(16),
      driehoek varchar(16),
      access_token text,
      access_expires_at timestamptz,
      refresh_token text,
      id_token text,
      login_state varchar(200),
      login_nonce varchar(200),
      code_verifier varchar(200),
      return_to varchar(2000),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      refreshed_at timestamptz,
      expires_at timestamptz NOT NULL,
      CONSTRAINT web_sessions_active_complete CHECK (status <> 'active'
        OR (subject IS NOT NULL AND display_name IS NOT NULL AND role IS NOT NULL AND access_token IS NOT NULL AND access_expires_at IS NOT NULL)),
      CONSTRAINT web_sessions_pending_complete CHECK (status <> 'pending'
        OR (login_state IS NOT NULL AND login_nonce IS NOT NULL AND code_verifier IS NOT NULL AND return_to IS NOT NULL)))`);
    await q.query(`CREATE INDEX web_sessions_expires_idx ON web_sessions (expires_at)`);
    // All sessions of one user (e.g. to end them when an account is blocked).
    await q.query(`CREATE INDEX web_sessions_subject_idx ON web_sessions (subject) WHERE status = 'active'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS web_sessions_subject_idx`);
    await q.query(`DROP INDEX IF EXISTS web_sessions_expires_idx`);
    await q.query(`DROP TABLE IF EXISTS web_sessions`);
  }
}
