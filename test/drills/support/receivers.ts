/**
 * Local stand-ins for the outside world of the drills: an SMTP receiver and a webhook receiver, both real
 * servers on 127.0.0.1 that can be switched off (port closed) and on again on the same port, recording every
 * message they accepted.
 */
import net from 'node:net';
import http from 'node:http';
import { freePort } from '../../../scripts/infra/ports';

export interface ReceivedMail {
  messageId: string | null;
  from: string;
  to: string[];
  subject: string | null;
  at: Date;
}

/** Reads one header (unfolded) from a raw RFC 5322 message. */
function header(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
  return match ? match[1]!.trim() : null;
}

/**
 * A minimal SMTP server (RFC 5321 subset: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no STARTTLS, no AUTH),
 * enough for nodemailer. Every message accepted with "250" after DATA is recorded.
 */
export class SmtpReceiver {
  readonly messages: ReceivedMail[] = [];
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();

  private constructor(readonly port: number) {}

  static async start(): Promise<SmtpReceiver> {
    const receiver = new SmtpReceiver(await freePort());
    await receiver.on();
    return receiver;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get listening(): boolean {
    return this.server !== null;
  }

  /** Distinct Message-IDs received. */
  messageIds(): string[] {
    return [...new Set(this.messages.map((m) => m.messageId ?? '(geen Message-ID)'))];
  }

  /** Message-IDs received more than once. */
  duplicates(): string[] {
    const seen = new Map<string, number>();
    for (const m of this.messages) seen.set(m.messageId ?? '', (seen.get(m.messageId ?? '') ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  }

  async on(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((socket) => this.session(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: this.port, host: '127.0.0.1', exclusive: true }, () => resolve());
    });
    this.server = server;
  }

  /** Closes the port and drops every open connection (a mail server that went away). */
  async off(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private session(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setEncoding('latin1');
    let buffer = '';
    let inData = false;
    let data = '';
    let from = '';
    let to: string[] = [];
    const reply = (line: string): void => {
      if (!socket.destroyed) socket.write(`${line}\r\n`);
    };
    reply('220 drill-smtp ESMTP');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) {
            // Keep the tail that could start the terminator.
            data += buffer.slice(0, Math.max(0, buffer.length - 4));
            buffer = buffer.slice(Math.max(0, buffer.length - 4));
            return;
          }
          data += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          const raw = data.replace(/^\.\./gm, '.');
          if (this.server === null) {
            socket.destroy();
            return;
          }
          this.messages.push({ messageId: header(raw, 'Message-ID'), from, to, subject: header(raw, 'Subject'), at: new Date() });
          data = '';
          from = '';
          to = [];
          reply('250 OK: queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol === -1) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        switch (verb) {
          case 'EHLO':
            reply('250-drill-smtp');
            reply('250-8BITMIME');
            reply('250 SMTPUTF8');
            break;
          case 'HELO':
            reply('250 drill-smtp');
            break;
          case 'MAIL':
            from = line.replace(/^MAIL FROM:\s*/i, '');
            to = [];
            reply('250 OK');
            break;
          case 'RCPT':
            to.push(line.replace(/^RCPT TO:\s*/i, ''));
            reply('250 OK');
            break;
          case 'DATA':
            inData = true;
            data = '';
            reply('354 End data with <CR><LF>.<CR><LF>');
            break;
          case 'RSET':
            from = '';
            to = [];
            reply('250 OK');
            break;
          case 'NOOP':
            reply('250 OK');
            break;
          case 'QUIT':
            reply('221 Bye');
            socket.end();
            return;
          default:
            reply('502 Command not implemented');
        }
      }
    });
  }
}

export interface ReceivedWebhook {
  idempotencyKey: string | null;
  body: unknown;
  at: Date;
}

export type WebhookMode = 'ok' | 'unavailable';

/**
 * A webhook receiver: answers 204 (`ok`, the call is recorded as delivered) or 503 (`unavailable`, only counted),
 * or is switched off altogether (port closed).
 */
export class WebhookReceiver {
  readonly delivered: ReceivedWebhook[] = [];
  refused = 0;
  mode: WebhookMode = 'ok';
  private server: http.Server | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(await freePort());
    await receiver.on();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/webhook`;
  }

  /** Distinct Idempotency-Key headers of the delivered calls. */
  keys(): string[] {
    return [...new Set(this.delivered.map((w) => w.idempotencyKey ?? '(geen Idempotency-Key)'))];
  }

  duplicates(): string[] {
    const seen = new Map<string, number>();
    for (const w of this.delivered) seen.set(w.idempotencyKey ?? '', (seen.get(w.idempotencyKey ?? '') ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  }

  async on(): Promise<void> {
    if (this.server) return;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.mode === 'unavailable') {
          this.refused += 1;
          res.writeHead(503, { 'retry-after': '5' }).end();
          return;
        }
        let body: unknown = null;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          body = Buffer.concat(chunks).toString('utf8');
        }
        const key = req.headers['idempotency-key'];
        this.delivered.push({ idempotencyKey: typeof key === 'string' ? key : null, body, at: new Date() });
        res.writeHead(204).end();
      });
    });
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: this.port, host: '127.0.0.1', exclusive: true }, () => resolve());
    });
    this.server = server;
  }

  async off(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
