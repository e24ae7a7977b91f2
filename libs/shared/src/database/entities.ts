import { MinisterieEntity } from '@kp/referentie/entities/ministerie.entity';
import { OrganisatieEntity } from '@kp/referentie/entities/organisatie.entity';
import { DriehoekEntity } from '@kp/referentie/entities/driehoek.entity';
import { StandEntity } from '@kp/intake/entities/stand.entity';
import { WorkflowStartEntity } from '@kp/intake/entities/workflow-start.entity';
import { IdempotencyKeyEntity } from '@kp/intake/entities/idempotency-key.entity';
import { KnelpuntEntity } from '@kp/knelpunten/entities/knelpunt.entity';
import { TimelineEntryEntity } from '@kp/knelpunten/entities/timeline-entry.entity';
import { DeadlinePolicyEntity } from '@kp/termijnen/entities/deadline-policy.entity';
import { GelijkgesteldeDagEntity } from '@kp/termijnen/entities/gelijkgestelde-dag.entity';
import { NotificationEntity } from '@kp/notificaties/entities/notification.entity';
import { NotificationContactEntity } from '@kp/notificaties/entities/notification-contact.entity';
import { AcuMeetingEntity } from '@kp/acu/entities/acu-meeting.entity';
import { AcuAgendaItemEntity } from '@kp/acu/entities/acu-agenda-item.entity';
import { AcuClusterEntity, AcuClusterMemberEntity } from '@kp/acu/entities/acu-cluster.entity';
import { AuditLogEntity } from '../audit/audit-log.entity';

/** Every TypeORM entity of the application (the schema itself lives in migrations/). */
export const ENTITIES = [
  MinisterieEntity,
  OrganisatieEntity,
  DriehoekEntity,
  StandEntity,
  WorkflowStartEntity,
  IdempotencyKeyEntity,
  KnelpuntEntity,
  TimelineEntryEntity,
  DeadlinePolicyEntity,
  GelijkgesteldeDagEntity,
  NotificationEntity,
  NotificationContactEntity,
  AcuMeetingEntity,
  AcuAgendaItemEntity,
  AcuClusterEntity,
  AcuClusterMemberEntity,
  AuditLogEntity,
];
