import type { VendorId } from '../core/model';

/** What can go wrong on the wire; tests switch these on to prove the client copes. */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'reset-before-headers' }
  | { kind: 'reset-mid-body' }
  | { kind: 'truncated-json' }
  | { kind: 'html-200' }
  | { kind: 'slow-headers'; ms: number }
  | { kind: 'trickle'; chunkBytes: number; intervalMs: number }
  | { kind: 'hang' }
  | { kind: 'redirect'; location: string; status?: number }
  | { kind: 'wrong-content-length' }
  | { kind: 'raw-body'; body: string; contentType?: string }
  | { kind: 'huge'; bytes: number };

export interface FaultRule {
  fault: Fault;
  /** Only requests to this vendor; all vendors when absent. */
  vendor?: VendorId;
  /** Only requests whose URL query has these values (say `{ pageNumber: '2' }`). */
  query?: Readonly<Record<string, string>>;
  /** Let this many matching requests through untouched first. */
  skip?: number;
  /** Apply to this many requests, then stop (default: every matching request). */
  times?: number;
}

interface ActiveRule extends FaultRule {
  seen: number;
  applied: number;
}

/** The faults switched on for an emulator; each request takes at most one. */
export class FaultController {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, seen: 0, applied: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, counting it against every matching rule. `latency` rules stack with others. */
  take(vendor: VendorId, query: URLSearchParams): { latencyMs: number; fault?: Fault } {
    let latencyMs = 0;
    let fault: Fault | undefined;
    for (const rule of this.rules) {
      if (rule.vendor && rule.vendor !== vendor) continue;
      if (rule.query && Object.entries(rule.query).some(([name, value]) => query.get(name) !== value)) continue;
      rule.seen++;
      if (rule.seen <= (rule.skip ?? 0)) continue;
      if (rule.times !== undefined && rule.applied >= rule.times) continue;
      if (rule.fault.kind === 'latency') {
        rule.applied++;
        latencyMs += rule.fault.ms;
      } else if (!fault) {
        rule.applied++;
        fault = rule.fault;
      }
    }
    return { latencyMs, fault };
  }
}
