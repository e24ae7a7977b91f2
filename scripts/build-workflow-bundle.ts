/** Prebuilds the workflow bundle for production (the worker reads it from WORKFLOW_BUNDLE_PATH). */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows') });
  writeFileSync(out, code);
  console.log(`workflow bundle: ${out}`);
}
main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
