import type { VendorId } from '../model';

/** A fully built request: the shared request builder produces it, the HTTP client sends it. */
export interface HttpRequest {
  vendor: VendorId;
  method: 'GET' | 'POST';
  url: string;
  /** Includes auth headers: the client must never log or echo them. */
  headers: Record<string, string>;
  /** JSON text for POST bodies. */
  body?: string;
  /** Safe to retry. Search POSTs are idempotent. */
  idempotent: boolean;
  /** Requests sharing a key share a rate budget (e.g. one Descope project). */
  rateLimit?: RateLimit & { key: string };
  /** Told when the client waits (rate limit or Retry-After), so callers can say so. */
  onWait?: (info: WaitInfo) => void;
  signal?: AbortSignal;
}

export interface RateLimit {
  requests: number;
  perMs: number;
}

export interface WaitInfo {
  reason: 'rate-limit' | 'retry-after' | 'backoff';
  ms: number;
  attempt?: number;
  /** The HTTP status that led to this wait; absent when the vendor did not answer at all. */
  status?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON body (undefined for an empty body). */
  json: unknown;
  /** Bytes received. */
  bytes: number;
  durationMs: number;
  /** The vendor's request id header, when it sent one. */
  requestId?: string;
}

export interface HttpClientOptions {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Overall deadline for one request including retries. */
  deadlineMs: number;
  maxRetries: number;
  /** Longest Retry-After the client will wait; beyond it the error says how long the vendor asked. */
  retryAfterCeilingMs: number;
  maxResponseBytes: number;
  /** Explicit proxy; otherwise HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment. */
  proxyUrl?: string;
  /** Extra CA certificate(s), PEM text. */
  ca?: string;
  maxConnectionsPerOrigin: number;
  /** First retry backoff ceiling; doubles per attempt (full jitter picks below it). */
  backoffBaseMs?: number;
  /** Largest backoff between retries. */
  backoffMaxMs?: number;
  /**
   * Pace requests to each vendor's documented rate limit (default true). Only benchmarks
   * against an emulator started with `rateLimits: false` turn it off, to measure raw throughput.
   */
  enforceRateLimits?: boolean;
}

export interface HttpClient {
  /**
   * Sends a request, retrying resets, 429, 502, 503 and 504 for idempotent requests.
   * Resolves with any 2xx response; throws AuditLensError for everything else.
   * Non-2xx statuses throw an HttpStatusError carrying the parsed body so the caller can
   * map the vendor's error body.
   */
  send(request: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}
