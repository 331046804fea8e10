import * as vscode from 'vscode';
import type { SearchRun } from './searchRun';

/** A search that ends this quickly never shows a notification. */
const SHOW_AFTER_MS = 1_500;
const REFRESH_MS = 250;

/**
 * Long searches also report in a notification (pages, events) that can cancel them;
 * cancelling keeps what was fetched, as the panel's own cancel button does.
 */
export function showSearchProgress(run: SearchRun, label: string): vscode.Disposable {
  let closed = false;
  let release: (() => void) | undefined;
  const fetching = (): boolean => !closed && run.status().phase === 'running';
  const timer = setTimeout(() => {
    if (!fetching()) return;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Audit Lens: ${label}`, cancellable: true },
      (progress, token) => new Promise<void>((resolve) => {
        const cancel = token.onCancellationRequested(() => run.cancel());
        const poll = setInterval(() => {
          if (!fetching()) {
            finish();
            return;
          }
          const { pages, loaded, total } = run.status();
          const of = total === null ? '' : ` of ${total.toLocaleString('en-US')}`;
          progress.report({ message: `${loaded.toLocaleString('en-US')}${of} events, ${pages} page${pages === 1 ? '' : 's'}` });
        }, REFRESH_MS);
        const finish = (): void => {
          clearInterval(poll);
          cancel.dispose();
          resolve();
        };
        release = finish;
      }),
    );
  }, SHOW_AFTER_MS);
  return new vscode.Disposable(() => {
    closed = true;
    clearTimeout(timer);
    release?.();
  });
}
