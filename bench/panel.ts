/**
 * Items 6 and 8 (panel): the built webview (dist/webview/panel.js) in headless Chromium,
 * fed protocol messages the way the host streams them (test/webview/harness.ts): time from
 * the last event chunk posted to all rows painted, a filter keystroke to repaint, and the
 * main-thread work of each frame while scrolling.
 */
import type { Browser } from 'playwright-core';
import type { AuditEvent } from '../src/core/model';
import { chunkEvents } from '../src/extension/panel/chunks';
import type { HostMessage } from '../src/shared/protocol';
import { launch, openPanel, RANGE, status, type PanelPage } from '../test/webview/harness';
import type { Figure } from './lib/figures';
import { median, percentile } from './lib/stats';

const SIZES = [1_000, 10_000, 100_000] as const;
const REPEATS: Record<number, number> = { 1_000: 5, 10_000: 3, 100_000: 3 };
const TRANSFER_BATCH = 10_000;
const SCROLL_FRAMES = 150;
const SCROLL_STEP_PX = 240;
export const TYPED = 'smith';

/** Hands the page its messages as JSON text (cheap to transfer), kept in `window.__bench`. */
export async function stage(panel: PanelPage, events: readonly AuditEvent[], runId: number): Promise<void> {
  const search: HostMessage = {
    type: 'search', runId, title: 'Audit: bench', search: { query: 'since:20d', scope: 'all' }, range: RANGE,
    connections: [{ id: 'bench', label: 'Bench', vendor: 'perfecto' }],
  };
  const done: HostMessage = { type: 'status', runId, status: status(events.length) };
  await panel.page.evaluate(([first, last]) => {
    (window as unknown as Record<string, unknown>).__bench = { first: JSON.parse(first), last: JSON.parse(last), chunks: [] };
  }, [JSON.stringify(search), JSON.stringify(done)]);
  const chunks = chunkEvents(events).map((chunk): HostMessage => ({ type: 'events', runId, connectionId: 'bench', events: chunk }));
  for (let i = 0; i < chunks.length; i += TRANSFER_BATCH / 250) {
    await panel.page.evaluate((text) => {
      ((window as unknown as { __bench: { chunks: unknown[] } }).__bench.chunks).push(...JSON.parse(text) as unknown[]);
    }, JSON.stringify(chunks.slice(i, i + TRANSFER_BATCH / 250)));
  }
}

/** In the page: streams the staged run, then times from the last chunk posted to the rows painted. */
export async function streamAndPaint(panel: PanelPage, count: number): Promise<number> {
  return panel.page.evaluate(async (expected) => {
    const bench = (window as unknown as { __bench: { first: unknown; last: unknown; chunks: unknown[] } }).__bench;
    const task = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
    const painted = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now()); // runs after this frame's style, layout and paint
      channel.port2.postMessage(0);
    }));
    window.postMessage(bench.first, '*');
    for (const chunk of bench.chunks) {
      window.postMessage(chunk, '*');
      await task();
    }
    const started = performance.now();
    window.postMessage(bench.last, '*');
    for (;;) {
      const at = await painted();
      const grid = document.querySelector('[role=grid]');
      if (grid?.getAttribute('aria-rowcount') === String(expected + 1) && document.querySelector('.table-body .row')) return at - started;
      if (at - started > 30_000) throw new Error(`rows never reached ${expected}`);
    }
  }, count);
}

/** Types `text` into the filter box one character at a time; each sample is keystroke → repaint. */
export async function keystrokes(panel: PanelPage, text: string): Promise<number[]> {
  return panel.page.evaluate(async (typed) => {
    const input = document.querySelector<HTMLInputElement>('.filter-input');
    const grid = document.querySelector('[role=grid]');
    if (!input || !grid) throw new Error('no filter box or grid');
    const samples: number[] = [];
    for (let i = 1; i <= typed.length; i++) {
      const before = grid.getAttribute('aria-rowcount');
      const started = performance.now();
      input.value = typed.slice(0, i);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      for (;;) {
        const at = await new Promise<number>((resolve) => requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now());
          channel.port2.postMessage(0);
        }));
        if (grid.getAttribute('aria-rowcount') !== before || at - started > 2_000) {
          samples.push(at - started);
          break;
        }
      }
    }
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return samples;
  }, text);
}

/**
 * Scrolls the grid a fixed step per frame. Each frame's work is timed from the frame's
 * callback (scroll set, the virtualizer told at once) to a task queued from it, which runs
 * only after that frame's render, style, layout and paint.
 */
export async function scrollFrames(panel: PanelPage): Promise<{ work: number[]; intervals: number[] }> {
  return panel.page.evaluate(async ([frames, step]) => {
    const scroller = document.querySelector<HTMLElement>('.table-scroll');
    if (!scroller) throw new Error('no grid');
    const work: number[] = [];
    const intervals: number[] = [];
    let last = 0;
    for (let i = 0; i < frames; i++) {
      await new Promise<void>((resolve) => requestAnimationFrame((now) => {
        if (last > 0) intervals.push(now - last);
        last = now;
        const started = performance.now();
        scroller.scrollTop += step;
        scroller.dispatchEvent(new Event('scroll'));
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { work.push(performance.now() - started); resolve(); };
        channel.port2.postMessage(0);
      }));
    }
    return { work, intervals };
  }, [SCROLL_FRAMES, SCROLL_STEP_PX] as const);
}

