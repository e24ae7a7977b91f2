/**
 * Worker settings that production (docker-compose.yml) gives the worker by default, beyond the SDK's own defaults.
 * The benchmark runs its worker with the same values, and the compose test checks that the file says the same.
 *
 * WORKER_STICKY_TIMEOUT_SECONDS 300: when 10,000 reminders fall due together, the worker needs ~3 minutes on two cores
 * to work through them; with the SDK's 10 s, the tasks still queued after 10 s went to the normal queue with their full
 * history and were replayed, which doubled the work (measured by the benchmark's timer storm, see the README). The cost
 * is after a crash (a graceful stop hands the sticky queue back): tasks already queued for the dead worker wait up to
 * this long, and decisions on those knelpunten are answered 503 with Retry-After meanwhile.
 */
export const PRODUCTION_WORKER_ENV: Readonly<Record<string, string>> = {
  WORKER_STICKY_TIMEOUT_SECONDS: '300',
};
