import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '@kp/shared/config';

export interface OutgoingMail {
  /** The notification id: the Message-ID and, for the file transport, the file name. */
  id: string;
  to: string[];
  subject: string;
  text: string;
  headers?: Record<string, string>;
}

/**
 * Sends e-mail. Only the DeliveryDispatcher calls it (never a workflow activity). A third party: tests use a real
 * SMTP receiver on a local port, or replace it (`{ provide: MailGateway, useValue: fake }`).
 */
export abstract class MailGateway {
  /** False when MAIL_TRANSPORT=none: nothing is sent. */
  abstract readonly enabled: boolean;
  /** Sends one mail; throws when it could not be handed over. */
  abstract send(mail: OutgoingMail): Promise<void>;
}

/**
 * Nodemailer per MAIL_TRANSPORT: 'smtp' through SMTP_URL; 'file' writes `${DATA_DIR}/mail/<id>.eml` (one file per
 * notification, so a retry overwrites instead of duplicating); 'none' sends nothing.
 */
@Injectable()
export class NodemailerMailGateway extends MailGateway implements OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private transporter: Transporter | null = null;
  readonly enabled: boolean;

  constructor(private readonly config: AppConfig) {
    super();
    this.enabled = config.MAIL_TRANSPORT !== 'none';
  }

  get mailDir(): string {
    return path.resolve(this.config.DATA_DIR, 'mail');
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.enabled) return;
    const domain = this.config.MAIL_FROM.split('@')[1] ?? 'knelpunten.example';
    const message = {
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: `<${mail.id}@${domain}>`,
      headers: mail.headers,
    };
    if (this.config.MAIL_TRANSPORT === 'file') {
      const info: { message: Buffer } = await this.transport().sendMail(message);
      await mkdir(this.mailDir, { recursive: true });
      const file = path.join(this.mailDir, `${mail.id}.eml`);
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, info.message);
      await rename(tmp, file);
      this.logger.log(`Mail ${mail.id} geschreven naar ${file}`);
      return;
    }
    await this.transport().sendMail(message);
    this.logger.log(`Mail ${mail.id} verstuurd aan ${mail.to.length} adres(sen)`);
  }

  onModuleDestroy(): void {
    this.transporter?.close();
    this.transporter = null;
  }

  private transport(): Transporter {
    if (!this.transporter) {
      this.transporter =
        this.config.MAIL_TRANSPORT === 'smtp'
          ? // Bounded, so a send always ends well within the dispatcher's lease (DELIVERY_LEASE_MS).
            createTransport({
              url: this.config.SMTP_URL as string,
              connectionTimeout: 10_000,
              greetingTimeout: 10_000,
              socketTimeout: 30_000,
            })
          : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    }
    return this.transporter;
  }
}
