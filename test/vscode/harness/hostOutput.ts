// The extension host's console reaches the driver mixed with the whole workbench log.
// The in-host runner (suite/index.ts) tags every line it prints with this marker so the
// driver can show test output alone.
import * as util from 'util';

export const hostOutputMarker = '[audit-lens-test] ';

/** Turns one codeAutomationLog message (console arguments, often as JSON) into text. */
export function formatLogMessage(message: unknown): string {
  let args: unknown = message;
  if (typeof message === 'string' && message.startsWith('[')) {
    try {
      args = JSON.parse(message);
    } catch {
      args = message;
    }
  }
  return Array.isArray(args) ? util.format(...(args as unknown[])) : String(args);
}

/** The test output in a formatted log message, or undefined for workbench noise. */
export function testOutput(text: string): string | undefined {
  if (!text.includes(hostOutputMarker)) return undefined;
  return text.split('\n').map((line) => line.replace(hostOutputMarker, '')).join('\n');
}
