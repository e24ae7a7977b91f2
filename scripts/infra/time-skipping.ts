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
import { infraLog } from './log';

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

export { registerSearchAttributes } from './search-attributes';
