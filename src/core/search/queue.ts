/**
 * The hand-off between fetch workers and the consumer of a search. The consumer's pace
 * drives fetching: workers wait for `demand()` before starting a page, which resolves only
 * while fewer than `highWater` updates are waiting to be read.
 */
export class UpdateQueue<T> {
  private readonly items: T[] = [];
  private readers: Array<(item: IteratorResult<T>) => void> = [];
  private demanders: Array<() => void> = [];
  private closed = false;

  constructor(private readonly highWater: number) {}

  push(item: T): void {
    if (this.closed) return;
    const reader = this.readers.shift();
    if (reader) reader({ value: item, done: false });
    else this.items.push(item);
  }

  /** Resolves when the consumer wants more (or the queue is closed). */
  demand(): Promise<void> {
    if (this.closed || this.items.length < this.highWater) return Promise.resolve();
    return new Promise((resolve) => this.demanders.push(resolve));
  }

  next(): Promise<IteratorResult<T>> {
    const item = this.items.shift();
    this.release();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.readers.push(resolve));
  }

  /** No more items will come; pending readers finish and waiting workers are released. */
  close(): void {
    this.closed = true;
    for (const reader of this.readers) reader({ value: undefined, done: true });
    this.readers = [];
    this.release(true);
  }

  private release(all = false): void {
    while (this.demanders.length > 0 && (all || this.closed || this.items.length < this.highWater)) {
      (this.demanders.shift() as () => void)();
    }
  }
}
