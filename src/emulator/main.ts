import { VENDORS } from '../core/model';
import { EMULATOR_AXP_ACCOUNT, EMULATOR_CREDENTIALS } from './credentials';
import { startEmulator } from './start';

/** `npm run emulator [-- --port N --latency MS]`: serves every vendor API until Ctrl+C. */
async function main(): Promise<void> {
  const arg = (name: string): string | undefined => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const port = Number(arg('--port') ?? 0);
  const latencyMs = Number(arg('--latency') ?? 0);
  const emulator = await startEmulator({ port, latencyMs });
  process.stdout.write(`Audit Lens vendor emulator on ${emulator.origin} (fake data; fake credentials below)\n\n`);
  for (const vendor of VENDORS) {
    const credentials = EMULATOR_CREDENTIALS[vendor];
    const extra = vendor === 'axp' ? ` --account ${EMULATOR_AXP_ACCOUNT}` : '';
    const env = `AUDIT_LENS_TOKEN='${credentials.token}'${credentials.appKey ? ` AUDIT_LENS_APP_KEY='${credentials.appKey}'` : ''}`;
    process.stdout.write(`${vendor.padEnd(10)} ${emulator.baseUrl(vendor)}\n`);
    process.stdout.write(`           ${env} audit-lens search --vendor ${vendor} --base-url ${emulator.baseUrl(vendor)}${extra} --since 30d --format table\n`);
  }
  process.stdout.write('\nPress Ctrl+C to stop.\n');
  const stop = (): void => void emulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`audit-lens emulator: ${(error as Error).message}\n`);
  process.exit(1);
});
