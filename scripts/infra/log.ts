/**
 * Minimal logger for the infrastructure starters. Writes to stderr so that
 * stdout stays clean for scripts that print machine-readable output.
 */
export function infraLog(msg: string): void {
  process.stderr.write(`[infra] ${msg}\n`);
}
