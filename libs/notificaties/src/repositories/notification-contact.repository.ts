import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RecipientRole } from '../entities/notification.entity';

@Injectable()
export class NotificationContactRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The e-mail addresses of a recipient group. */
  async emailsFor(role: RecipientRole, scope: string | null): Promise<string[]> {
    const rows: { email: string }[] =
      scope === null
        ? await this.ds.query(`SELECT email FROM notification_contacts WHERE role = $1 AND scope IS NULL ORDER BY email`, [role])
        : await this.ds.query(`SELECT email FROM notification_contacts WHERE role = $1 AND upper(scope) = upper($2) ORDER BY email`, [
            role,
            scope,
          ]);
    return rows.map((r) => r.email);
  }
}
