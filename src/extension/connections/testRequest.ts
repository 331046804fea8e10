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
 * One small search (the last 24 hours) that ends at the first page holding an event, to show
 * the vendor's answer, with a cancellable progress notification. A vendor that lists oldest
 * first would otherwise be paged through the whole day.
 */
export async function testRequest(connection: Connection, credentials: Credentials, options: Omit<SearchOptions, 'signal'>): Promise<TestOutcome> {
  const now = Date.now();
  const query = { from: new Date(now - 86_400_000).toISOString(), to: new Date(now).toISOString(), limit: 1 };
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Testing ${connection.label}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        for await (const update of search([{ connection, credentials }], query, { ...options, signal: controller.signal })) {
          if (update.kind === 'error') return { ok: false, error: update.error };
          if (update.kind === 'page') {
            const first = update.events[0];
            progress.report({ message: `${update.progress.pages} ${update.progress.pages === 1 ? 'page' : 'pages'}, ${update.progress.events} events` });
            if (first) return { ok: true, events: update.events.length, sample: `${first.time} ${first.actor.name ?? first.actor.id ?? '?'}: ${first.action}`, cancelled: false };
          }
          if (update.kind === 'done') return { ok: true, events: 0, cancelled: update.summary.cancelled };
        }
        return { ok: true, events: 0, cancelled: token.isCancellationRequested };
      } finally {
        subscription.dispose();
      }
    },
  );
}

export function describeOutcome(connection: Connection, outcome: TestOutcome): string {
  if (!outcome.ok) return `${connection.label}: ${describeError(outcome.error) ?? 'the test was cancelled.'}`;
  if (outcome.cancelled) return `${connection.label}: test cancelled.`;
  return outcome.events > 0
    ? `${connection.label} works: the vendor answered with events (one of them: ${outcome.sample ?? 'an event'}).`
    : `${connection.label} works: the vendor accepted the credential; no events in the last 24 hours.`;
}
