import type { SearchUpdate } from '../core/search/types';

/** A one-line progress display on stderr, shown only when stderr is a terminal. */
export class ProgressLine {
  private shown = false;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(update: SearchUpdate): void {
    if (!this.stream.isTTY || update.kind !== 'page') return;
    const { pages, events, total } = update.progress;
    this.stream.write(`\r\u001b[2K${events} events${total !== undefined ? ` of ${total}` : ''}, ${pages} page${pages === 1 ? '' : 's'}…`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\u001b[2K');
    this.shown = false;
  }
}
