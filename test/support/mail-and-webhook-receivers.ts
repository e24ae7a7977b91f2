/**
 * Real receivers for the delivery outbox's tests and drills: a minimal SMTP server (RFC 5321 subset: EHLO/HELO,
 * MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS, no AUTH) and an HTTP webhook receiver, both on 127.0.0.1. "Down"
 * means nothing listens on the port (connection refused), exactly as for a mail server that is gone.
 */
import { createServer as createHttpServer, IncomingHttpHeaders, Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, Server as TcpServer, Socket } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** the Message-ID header as sent, e.g. `<uuid@domain>` */
  messageId: string | null;
  subject: string | null;
  raw: string;
}

function header(raw: string, name: string): string | null {
  const headers = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
  return match ? match[1]!.trim() : null;
}

export class SmtpReceiver {
  readonly messages: ReceivedMail[] = [];
  private server: TcpServer | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(readonly port: number) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Distinct Message-IDs received. */
  messageIds(): Set<string> {
    return new Set(this.messages.map((m) => m.messageId ?? ''));
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createTcpServer((socket) => this.session(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: this.port, host: '127.0.0.1', exclusive: true }, () => resolve());
    });
    this.server = server;
  }

  /** Stops listening and drops every open session (the mail server goes away). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
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
          data += buffer;
          buffer = '';
          const end = data.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const body = data.slice(0, end);
          buffer = data.slice(end + 5);
          inData = false;
          data = '';
          const raw = body.replace(/^\.\./gm, '.');
          this.messages.push({ from, to, messageId: header(raw, 'Message-ID'), subject: header(raw, 'Subject'), raw });
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
  body: Record<string, unknown>;
  status: number;
}

/** An HTTP receiver of webhook calls; answers `status` (204 by default; 503 to simulate a failing receiver). */
export class WebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  status = 204;
  private server: HttpServer | null = null;

  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/webhook`;
  }

  /** The calls that were accepted (2xx). */
  accepted(): ReceivedCall[] {
    return this.calls.filter((c) => c.status >= 200 && c.status < 300);
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          // not JSON: recorded empty
        }
        const status = this.status;
        this.calls.push({ headers: req.headers, body, status });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: this.port, host: '127.0.0.1', exclusive: true }, () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
