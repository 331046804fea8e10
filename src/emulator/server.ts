import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isVendorId, VENDORS, type VendorId } from '../core/model';
import { Dataset, type DatasetOptions } from './dataset';
import { FaultController, type Fault } from './faults';
import type { EmulatorRequest, EmulatorResponse, RouteContext, VendorRoute } from './types';

export interface EmulatorOptions {
  port?: number;
  host?: string;
  data?: DatasetOptions;
  /** Latency added to every request. */
  latencyMs?: number;
  /** Enforce documented vendor rate limits (default true). */
  rateLimits?: boolean;
  /** The emulator's clock (default Date.now). */
  now?: () => number;
  routes: readonly VendorRoute[];
}

export interface RequestLogEntry {
  vendor: VendorId;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** A real HTTP server on loopback that speaks the vendor APIs under `/<vendor>` prefixes. */
export class Emulator {
  readonly faults = new FaultController();
  /** Every request received, for tests that assert what was sent. */
  readonly requests: RequestLogEntry[] = [];
  readonly dataset: Dataset;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly routes: Map<VendorId, VendorRoute>;
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(private readonly options: EmulatorOptions) {
    this.dataset = new Dataset(options.data);
    this.routes = new Map(options.routes.map((route) => [route.vendor, route]));
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(options: EmulatorOptions): Promise<Emulator> {
    const emulator = new Emulator(options);
    await new Promise<void>((resolve, reject) => {
      emulator.server.once('error', reject);
      emulator.server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    return emulator;
  }

  get origin(): string {
    const address = this.server.address() as AddressInfo;
    return `http://${address.address}:${address.port}`;
  }

  /** The base URL to give a connection of this vendor. */
  baseUrl(vendor: VendorId): string {
    return `${this.origin}/${vendor}`;
  }

  /** Open client sockets: tests use it to prove cancelled requests free their connection. */
  get openSockets(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const [, prefix = '', ...rest] = url.pathname.split('/');
    const text = await readBody(req);
    if (!isVendorId(prefix) || !this.routes.has(prefix)) {
      send(res, { status: 404, body: { message: `No vendor at /${prefix}. Try one of: ${VENDORS.join(', ')}` } });
      return;
    }
    const vendor = prefix;
    const request: EmulatorRequest = {
      method: req.method ?? 'GET',
      path: `/${rest.join('/')}`,
      query: url.searchParams,
      headers: req.headers,
      body: parseJson(text),
    };
    this.requests.push({
      vendor, method: request.method, path: request.path,
      query: Object.fromEntries(url.searchParams), body: request.body, headers: { ...req.headers },
    });
    const { latencyMs, fault } = this.faults.take(vendor, url.searchParams);
    const delay = latencyMs + (this.options.latencyMs ?? 0);
    if (delay > 0) await this.sleep(delay);
    if (res.destroyed) return;
    if (fault) {
      await this.applyFault(fault, res, () => this.route(vendor, request));
      return;
    }
    send(res, this.route(vendor, request));
  }

  private route(vendor: VendorId, request: EmulatorRequest): EmulatorResponse {
    try {
      const context: RouteContext = {
        dataset: this.dataset,
        now: this.options.now ?? Date.now,
        rateLimits: this.options.rateLimits ?? true,
      };
      return (this.routes.get(vendor) as VendorRoute).handle(request, context);
    } catch (error) {
      return { status: 500, body: { message: `emulator: ${(error as Error).message}` } };
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.timers.delete(timer); resolve(); }, ms);
      this.timers.add(timer);
    });
  }

  private async applyFault(fault: Fault, res: ServerResponse, real: () => EmulatorResponse): Promise<void> {
    switch (fault.kind) {
      case 'latency':
        send(res, real());
        return;
      case 'status':
        send(res, { status: fault.status, headers: fault.headers, body: fault.body ?? { message: `emulated ${fault.status}` } });
        return;
      case 'reset-before-headers':
        res.socket?.destroy();
        return;
      case 'reset-mid-body': {
        const text = serialize(real().body);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        await this.sleep(20);
        res.socket?.destroy();
        return;
      }
      case 'truncated-json': {
        const text = serialize(real().body);
        send(res, { status: 200, body: text.slice(0, Math.floor(text.length / 2)) });
        return;
      }
      case 'html-200':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html><body><h1>Sign in</h1><p>Your session has expired.</p></body></html>');
        return;
      case 'slow-headers':
        await this.sleep(fault.ms);
        if (!res.destroyed) send(res, real());
        return;
      case 'trickle': {
        const text = serialize(real().body);
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < text.length && !res.destroyed; i += fault.chunkBytes) {
          res.write(text.slice(i, i + fault.chunkBytes));
          await this.sleep(fault.intervalMs);
        }
        if (!res.destroyed) res.end();
        return;
      }
      case 'hang':
        return; // never answers; the socket stays open until the client gives up or close()
      case 'redirect':
        res.writeHead(fault.status ?? 302, { location: fault.location });
        res.end();
        return;
      case 'wrong-content-length': {
        const text = serialize(real().body);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text) + 100) });
        res.end(text);
        return;
      }
      case 'raw-body':
        res.writeHead(200, { 'content-type': fault.contentType ?? 'application/json' });
        res.end(fault.body);
        return;
      case 'huge': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        res.write('{"padding":"');
        for (let sent = 0; sent < fault.bytes && !res.destroyed; sent += chunk.length) {
          if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
        }
        if (!res.destroyed) res.end('"}');
        return;
      }
    }
  }
}

function serialize(body: unknown): string {
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function send(res: ServerResponse, response: EmulatorResponse): void {
  if (res.destroyed) return;
  const text = serialize(response.body);
  res.writeHead(response.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...response.headers,
  });
  res.end(text);
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
