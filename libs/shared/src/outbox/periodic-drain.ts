/**
 * The loop behind a start-after-commit outbox (the knelpunt workflow starts, the intake-round workflow starts): drain
 * now when asked (`kick()`, right after a commit), and every `intervalMs` anyway, so work left by a crash or an outage
 * is picked up. Kicks while a drain runs are coalesced into one more drain; `stop()` waits for the running one.
 */
export class PeriodicDrain {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stoppedFlag = false;

  constructor(
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly onError: (err: unknown) => void,
  ) {}

  get stopped(): boolean {
    return this.stoppedFlag;
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.intervalMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stoppedFlag = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Schedules a drain now (coalesced with one already running). */
  kick(): void {
    if (this.stoppedFlag) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // An async wrapper: a work function that throws synchronously is reported like a rejected one.
    this.running = (async () => {
      await this.work();
    })()
      .catch((err: unknown) => this.onError(err))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves once no drain is running any more (tests, health). */
  async drain(): Promise<void> {
    this.kick();
    while (this.running) await this.running;
  }
}
