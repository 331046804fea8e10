import { AuditLensError, isAuditLensError } from '../core/errors';
import { formatEvents } from '../core/export/formats';
import { createHttpClient } from '../core/http/client';
import type { VendorId } from '../core/model';
import { redactSecrets } from '../core/redact';
import { collect } from '../core/search/engine';
import type { SearchUpdate } from '../core/search/types';
import { parseSearchArgs, USAGE } from './args';
import { formatTable } from './table';
import { ProgressLine } from './progress';

const EXIT = { ok: 0, usage: 2, refused: 3, failure: 4 } as const;

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
  const http = createHttpClient();
  const progress = new ProgressLine(process.stderr);
  try {
    const { events, updates } = await collect(
      [{ connection: cli.connection, credentials: cli.credentials }], cli.query, { http },
      (update: SearchUpdate) => progress.update(update),
    );
    progress.clear();
    const output = cli.format === 'table'
      ? formatTable(events, process.stdout.columns || 160)
      : formatEvents(events, cli.format);
    await write(output);
    const failure = updates.find((u): u is Extract<SearchUpdate, { kind: 'error' }> => u.kind === 'error');
    if (failure) throw failure.error;
    return EXIT.ok;
  } finally {
    progress.clear();
    await http.close();
  }
}

/**
 * Writes all of stdout before exiting, also when it is a pipe. A reader that went away
 * (`| head`) makes stdout emit 'error': without a listener that is an uncaught crash.
 */
function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error & { code?: string }): void => reject(
      new Error(`standard output was closed before all events were written${error.code ? ` (${error.code})` : ''}.`),
    );
    process.stdout.on('error', fail);
    process.stdout.write(text, (error) => (error ? fail(error) : resolve()));
  });
}

const secrets: Array<string | undefined> = [];

function report(error: unknown): number {
  const typed = isAuditLensError(error) ? error : undefined;
  const vendor: VendorId | undefined = typed?.vendor;
  const message = redactSecrets((error as Error)?.message ?? String(error), secrets).replace(/\s*\n\s*/g, ' ');
  process.stderr.write(`audit-lens: ${vendor ? `${vendor}: ` : ''}${message}\n`);
  if (typed?.reason === 'usage' || typed?.reason === 'config') return EXIT.usage;
  if (typed?.isCredentialProblem) return EXIT.refused;
  return EXIT.failure;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => { process.exitCode = report(error); },
);
