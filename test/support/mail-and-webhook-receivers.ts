/**
 * Real receivers for the delivery outbox's integration tests and for the drills: a minimal SMTP server (RFC 5321
 * subset: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no STARTTLS, no AUTH; enough for nodemailer) and an HTTP
 * webhook receiver, both real servers on 127.0.0.1 on a free port. Each can be switched off (`off()`: nothing
 * listens, connections are refused, exactly as for a server that is gone) and on again on the same port, and
 * records what it received: Message-IDs of the mails, Idempotency-Keys and headers of the webhook calls.
 */
import { createServer as createHttpServer, IncomingHttpHeaders, Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, Server as TcpServer, Socket } from 'node:net';
import { freePort } from '../../scripts/infra/ports';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** the Message-ID header as sent, e.g. `<uuid@domain>` */
  messageId: string | null;
  subject: string | null;
  raw: string;
  at: Date;
}

/** Reads one header (unfolded) from a raw RFC 5322 message. */
function header(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
  return match ? match[1]!.trim() : null;
}

/** Values seen more than once. */
function repeated(values: (string | null)[]): string[] {
  const seen = new Map<string, number>();
  for (const v of values) seen.set(v ?? '', (seen.get(v ?? '') ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([v]) => v);
}

/** A minimal SMTP server; every message accepted with "250" after DATA is recorded in `messages`. */
export class SmtpReceiver {
  readonly messages: ReceivedMail[] = [];
  private server: TcpServer | null = null;
  private readonly sockets = new Set<Socket>();

  private constructor(readonly port: number) {}

  /** A receiver on a free port, not yet listening (the mail server is down until `on()`). */
  static async create(): Promise<SmtpReceiver> {
    return new SmtpReceiver(await freePort());
  }

  /** A receiver on a free port, listening. */
  static async start(): Promise<SmtpReceiver> {
    const receiver = await SmtpReceiver.create();
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
    return repeated(this.messages.map((m) => m.messageId));
  }

  async on(): Promise<void> {
    if (this.server) return;
    const server = createTcpServer((socket) => this.session(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: this.port, host: '127.0.0.1', exclusive: true }, () => resolve());
    });
    this.server = server;
  }

  /** Closes the port and drops every open session (a mail server that went away). */
  async off(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private session(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setEncoding('utf8');
    const reply = (line: string): void => {
      if (!socket.destroyed) socket.write(`${line}\r\n`);
    };
    let buffer = '';
    let inData = false;
    let data = '';
    let from = '';
    let to: string[] = [];
    reply('220 127.0.0.1 ESMTP test receiver');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) {
            // Keep the tail that could start the terminator.
            data += buffer.slice(0, Math.max(0, buffer.length - 4));
            buffer = buffer.slice(Math.max(0, buffer.length - 4));
            return;
          }
          data += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          const raw = data.replace(/^\.\./gm, '.');
          data = '';
          if (this.server === null) {
            // Switched off mid-message: the message is not accepted.
            socket.destroy();
            return;
          }
          this.messages.push({
            from,
            to,
            messageId: header(raw, 'Message-ID'),
            subject: header(raw, 'Subject'),
            raw,
            at: new Date(),
          });
          from = '';
          to = [];
          reply('250 2.0.0 OK: queued');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') {
          reply('250-127.0.0.1');
          reply('250-8BITMIME');
          reply('250 SMTPUTF8');
        } else if (verb === 'HELO') reply('250 127.0.0.1');
        else if (verb === 'MAIL') {
          from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          to = [];
          reply('250 2.1.0 OK');
        } else if (verb === 'RCPT') {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply('250 2.1.5 OK');
        } else if (verb === 'DATA') {
          inData = true;
          data = '';
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'RSET') {
          from = '';
          to = [];
          reply('250 2.0.0 OK');
        } else if (verb === 'NOOP') reply('250 2.0.0 OK');
        else if (verb === 'QUIT') {
          reply('221 2.0.0 Bye');
          socket.end();
          return;
        } else reply('502 5.5.2 Command not implemented');
      }
    });
  }
}

export interface ReceivedCall {
  headers: IncomingHttpHeaders;
  /** the Idempotency-Key header, if one was sent */
  idempotencyKey: string | null;
  /** the JSON body (empty when the body was not JSON) */
  body: Record<string, unknown>;
  /** the status this receiver answered */
  status: number;
  at: Date;
}

export type WebhookMode = 'ok' | 'unavailable';

/**
 * A webhook receiver on `url`: answers `status` (204 by default; 503 with Retry-After to simulate a failing
 * receiver, also settable as `mode`), or is switched off altogether (port closed). Every call is recorded in
 * `calls` with its headers and the status answered; `delivered` are the accepted (2xx) ones.
 */
export class WebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  status = 204;
  private server: HttpServer | null = null;

  private constructor(readonly port: number) {}

  /** A receiver on a free port, not yet listening. */
  static async create(): Promise<WebhookReceiver> {
    return new WebhookReceiver(await freePort());
  }

  /** A receiver on a free port, listening. */
  static async start(): Promise<WebhookReceiver> {
    const receiver = await WebhookReceiver.create();
    await receiver.on();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/webhook`;
  }

  get listening(): boolean {
    return this.server !== null;
  }

  /** `ok` answers 204; `unavailable` answers 503. */
  get mode(): WebhookMode {
    return this.status >= 200 && this.status < 300 ? 'ok' : 'unavailable';
  }

  set mode(mode: WebhookMode) {
    this.status = mode === 'ok' ? 204 : 503;
  }

  /** The calls that were accepted (2xx). */
  get delivered(): ReceivedCall[] {
    return this.calls.filter((c) => c.status >= 200 && c.status < 300);
  }

  /** How many calls were refused (not 2xx). */
  get refused(): number {
    return this.calls.length - this.delivered.length;
  }

  /** Distinct Idempotency-Keys of the delivered calls. */
  keys(): string[] {
    return [...new Set(this.delivered.map((c) => c.idempotencyKey ?? '(geen Idempotency-Key)'))];
  }

  /** Idempotency-Keys delivered more than once. */
  duplicates(): string[] {
    return repeated(this.delivered.map((c) => c.idempotencyKey));
  }

  async on(): Promise<void> {
    if (this.server) return;
    const server = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let body: Record<string, unknown> = {};
        try {
          const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          if (parsed !== null && typeof parsed === 'object') body = parsed as Record<string, unknown>;
        } catch {
          // not JSON: recorded empty
        }
        const status = this.status;
        const key = req.headers['idempotency-key'];
        this.calls.push({ headers: req.headers, idempotencyKey: typeof key === 'string' ? key : null, body, status, at: new Date() });
        res.writeHead(status, status === 503 ? { 'retry-after': '5' } : {}).end();
      });
    });
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: this.port, host: '127.0.0.1', exclusive: true }, () => resolve());
    });
    this.server = server;
  }

  /** Closes the port and drops every open connection. */
  async off(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
