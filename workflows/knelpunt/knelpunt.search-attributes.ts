/**
 * Custom search attributes of the knelpunt workflow: the one source of the list. The dev server, the Temporal server
 * (`TEMPORAL_MODE=server`), the time-skipping test server and docker-compose's setup job all register
 * `SEARCH_ATTRIBUTE_KEYS` (scripts/infra/search-attributes.ts, scripts/temporal-setup.ts).
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA_STATUS = defineSearchAttributeKey('KnelpuntStatus', SearchAttributeType.KEYWORD);
export const SA_ORGANISATIE = defineSearchAttributeKey('Organisatie', SearchAttributeType.KEYWORD);
export const SA_DRIEHOEK = defineSearchAttributeKey('Driehoek', SearchAttributeType.KEYWORD);
export const SA_VOLGENDE_TERMIJN = defineSearchAttributeKey('VolgendeTermijn', SearchAttributeType.DATETIME);

/** Every custom search attribute this product uses, registered on each Temporal server it runs on. */
export const SEARCH_ATTRIBUTE_KEYS = [SA_STATUS, SA_ORGANISATIE, SA_DRIEHOEK, SA_VOLGENDE_TERMIJN] as const;
