/** The webview's only channel to the extension host: typed, validated both ways. */
import { checkHostMessage } from '../shared/protocol';
import { claimedType } from '../shared/refusal';
import type { HostMessage, WebviewMessage } from '../shared/protocol';
import { readViewState } from '../shared/viewState';
import type { ViewState } from '../shared/viewState';

const api = acquireVsCodeApi<ViewState>();
let nextRequestId = 1;

export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

export function newRequestId(): number {
  return nextRequestId++;
}

export function loadState(): ViewState {
  return readViewState(api.getState());
}

/** Whether this webview starts without persisted state (a new panel, not a restored one). */
export function isNewPanel(): boolean {
  return api.getState() === undefined;
}

export function saveState(state: ViewState): void {
  api.setState(state);
}

/**
 * Delivers only messages that match the protocol. Anything else is not acted on, but of a
 * message shaped like the host's (an object with a `type`) the host hears that it was refused
 * and why, never its content: a lost message may have held rows.
 */
export function onHostMessage(listener: (message: HostMessage) => void): () => void {
  const handler = (event: MessageEvent) => {
    const checked = checkHostMessage(event.data);
    if (checked.ok) listener(checked.message);
    else if (claimsAType(event.data)) post({ type: 'refused', refused: claimedType(event.data), problems: checked.problems });
  };
  window.addEventListener('message', handler);
  return () => window.removeEventListener('message', handler);
}

function claimsAType(data: unknown): boolean {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string';
}
