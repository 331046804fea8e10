import { AuditLensError, isAuditLensError } from '../core/errors';
import { formatEventChunks } from '../core/export/formats';
import { createHttpClient } from '../core/http/client';
import type { VendorId } from '../core/model';
import { redactSecrets } from '../core/redact';
import { collect } from '../core/search/engine';
import type { ConnectionSummary, SearchUpdate } from '../core/search/types';
import { parseSearchArgs, USAGE } from './args';
import { writeChunks } from './output';
import { ProgressLine } from './progress';
import { tableChunks } from './table';
import { forTerminal, printableLine } from './terminalText';

/** 130: stopped by Ctrl-C (SIGINT), as shells report it; what was fetched is still printed. */
const EXIT = { ok: 0, usage: 2, refused: 3, failure: 4, interrupted: 130 } as const;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command !== 'search') {
    throw new AuditLensError('usage', `unknown command "${command}"; the command is "search" (see audit-lens --help).`);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const cli = parseSearchArgs(rest, process.env, Date.now());
  secrets.push(cli.credentials.token, cli.credentials.appKey);
  searched = cli.connection.vendor;
  const http = createHttpClient();
  const progress = new ProgressLine(process.stderr);
  const interrupt = new AbortController();
  const onInterrupt = (): void => interrupt.abort();
  process.once('SIGINT', onInterrupt);
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
    const chunks = cli.format === 'table'
      ? tableChunks(events, process.stdout.columns || 160, { clean: (text) => redactSecrets(text, secrets) })
      : formatEventChunks(events, cli.format);
    // A vendor record may repeat the credential (an API key stored in an integration's settings): no output holds it.
    // Pieces end between events, so a secret is never cut in two.
    // On a terminal, vendor text must not run escape sequences (the table makes each cell printable itself).
    const toTerminal = cli.format !== 'table' && process.stdout.isTTY ? forTerminal(cli.format) : undefined;
    await writeChunks(process.stdout, outputOf(chunks, toTerminal));
    printed = events.length;
    if (interrupt.signal.aborted) {
      process.stderr.write(`audit-lens: ${cli.connection.vendor}: interrupted; printed ${theEvents(events.length)} fetched so far.\n`);
      return EXIT.interrupted;
    }
    const failure = updates.find((u): u is Extract<SearchUpdate, { kind: 'error' }> => u.kind === 'error');
    if (failure) throw failure.error;
    return EXIT.ok;
  } finally {
    process.off('SIGINT', onInterrupt);
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

function* outputOf(chunks: Iterable<string>, toTerminal?: (chunk: string) => string): Generator<string> {
  for (const chunk of chunks) {
    const safe = redactSecrets(chunk, secrets);
    yield toTerminal ? toTerminal(safe) : safe;
  }
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
  const message = printableLine(redactSecrets((error as Error)?.message ?? String(error), secrets).replace(/\s*\n\s*/g, ' '));
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
