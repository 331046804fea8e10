import type { Dispatcher } from 'undici';
import { AuditLensError, isAuditLensError } from '../errors';
import { silentLogger, type Logger } from '../log';
import { createDispatcher } from './dispatcher';
import { formatBytes, formatDuration } from './duration';
import { exchange, type RawExchange } from './exchange';
import { classifyNetworkError } from './networkErrors';
import { RateLimiter } from './rateLimiter';
import { RequestScope } from './requestScope';
import { describeTarget, requestIdOf, type RequestTarget } from './requestLog';
import { decodeErrorBody, decodeJson } from './responseBody';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from './retryPolicy';
import { HttpStatusError } from './statusErrors';
import type { HttpClient, HttpClientOptions, HttpRequest, HttpResponse, WaitInfo } from './types';
import { vendorName } from './vendorNames';

const DEFAULT_HTTP_OPTIONS: Readonly<HttpClientOptions> = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  deadlineMs: 120_000,
  maxRetries: 4,
  retryAfterCeilingMs: 120_000,
  maxResponseBytes: 64 * 1024 * 1024,
  maxConnectionsPerOrigin: 6,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  enforceRateLimits: true,
};

type Settings = Required<Omit<HttpClientOptions, 'proxyUrl' | 'ca'>> & Pick<HttpClientOptions, 'proxyUrl' | 'ca'>;

/** The one HTTP client: a pooled undici dispatcher plus retries, rate limits, deadlines and safe logging. */
export function createHttpClient(options: Partial<HttpClientOptions> & { logger?: Logger } = {}): HttpClient {
  const { logger = silentLogger, ...overrides } = options;
  const settings = { ...DEFAULT_HTTP_OPTIONS } as Settings;
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) Object.assign(settings, { [key]: value });
  }
  const dispatcher = createDispatcher(settings);
  const limiter = new RateLimiter();
  return {
    send: async (request) => new Sending(request, settings, dispatcher, limiter, logger).run(),
    close: () => dispatcher.close(),
  };
}

/** One call to `send()`: the attempts, the waits between them, and the final answer or error. */
class Sending {
  private readonly url: URL;
  private readonly target: RequestTarget;
  private readonly scope: RequestScope;

  constructor(
    private readonly request: HttpRequest,
    private readonly settings: Settings,
    private readonly dispatcher: Dispatcher,
    private readonly limiter: RateLimiter,
    private readonly logger: Logger,
  ) {
    this.url = parseUrl(request);
    this.target = describeTarget(this.url);
    this.scope = new RequestScope(request.signal, settings.deadlineMs);
  }

  async run(): Promise<HttpResponse> {
    try {
      return await this.attempts();
    } catch (error) {
      const final = this.stopError() ?? error;
      const line = `${this.label} failed: ${final instanceof Error ? final.message : 'unknown error'}`;
      if (this.scope.cause === 'cancelled') this.logger.info(line);
      else this.logger.warn(line);
      throw final;
    } finally {
      this.scope.dispose();
    }
  }

  private get label(): string {
    return `${this.request.method} ${this.request.vendor} ${this.target.host}${this.target.path}`;
  }

  private async attempts(): Promise<HttpResponse> {
    const { request, settings } = this;
    for (let attempt = 1; ; attempt++) {
      await this.waitForRateSlot(attempt);
      let raw: RawExchange;
      try {
        raw = await exchange(this.dispatcher, request, this.url, this.target.host, this.scope.signal, settings);
      } catch (error) {
        if (this.scope.cause || isAuditLensError(error)) throw error;
        const failure = classifyNetworkError(error, request.vendor, this.target.host, settings);
        if (!failure.retryable || !request.idempotent) throw failure.error;
        if (attempt > settings.maxRetries) throw gaveUp(failure.error, attempt);
        await this.pause('backoff', this.backoff(attempt), attempt, failure.error.message);
        continue;
      }
      this.logExchange(raw, attempt);
      if (raw.status >= 200 && raw.status < 300) return this.toResponse(raw);
      const retryAfterMs = parseRetryAfter(raw.headers['retry-after']);
      const fail = (waitMs?: number): HttpStatusError => new HttpStatusError(
        request.vendor, raw.status, decodeErrorBody(raw.body), raw.headers, waitMs,
        { attempts: attempt, redirectHost: redirectHostOf(raw, this.url) },
      );
      if (!isRetryableStatus(raw.status) || !request.idempotent) throw fail(retryAfterMs);
      if (retryAfterMs !== undefined && retryAfterMs > settings.retryAfterCeilingMs) throw fail(retryAfterMs);
      if (attempt > settings.maxRetries) throw fail();
      const why = `${raw.status} from ${vendorName(request.vendor)}`;
      // A Retry-After shorter than our own backoff ("0", a date just past) would send the retries back to back.
      const backoffMs = this.backoff(attempt);
      if (retryAfterMs !== undefined && retryAfterMs > backoffMs) await this.pause('retry-after', retryAfterMs, attempt, why);
      else await this.pause('backoff', backoffMs, attempt, why, raw.status);
    }
  }

