/**
 * Item 4: heap held by 100,000 normalized events of one vendor in the panel host's holder
 * (each in a fresh process, so nothing else is on the heap), against the bytes of raw JSON
 * the vendor sent for them.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { VENDORS, type VendorId } from '../src/core/model';
import type { Figure } from './lib/figures';

const run = promisify(execFile);
const MB = 1024 * 1024;

interface Probe {
  heldBytes: number;
  peakBytes: number;
  rawBytes: number;
  events: number;
  sharingMs: number;
}

async function probe(origin: string, vendor: VendorId): Promise<Probe> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'memoryProbe.ts'), origin, vendor], {
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as Probe;
}

export async function benchMemory(origin: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const vendor of VENDORS) {
    const result = await probe(origin, vendor);
    figures.push({
      section: '4 memory',
      name: `${vendor}: heap held ÷ raw JSON, ${Math.round(result.events / 1000)}k`,
      value: result.heldBytes / result.rawBytes,
      unit: '×',
      budget: { max: 2 },
      note: `held ${(result.heldBytes / MB).toFixed(0)} MB, raw ${(result.rawBytes / MB).toFixed(0)} MB, peak while fetching ${(result.peakBytes / MB).toFixed(0)} MB; sharing strings took ${result.sharingMs.toFixed(0)} ms`,
    });
  }
  return figures;
}
