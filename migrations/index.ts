import { Init1763800000000 } from './1763800000000-init';
import { QueueOrderIndex1764100000000 } from './1764100000000-queue-order-index';
import { Lifecycle1763900000000 } from './1763900000000-lifecycle';
import { Audit1764000000000 } from './1764000000000-audit';

/** All migrations in order; the data source reads this list (no glob: works the same in ts and dist). */
export const MIGRATIONS = [Init1763800000000, Lifecycle1763900000000, Audit1764000000000, QueueOrderIndex1764100000000];
