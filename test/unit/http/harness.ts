import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient } from '../../../src/core/http/client';
import type { HttpClient, HttpClientOptions, HttpRequest, WaitInfo } from '../../../src/core/http/types';
import type { Logger } from '../../../src/core/log';
import { Emulator } from '../../../src/emulator/server';
import type { VendorRoute } from '../../../src/emulator/types';

/** A tiny JSON API: `/zluri/pages?page=N` answers one page of three items. */
export const pagesRoute: VendorRoute = {
  vendor: 'zluri',
  handle(request) {
    const page = Number(request.query.get('page') ?? '1');
    return {
      status: 200,
      headers: { 'x-request-id': `req-${page}` },
      body: { page, items: [1, 2, 3].map((n) => ({ id: `p${page}-${n}`, note: 'x'.repeat(200) })) },
    };
  },
};

export function startEmulator(): Promise<Emulator> {
  return Emulator.start({ routes: [pagesRoute] });
}

/** Fast retries for tests; everything else at the production defaults unless overridden. */
export function testClient(options: Partial<HttpClientOptions> & { logger?: Logger } = {}): HttpClient {
  return createHttpClient({ backoffBaseMs: 5, backoffMaxMs: 20, ...options });
}

export function pageRequest(emulator: Emulator, extra: Partial<HttpRequest> = {}, page = 1): HttpRequest {
  return {
    vendor: 'zluri',
    method: 'GET',
    url: `${emulator.baseUrl('zluri')}/pages?page=${page}`,
    headers: { accept: 'application/json' },
    idempotent: true,
    ...extra,
  };
}

export function waitsOf(request: HttpRequest): WaitInfo[] {
  const waits: WaitInfo[] = [];
  request.onWait = (info) => waits.push(info);
  return waits;
}

/** Runs `promise`, expecting it to reject, and returns the rejection. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** A logger that keeps every line, for asserting what reaches logs. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { lines, trace: keep('trace'), debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
}

/** A second real server that records every request it receives (headers included). */
export async function startRecordingServer(): Promise<{ origin: string; host: string; received: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const received: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    received.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"stolen":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Polls until `check` holds (or gives up after `ms`), for effects that settle asynchronously. */
export async function eventually(check: () => boolean, ms = 3000): Promise<boolean> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}
