/** The webview's only channel to the extension host: typed, validated both ways. */
import { parseHostMessage } from '../shared/protocol';
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

/** Delivers only messages that match the protocol; everything else is ignored. */
export function onHostMessage(listener: (message: HostMessage) => void): () => void {
  const handler = (event: MessageEvent) => {
    const message = parseHostMessage(event.data);
    if (message) listener(message);
  };
  window.addEventListener('message', handler);
  return () => window.removeEventListener('message', handler);
}
