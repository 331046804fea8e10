import { AuditLensError, isAuditLensError } from '../core/errors';
import { formatEventChunks } from '../core/export/formats';
import { createHttpClient } from '../core/http/client';
import type { VendorId } from '../core/model';
import { redactSecrets } from '../core/redact';
import { collect } from '../core/search/engine';
import type { ConnectionSummary, SearchUpdate } from '../core/search/types';
import { version } from '../../package.json';
import { parseSearchArgs, USAGE } from './args';
import { cliWording } from './cliWording';
import { writeChunks } from './output';
import { ProgressLine } from './progress';
import { redactEvents } from './redactEvents';
import { tableChunks } from './table';
import { forTerminal, printableLine } from './terminalText';

const EXIT = { ok: 0, usage: 2, refused: 3, failure: 4 } as const;

/**
 * Signals that stop a search: what was fetched is still printed, and the exit code is
 * 128 + the signal's number, as shells report a process the signal ended (130 for Ctrl-C).
 */
const STOPPING_SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
type StoppingSignal = keyof typeof STOPPING_SIGNALS;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    // Nothing asked for: a usage error, so the usage goes where errors go.
    process.stderr.write(`${USAGE}\n`);
    return EXIT.usage;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    process.stdout.write(`${version}\n`);
    return EXIT.ok;
  }
  if (command !== 'search') {
    throw new AuditLensError('usage', `unknown command "${command}"; the command is "search" (see audit-lens --help).`);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const cli = parseSearchArgs(rest, process.env, Date.now());
  // An app key set for another vendor is not sent, but a record could still repeat it.
  secrets.push(cli.credentials.token, cli.credentials.appKey, process.env.AUDIT_LENS_APP_KEY?.trim());
  searched = cli.connection.vendor;
  const http = createHttpClient();
  const progress = new ProgressLine(process.stderr);
  const interrupt = new AbortController();
  let stoppedBy: StoppingSignal | undefined;
  const onSignal = (signal: StoppingSignal): void => {
    stoppedBy ??= signal;
    interrupt.abort();
  };
  const signals = Object.keys(STOPPING_SIGNALS) as StoppingSignal[];
  for (const signal of signals) process.once(signal, onSignal);
  try {
    const { events, updates } = await collect(
      [{ connection: cli.connection, credentials: cli.credentials }], cli.query, { http, signal: interrupt.signal },
      (update: SearchUpdate) => {
        progress.update(update);
        if (update.kind === 'notice') note(update.vendor, update.message, progress);
      },
    );
    progress.clear();
    const done = updates.find((u): u is Extract<SearchUpdate, { kind: 'done' }> => u.kind === 'done');
    for (const connection of done?.summary.connections ?? []) summarize(connection, progress);
    // A vendor record may repeat the credential (an API key stored in an integration's settings): no output holds it.
    const safe = redactEvents(events, secrets);
    const chunks = cli.format === 'table' ? tableChunks(safe, process.stdout.columns || 160) : formatEventChunks(safe, cli.format, { exactIds: true });
    // On a terminal, vendor text must not run escape sequences (the table makes each cell printable itself).
    const toTerminal = cli.format !== 'table' && process.stdout.isTTY ? forTerminal(cli.format) : undefined;
    // A signal during the search still prints what was fetched; one while printing stops the printing.
    const stopPrinting = new AbortController();
    const stopWhilePrinting = (): void => stopPrinting.abort();
    for (const signal of signals) process.once(signal, stopWhilePrinting);
    try {
      const outcome = await writeChunks(process.stdout, toTerminal ? mapChunks(chunks, toTerminal) : chunks, stopPrinting.signal);
      if (outcome === 'stopped' && stoppedBy) {
        // What was handed to a reader that is not reading would keep the process alive: let it go.
        process.stdout.destroy();
        return stopped(stoppedBy, cli.connection.vendor, 'partial');
      }
    } catch (error) {
      // After a hang-up the terminal may be gone: output that cannot be written then does not change the exit code.
      if (!stoppedBy) throw error;
      return stopped(stoppedBy, cli.connection.vendor, undefined);
    } finally {
      for (const signal of signals) process.off(signal, stopWhilePrinting);
    }
    printed = events.length;
    if (stoppedBy) return stopped(stoppedBy, cli.connection.vendor, events.length);
    const failure = updates.find((u): u is Extract<SearchUpdate, { kind: 'error' }> => u.kind === 'error');
    if (failure) throw failure.error;
    return EXIT.ok;
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
    progress.clear();
    await http.close();
  }
}

