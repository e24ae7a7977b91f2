import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const handles = (globalThis as Record<string, unknown>).__KP_HANDLES__ as
    { pg: { stop(): Promise<void> }; temporal: { stop(): Promise<void> } } | undefined;
  // Temporal first: in server mode it keeps its state in that PostgreSQL.
  await handles?.temporal.stop().catch(() => undefined);
  await handles?.pg.stop().catch(() => undefined);
  if (process.env.KP_TEST_ROOT) rmSync(process.env.KP_TEST_ROOT, { recursive: true, force: true });
}