/** The page's JS heap after a full collection, in bytes. */
async function heapAfterGc(panel: PanelPage): Promise<number> {
  const cdp = await panel.page.context().newCDPSession(panel.page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  } finally {
    await cdp.detach();
  }
}

/**
 * What the panel holds for a painted run, in a page of its own so the timed runs are left as
 * they were: the heap after the run minus the heap before it. The staged messages are measured
 * (staged minus unstaged heap) and then dropped before the last reading, so neither reading
 * counts them.
 */
async function heldHeap(browser: Browser, events: readonly AuditEvent[]): Promise<{ held: number; staged: number }> {
  const panel = await openPanel(browser, { width: 1400, height: 860 });
  try {
    await panel.page.evaluate('window.__name = (fn) => fn');
    const empty = await heapAfterGc(panel);
    await stage(panel, events, 1);
    const staged = (await heapAfterGc(panel)) - empty;
    await streamAndPaint(panel, events.length);
    await panel.page.evaluate('delete window.__bench');
    return { held: (await heapAfterGc(panel)) - empty, staged };
  } finally {
    await panel.page.close();
  }
}

async function measureSize(browser: Browser, events: readonly AuditEvent[], repeats: number): Promise<{ paint: number[]; panel: PanelPage }> {
  const paint: number[] = [];
  let panel: PanelPage | undefined;
  for (let run = 1; run <= repeats; run++) {
    await panel?.page.close();
    panel = await openPanel(browser, { width: 1400, height: 860 });
    // tsx wraps named functions in `__name(...)`; the page needs it to run the functions below.
    await panel.page.evaluate('window.__name = (fn) => fn');
    await stage(panel, events, run);
    paint.push(await streamAndPaint(panel, events.length));
  }
  return { paint, panel: panel as PanelPage };
}

export async function benchPanel(mixed: readonly AuditEvent[], log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  let browser: Browser;
  try {
    browser = await launch();
  } catch (error) {
    return [{ section: '6 panel', name: 'rows painted after the last chunk, 100k', value: null, unit: ' ms', budget: { max: 300 }, note: `not measured: ${(error as Error).message}` }];
  }
  try {
    const perEvent: Record<number, number> = {};
    for (const size of SIZES) {
      const events = mixed.slice(0, size);
      const { paint, panel } = await measureSize(browser, events, REPEATS[size] as number);
      const ms = median(paint);
      perEvent[size] = (ms * 1000) / events.length;
      log(`  panel ${size}: rows painted ${ms.toFixed(0)} ms after the last chunk`);
      figures.push({ section: '8 growth', name: `panel paint, ${size / 1000}k events`, value: ms, unit: ' ms', samples: paint });
      if (size !== 100_000) {
        await panel.page.close();
        continue;
      }
      figures.push({
        section: '6 panel', name: 'rows painted after the last chunk, 100k', value: ms, unit: ' ms', budget: { max: 300 }, samples: paint,
        note: 'includes the panel\'s 150 ms render coalescing',
      });
      const typed = await keystrokes(panel, TYPED);
      figures.push({
        section: '6 panel', name: 'filter keystroke to repaint, 100k', value: median(typed), unit: ' ms', budget: { max: 50 }, samples: typed,
        note: `typing "${TYPED}": max ${Math.max(...typed).toFixed(0)} ms`,
      });
      const { work, intervals } = await scrollFrames(panel);
      figures.push({
        section: '6 panel', name: 'scroll frame work p95, 100k', value: percentile(work, 95), unit: ' ms', budget: { max: 16.7 },
        note: `${work.length} frames of ${SCROLL_STEP_PX} px; frame interval p95 ${percentile(intervals, 95).toFixed(1)} ms`,
      });
      await panel.page.close();
      const { held, staged } = await heldHeap(browser, events);
      const mb = held / 2 ** 20;
      log(`  panel ${size}: heap held ${mb.toFixed(1)} MB (staged messages ${(staged / 2 ** 20).toFixed(1)} MB, not counted)`);
      figures.push({
        section: '6 panel', name: 'panel heap held, 100k events', value: mb, unit: ' MB',
        note: `${((mb * 100_000) / events.length).toFixed(1)} MB per 100k events; heap after GC, painted run minus before it; staged messages (${(staged / 2 ** 20).toFixed(1)} MB) dropped first`,
      });
    }
    figures.push({
      section: '8 growth', name: 'panel paint per event, 100k ÷ 10k', value: (perEvent[100_000] as number) / (perEvent[10_000] as number), unit: '×',
      budget: { max: 1.5 }, note: 'above 1 means super-linear; the budget is this benchmark\'s own',
    });
  } finally {
    await browser.close();
  }
  return figures;
}
