import * as vscode from 'vscode';
import type { AuditLensError } from '../../core/errors';
import type { Connection, Credentials } from '../../core/model';
import { search } from '../../core/search/engine';
import type { SearchOptions } from '../../core/search/types';
import { describeError } from '../util/describeError';

export type TestOutcome =
  | { ok: true; events: number; sample?: string; cancelled: boolean }
  | { ok: false; error: AuditLensError };

/**
 * One small search (the last 24 hours, a single event) to show the vendor's answer, with a
 * cancellable progress notification counting pages and events.
 */
export async function testRequest(connection: Connection, credentials: Credentials, options: Omit<SearchOptions, 'signal'>): Promise<TestOutcome> {
  const now = Date.now();
  const query = { from: new Date(now - 86_400_000).toISOString(), to: new Date(now).toISOString(), limit: 1 };
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Testing ${connection.label}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      let events = 0;
      let sample: string | undefined;
      try {
        for await (const update of search([{ connection, credentials }], query, { ...options, signal: controller.signal })) {
          if (update.kind === 'error') return { ok: false, error: update.error };
          if (update.kind === 'page') {
            events += update.events.length;
            const first = update.events[0];
            if (first && sample === undefined) sample = `${first.time} ${first.actor.name ?? first.actor.id ?? '?'}: ${first.action}`;
            progress.report({ message: `${update.progress.pages} ${update.progress.pages === 1 ? 'page' : 'pages'}, ${update.progress.events} events` });
          }
          if (update.kind === 'done') return { ok: true, events, ...(sample ? { sample } : {}), cancelled: update.summary.cancelled };
        }
        return { ok: true, events, ...(sample ? { sample } : {}), cancelled: token.isCancellationRequested };
      } finally {
        subscription.dispose();
      }
    },
  );
}

export function describeOutcome(connection: Connection, outcome: TestOutcome): string {
  if (!outcome.ok) return `${connection.label}: ${describeError(outcome.error) ?? 'the test was cancelled.'}`;
  if (outcome.cancelled) return `${connection.label}: test cancelled after ${outcome.events} events.`;
  return outcome.events > 0
    ? `${connection.label} works: the vendor answered with events (latest: ${outcome.sample ?? 'one event'}).`
    : `${connection.label} works: the vendor accepted the credential; no events in the last 24 hours.`;
}
