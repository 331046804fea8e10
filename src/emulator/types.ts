import type { IncomingHttpHeaders } from 'node:http';
import type { VendorId } from '../core/model';
import type { Dataset } from './dataset';

/** A request as a vendor route sees it: the vendor prefix already stripped from the path. */
export interface EmulatorRequest {
  method: string;
  /** Path after the vendor prefix, e.g. `/api/v1/audit/search`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when empty; the raw text when it is not JSON. */
  body: unknown;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON unless it is already a string. */
  body: unknown;
}

/** What a route may consult besides the request. */
export interface RouteContext {
  dataset: Dataset;
  /** The emulator's clock (tests pin it). */
  now(): number;
  /** Enforce the vendors' documented rate limits (on by default; benchmarks may switch it off). */
  rateLimits: boolean;
}

/** One vendor API, served under `/<vendor>` on the emulator. */
export interface VendorRoute {
  vendor: VendorId;
  handle(request: EmulatorRequest, context: RouteContext): EmulatorResponse;
}
