import { Init1763800000000 } from './1763800000000-init';
import { QueueOrderIndex1764100000000 } from './1764100000000-queue-order-index';
import { Lifecycle1763900000000 } from './1763900000000-lifecycle';
import { Audit1764000000000 } from './1764000000000-audit';
import { TimelineTransitionsIndex1764250000000 } from './1764250000000-timeline-transitions-index';
import { WebSessions1764300000000 } from './1764300000000-web-sessions';
import { StandenListIndex1764370000000 } from './1764370000000-standen-list-index';
import { DeliveryOutbox1765000000000 } from './1765000000000-delivery-outbox';
import { ClusterSuggesties1765100000000 } from './1765100000000-cluster-suggesties';
import { RapportagePublicaties1765200000000 } from './1765200000000-rapportage-publicaties';
import { KnelpuntVerwijzingen1765300000000 } from './1765300000000-knelpunt-verwijzingen';
import { KnelpuntenStandIndex1765350000000 } from './1765350000000-knelpunten-stand-index';
import { Uitvraagrondes1765460000000 } from './1765460000000-uitvraagrondes';

/** All migrations in order; the data source reads this list (no glob: works the same in ts and dist). */
export const MIGRATIONS = [
  Init1763800000000,
  Lifecycle1763900000000,
  Audit1764000000000,
  QueueOrderIndex1764100000000,
  TimelineTransitionsIndex1764250000000,
  WebSessions1764300000000,
  StandenListIndex1764370000000,
  DeliveryOutbox1765000000000,
  ClusterSuggesties1765100000000,
  RapportagePublicaties1765200000000,
  KnelpuntVerwijzingen1765300000000,
  KnelpuntenStandIndex1765350000000,
  Uitvraagrondes1765460000000,
];
