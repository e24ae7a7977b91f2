import { MinisterieEntity } from '@kp/referentie/entities/ministerie.entity';
import { OrganisatieEntity } from '@kp/referentie/entities/organisatie.entity';
import { DriehoekEntity } from '@kp/referentie/entities/driehoek.entity';
import { StandEntity } from '@kp/intake/entities/stand.entity';
import { WorkflowStartEntity } from '@kp/intake/entities/workflow-start.entity';
import { IdempotencyKeyEntity } from '@kp/intake/entities/idempotency-key.entity';
import { KnelpuntEntity } from '@kp/knelpunten/entities/knelpunt.entity';
import { TimelineEntryEntity } from '@kp/knelpunten/entities/timeline-entry.entity';

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
];
