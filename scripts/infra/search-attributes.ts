/**
 * The custom search attributes and the namespace every Temporal server of this product needs, registered the same
 * way on each: the dev server (as start-dev flags), the Temporal server (`TEMPORAL_MODE=server`), the time-skipping
 * test server and docker-compose's setup job (scripts/temporal-setup.ts). The list itself has one source:
 * `SEARCH_ATTRIBUTE_KEYS` in workflows/knelpunt/knelpunt.search-attributes.ts.
 */
import type { Connection } from '@temporalio/client';
import { msToTs, type SearchAttributeType } from '@temporalio/common';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/knelpunt/knelpunt.search-attributes';

export type SearchAttributeTypeName = 'Keyword' | 'Datetime' | 'Int' | 'Text' | 'Bool' | 'Double' | 'KeywordList';

/** The SDK's type names (`KEYWORD`, `DATETIME`, …) as the server and the CLI spell them. */
const TYPE_NAMES: Record<SearchAttributeType, SearchAttributeTypeName> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

/** name → type of every custom search attribute, derived from the workflows' own keys. */
export const SEARCH_ATTRIBUTES: Record<string, SearchAttributeTypeName> = Object.fromEntries(
  SEARCH_ATTRIBUTE_KEYS.map((key) => [key.name, TYPE_NAMES[key.type]]),
);

type AddSearchAttributesRequest = Parameters<Connection['operatorService']['addSearchAttributes']>[0];
type IndexedValueType = NonNullable<AddSearchAttributesRequest['searchAttributes']>[string];

/** temporal.api.enums.v1.IndexedValueType (numeric values from the proto definition). */
const INDEXED_VALUE_TYPES: Record<SearchAttributeTypeName, number> = {
  Text: 1,
  Keyword: 2,
  Int: 3,
  Double: 4,
  Bool: 5,
  Datetime: 6,
  KeywordList: 7,
};

const GRPC_ALREADY_EXISTS = 6;
const GRPC_UNIMPLEMENTED = 12;

export function grpcCode(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Registers custom search attributes (default: SEARCH_ATTRIBUTES) through the
 * OperatorService, skipping those that already exist.
 *
 * Needed on the time-skipping test server: it rejects unknown search
 * attributes (upsert fails the workflow task with "search attribute X is not
 * defined", starting with them fails with INVALID_ARGUMENT) and starts with
 * only the system ones. It implements AddSearchAttributes but not
 * ListSearchAttributes, hence the one-by-one fallback. Also needed on the
 * Temporal server, which starts without custom attributes; harmless on a dev
 * server (where startTemporalDevServer already registers them).
 */
export async function registerSearchAttributes(
  connection: Connection,
  namespace = 'default',
  attributes: Record<string, SearchAttributeTypeName> = SEARCH_ATTRIBUTES,
): Promise<boolean> {
  let known: Set<string> | undefined;
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    known = new Set([...Object.keys(existing.customAttributes ?? {}), ...Object.keys(existing.systemAttributes ?? {})]);
  } catch (err) {
    if (grpcCode(err) !== GRPC_UNIMPLEMENTED) throw err;
  }
  const missing = Object.entries(attributes).filter(([name]) => !known?.has(name));
  if (missing.length === 0) return false;
  if (known) {
    const searchAttributes: Record<string, IndexedValueType> = {};
    for (const [name, type] of missing) searchAttributes[name] = INDEXED_VALUE_TYPES[type] as IndexedValueType;
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
    return true;
  }
  // No way to list: add one at a time and treat ALREADY_EXISTS as success.
  let added = false;
  for (const [name, type] of missing) {
    try {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: { [name]: INDEXED_VALUE_TYPES[type] as IndexedValueType },
      });
      added = true;
    } catch (err) {
      if (grpcCode(err) !== GRPC_ALREADY_EXISTS) throw err;
    }
  }
  return added;
}

/**
 * Registers the namespace if it does not exist yet (a Temporal server starts with only `temporal-system`; the dev
 * server and auto-setup used to create `default`). Retention: how long closed workflows' histories stay.
 */
export async function ensureNamespace(connection: Connection, namespace: string, retentionDays = 30): Promise<boolean> {
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`),
    });
    return true;
  } catch (err) {
    if (grpcCode(err) !== GRPC_ALREADY_EXISTS) throw err;
    return false;
  }
}
