/** Why a scope stopped: the caller's signal, or the overall deadline. */
export type StopCause = 'cancelled' | 'deadline';

/**
 * One `send()`: a signal that fires when the caller aborts or the overall deadline passes,
 * and sleeps that end early when it fires. Waits the vendor or its documented rate limit
 * impose can extend the deadline, since they are not time spent failing to get an answer.
 */
export class RequestScope {
  private readonly controller = new AbortController();
  private deadlineAt: number;
  private timer: NodeJS.Timeout | undefined;
  private stopCause: StopCause | undefined;

  constructor(private readonly callerSignal: AbortSignal | undefined, deadlineMs: number) {
    this.deadlineAt = Date.now() + deadlineMs;
    if (callerSignal?.aborted) this.stop('cancelled');
    // The scope is its own listener (`handleEvent`): no closure to create for every request.
    else callerSignal?.addEventListener('abort', this, { once: true });
    this.arm();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get cause(): StopCause | undefined {
    return this.stopCause;
  }

  extendDeadline(ms: number): void {
    if (this.stopCause) return;
    this.deadlineAt += ms;
    this.arm();
  }

  /** Resolves after `ms`, or rejects as soon as the scope stops. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.controller.signal.aborted) {
        reject(this.controller.signal.reason);
        return;
      }
      const onStop = (): void => {
        clearTimeout(timer);
        reject(this.controller.signal.reason);
      };
      const timer = setTimeout(() => {
        this.controller.signal.removeEventListener('abort', onStop);
        resolve();
      }, ms);
      this.controller.signal.addEventListener('abort', onStop, { once: true });
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this);
  }

  /** The caller's signal fired. */
  handleEvent(): void {
    this.stop('cancelled');
  }

  private arm(): void {
    clearTimeout(this.timer);
    if (this.stopCause) return;
    this.timer = setTimeout(() => this.stop('deadline'), Math.max(0, this.deadlineAt - Date.now()));
  }

  private stop(cause: StopCause): void {
    if (this.stopCause) return;
    this.stopCause = cause;
    clearTimeout(this.timer);
    this.controller.abort(new Error(cause === 'cancelled' ? 'request cancelled' : 'request deadline passed'));
  }
}
