/**
 * Wraps the real HTTP client and notes what went through it: the requests the engine built
 * (for the baseline to replay), bytes received, response times and rate-limit waits.
 */
import type { HttpClient, HttpRequest, WaitInfo } from '../../src/core/http/types';

export interface SentRequest {
  method: HttpRequest['method'];
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Exchange {
  request: SentRequest;
  /** performance.now() when the engine called send(). */
  calledAt: number;
  /** The emulator's response time as the client measured it (request out to body in). */
  durationMs: number;
  bytes: number;
  waits: WaitInfo[];
}

export class RecordingClient implements HttpClient {
  exchanges: Exchange[] = [];
  /** Most send() calls that were waiting for an answer at once: the engine's real concurrency. */
  maxInFlight = 0;
  /** Calls to send() so far, answered or not. */
  calls = 0;
  private inFlight = 0;

  /** `onWait` hears each wait as the client starts it (before the request goes out). */
  constructor(private readonly inner: HttpClient, private readonly onWait?: (info: WaitInfo) => void) {}

  async send(request: HttpRequest): Promise<Awaited<ReturnType<HttpClient['send']>>> {
    const calledAt = performance.now();
    const waits: WaitInfo[] = [];
    this.calls++;
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    let response;
    try {
      response = await this.inner.send({
        ...request,
        onWait: (info) => {
          waits.push(info);
          this.onWait?.(info);
          request.onWait?.(info);
        },
      });
    } finally {
      this.inFlight--;
    }
    this.exchanges.push({
      request: { method: request.method, url: request.url, headers: request.headers, body: request.body },
      calledAt,
      durationMs: response.durationMs,
      bytes: response.bytes,
      waits,
    });
    return response;
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
