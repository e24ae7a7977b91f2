/**
 * Time-skipping Temporal test server for the jest harness.
 *
 * @temporalio/testing's TestWorkflowEnvironment.createTimeSkipping normally
 * downloads a native build of the Java test server from temporal.download,
 * which is not reachable here. tools/temporal-test-server/run.sh runs the same
 * server from Maven Central (io.temporal:temporal-test-server) on the JVM and
 * is passed to the SDK as an "existing-path" executable:
 *
 *   const env = await TestWorkflowEnvironment.createTimeSkipping({
 *     server: { executable: timeSkippingServerExecutable() },
 *   });
 *   await registerSearchAttributes(env.connection); // the test server knows no custom ones
 *
 * Not supported by the test server: ListWorkflowExecutions / CountWorkflowExecutions
 * (visibility queries) and ListSearchAttributes; use the dev server for those.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Connection } from '@temporalio/client';
import { infraLog } from './log';
import { SEARCH_ATTRIBUTES, type SearchAttributeTypeName } from './temporal-dev-server';

const WRAPPER = path.join('tools', 'temporal-test-server', 'run.sh');

/** Finds tools/temporal-test-server/run.sh from this file (works from src and from dist) or the cwd. */
function wrapperPath(): string {
  const starts = [__dirname, process.cwd()];
  for (const start of starts) {
    let dir = path.resolve(start);
    for (;;) {
      const candidate = path.join(dir, WRAPPER);
      if (fs.existsSync(candidate)) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`Could not find ${WRAPPER} (searched upwards from ${starts.join(' and ')})`);
}

/** Value for `server.executable` of TestWorkflowEnvironment.createTimeSkipping. */
export function timeSkippingServerExecutable(): { type: 'existing-path'; path: string } {
  return { type: 'existing-path', path: wrapperPath() };
}

let preparing: Promise<void> | undefined;

/**
 * Resolves and caches the test server's classpath (Maven) up front, so that
 * the first createTimeSkipping() does not exceed the SDK's 5 s start-up wait.
 * Cheap (a few ms) once cached. Call it from jest's globalSetup.
 */
export function prepareTimeSkippingServer(): Promise<void> {
  preparing ??= new Promise<void>((resolve, reject) => {
    const started = Date.now();
    execFile(wrapperPath(), ['--prepare'], { timeout: 10 * 60_000 }, (err, _stdout, stderr) => {
      if (err) {
        preparing = undefined;
        reject(new Error(`Preparing the Temporal test server failed: ${err.message}\n${stderr}`));
        return;
      }
      const ms = Date.now() - started;
      if (ms > 1000) infraLog(`time-skipping test server classpath resolved in ${ms} ms`);
      resolve();
    });
  });
  return preparing;
}

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

function grpcCode(err: unknown): number | undefined {
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
 * ListSearchAttributes, hence the one-by-one fallback. Also works against a
 * dev server (where startTemporalDevServer already registers them).
 * Call it once per environment, after createTimeSkipping().
 */
export async function registerSearchAttributes(
  connection: Connection,
  namespace = 'default',
  attributes: Record<string, SearchAttributeTypeName> = SEARCH_ATTRIBUTES,
): Promise<void> {
  let known: Set<string> | undefined;
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    known = new Set([...Object.keys(existing.customAttributes ?? {}), ...Object.keys(existing.systemAttributes ?? {})]);
  } catch (err) {
    if (grpcCode(err) !== GRPC_UNIMPLEMENTED) throw err;
  }
  const missing = Object.entries(attributes).filter(([name]) => !known?.has(name));
  if (missing.length === 0) return;
  if (known) {
    const searchAttributes: Record<string, IndexedValueType> = {};
    for (const [name, type] of missing) searchAttributes[name] = INDEXED_VALUE_TYPES[type] as IndexedValueType;
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
    return;
  }
  // No way to list: add one at a time and treat ALREADY_EXISTS as success.
  for (const [name, type] of missing) {
    try {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: { [name]: INDEXED_VALUE_TYPES[type] as IndexedValueType },
      });
    } catch (err) {
      if (grpcCode(err) !== GRPC_ALREADY_EXISTS) throw err;
    }
  }
}
