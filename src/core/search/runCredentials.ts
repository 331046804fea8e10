import type { Credentials } from '../model';
import type { SearchTarget } from './types';

/**
 * The credential one connection's run sends. When the vendor refuses it part-way through, the
 * target may offer a newer one (`SearchTarget.renewCredentials`: a renewed login token, or a
 * credential the user replaced); it is asked once, however many pages in flight were refused.
 */
export class RunCredentials {
  private current: Credentials;
  /** Every credential this run sent: an error about any of them must not show it. */
  private readonly sent: Credentials[];
  private renewal?: { refused: Credentials; done: Promise<boolean> };

  constructor(private readonly target: SearchTarget, private readonly signal: AbortSignal) {
    this.current = target.credentials;
    this.sent = [target.credentials];
  }

  get value(): Credentials {
    return this.current;
  }

  secrets(): Array<string | undefined> {
    return this.sent.flatMap(({ token, appKey }) => [token, appKey]);
  }

  /** After `refused` was refused: true when another credential is now in place, worth sending the page again with. */
  async renewAfterRefusal(refused: Credentials): Promise<boolean> {
    if (refused !== this.current) return true; // a page beside this one already renewed it
    if (this.renewal) return this.renewal.refused === refused && this.renewal.done;
    const { target, signal } = this;
    if (!target.renewCredentials || signal.aborted) return false;
    const renewed = Promise.resolve().then(() => target.renewCredentials?.(refused, signal));
    const done = untilAborted(renewed, signal).then((next) => {
      if (!next || (next.token === refused.token && next.appKey === refused.appKey)) return false;
      this.current = next;
      this.sent.push(next);
      return true;
    }, () => false); // no newer credential to be had: the vendor's refusal is the error to show
    this.renewal = { refused, done };
    return done;
  }
}

/** `work`'s result, or undefined as soon as `signal` aborts: a renewal must not hold up a cancelled search. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