/**
 * What the user must know about a result goes to stderr whether or not it is a terminal
 * (progress does not): ranges the vendor narrowed, waits for its rate limit, vendors that
 * cannot answer a trace search. One line each, in the error line's shape.
 */
function note(vendor: VendorId, message: string, progress: ProgressLine): void {
  progress.clear();
  process.stderr.write(`audit-lens: ${vendor}: note: ${printableLine(redactSecrets(message, secrets))}\n`);
}

function summarize(connection: ConnectionSummary, progress: ProgressLine): void {
  // Only a connection that fetched something filtered anything: not one refused, nor one not searched at all.
  // One that failed after some pages still printed them, filtered.
  if (connection.localFilters.length > 0 && connection.pages > 0) {
    note(connection.vendor, `filtered here after fetching, as the vendor cannot: ${connection.localFilters.join(', ')}.`, progress);
  }
  if (connection.warnings > 0) {
    const records = connection.warnings === 1 ? '1 record does' : `${connection.warnings} records do`;
    note(connection.vendor, `${records} not match the vendor's documented format; printed with what could be read.`, progress);
  }
}

function* mapChunks(chunks: Iterable<string>, map: (chunk: string) => string): Generator<string> {
  for (const chunk of chunks) yield map(chunk);
}

/** Says on stderr that a signal stopped the search and what was printed; the exit code is 128 + the signal's number. */
function stopped(signal: StoppingSignal, vendor: VendorId, printedCount: number | 'partial' | undefined): number {
  const how = signal === 'SIGINT' ? 'interrupted' : `stopped by ${signal}`;
  const what = printedCount === undefined
    ? 'what was fetched could not be written to standard output'
    : printedCount === 'partial' ? 'while printing: the output is incomplete' : `printed ${theEvents(printedCount)} fetched so far`;
  // A terminal that hung up fails this write too, later, as an 'error' event that would otherwise crash the process.
  process.stderr.on('error', () => undefined);
  process.stderr.write(`audit-lens: ${vendor}: ${how}; ${what}.\n`);
  return 128 + STOPPING_SIGNALS[signal];
}

const secrets: Array<string | undefined> = [];
/** The vendor of the search, once the arguments name one: every error line names it. */
let searched: VendorId | undefined;
/** How many events went to stdout before the search failed: the error line says the output is partial. */
let printed: number | undefined;

function theEvents(count: number): string {
  return count === 1 ? 'the 1 event' : `the ${count} events`;
}

function report(error: unknown): number {
  const typed = isAuditLensError(error) ? error : undefined;
  const vendor: VendorId | undefined = typed?.vendor ?? searched;
  const text = cliWording((error as Error)?.message ?? String(error), vendor);
  const message = printableLine(redactSecrets(text, secrets).replace(/\s*\n\s*/g, ' '));
  const partial = printed ? ` Printed only ${theEvents(printed)} fetched before this failure: the output is incomplete.` : '';
  process.stderr.write(`audit-lens: ${vendor ? `${vendor}: ` : ''}${message}${partial}\n`);
  if (typed?.reason === 'usage' || typed?.reason === 'config') return EXIT.usage;
  if (typed?.isCredentialProblem) return EXIT.refused;
  return EXIT.failure;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => { process.exitCode = report(error); },
);
