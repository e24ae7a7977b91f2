/** Custom search attributes of the knelpunt workflow (registered on the server by the start-up scripts). */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA_STATUS = defineSearchAttributeKey('KnelpuntStatus', SearchAttributeType.KEYWORD);
export const SA_ORGANISATIE = defineSearchAttributeKey('Organisatie', SearchAttributeType.KEYWORD);
export const SA_DRIEHOEK = defineSearchAttributeKey('Driehoek', SearchAttributeType.KEYWORD);
export const SA_VOLGENDE_TERMIJN = defineSearchAttributeKey('VolgendeTermijn', SearchAttributeType.DATETIME);