  private toResponse(raw: RawExchange): HttpResponse {
    const body = raw.body ?? Buffer.alloc(0);
    return {
      status: raw.status,
      headers: raw.headers,
      json: decodeJson(body, raw.headers['content-type'], this.request.vendor, this.target.host),
      bytes: body.length,
      durationMs: raw.durationMs,
      requestId: requestIdOf(raw.headers),
    };
  }

  private async waitForRateSlot(attempt: number): Promise<void> {
    const limit = this.request.rateLimit;
    if (this.scope.cause) throw this.stopError();
    if (!limit || !this.settings.enforceRateLimits) return;
    const slot = this.limiter.reserve(limit.key, limit);
    if (slot.waitMs <= 0) return;
    // A documented rate limit is the vendor's pace, not a failure: it does not use up the deadline.
    this.scope.extendDeadline(slot.waitMs);
    try {
      await this.wait({ reason: 'rate-limit', ms: slot.waitMs, attempt }, 'rate limit of this connection');
    } catch (error) {
      slot.release();
      throw error;
    }
  }

  private async pause(reason: 'retry-after' | 'backoff', ms: number, attempt: number, why: string, status?: number): Promise<void> {
    if (reason === 'retry-after') this.scope.extendDeadline(ms);
    await this.wait({ reason, ms, attempt, ...(status !== undefined ? { status } : {}) }, why);
  }

  private async wait(info: WaitInfo, why: string): Promise<void> {
    this.logger.info(`${this.label}: waiting ${formatDuration(info.ms)} (${info.reason}: ${why}) before attempt ${info.attempt}`);
    this.request.onWait?.(info);
    await this.scope.sleep(info.ms);
  }

  private backoff(attempt: number): number {
    return backoffDelay(attempt - 1, this.settings.backoffBaseMs, this.settings.backoffMaxMs);
  }

  private logExchange(raw: RawExchange, attempt: number): void {
    const requestId = requestIdOf(raw.headers);
    this.logger.info(
      `${this.label} → ${raw.status} in ${raw.durationMs} ms, ${formatBytes(raw.body?.length ?? 0)}`
        + (requestId ? `, request id ${requestId}` : '')
        + (attempt > 1 ? ` (attempt ${attempt})` : ''),
    );
  }

  /** The error for a stopped scope: the caller cancelled, or the overall deadline passed. */
  private stopError(): AuditLensError | undefined {
    const { vendor } = this.request;
    const name = vendorName(vendor);
    switch (this.scope.cause) {
      case 'cancelled':
        return new AuditLensError('cancelled', `The request to ${name} was cancelled.`, { vendor });
      case 'deadline':
        return new AuditLensError(
          'timeout',
          `${name} at ${this.target.host} did not answer within the overall deadline of ${formatDuration(this.settings.deadlineMs)} (retries included). Try again later, or search a shorter time range.`,
          { vendor },
        );
      default:
        return undefined;
    }
  }
}

function parseUrl(request: HttpRequest): URL {
  try {
    return new URL(request.url);
  } catch {
    throw new AuditLensError('config', `The ${vendorName(request.vendor)} request address is not a valid URL. Check the base URL of this connection.`, { vendor: request.vendor });
  }
}

function gaveUp(error: AuditLensError, attempts: number): AuditLensError {
  return new AuditLensError(error.reason, `${error.message} Gave up after ${attempts} attempts.`, { vendor: error.vendor, cause: error.cause });
}

function redirectHostOf(raw: RawExchange, from: URL): string | undefined {
  if (raw.status < 300 || raw.status >= 400 || !raw.headers.location) return undefined;
  try {
    return new URL(raw.headers.location, from).host;
  } catch {
    return undefined;
  }
}
