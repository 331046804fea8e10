import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { VENDORS, type Connection, type Credentials, type VendorId } from '../../core/model';
import { EMULATOR_AXP_ACCOUNT, EMULATOR_CREDENTIALS } from '../../emulator/credentials';
import type { Emulator } from '../../emulator/server';
import type { ConnectionSource } from '../connections/connectionStore';
import { Disposable } from '../util/disposable';
import { loadEmulatorModule } from '../lazy/load';
import { demoConnectionId } from './demoIds';

const ENABLED_KEY = 'auditLens.demo.enabled';
/** Until the emulator runs, demo connections point here; `ensureStarted` replaces it before any request. */
const NOT_STARTED = 'http://127.0.0.1';

const VENDOR_LABELS: Record<VendorId, string> = {
  perfecto: 'Perfecto', axp: 'Avaya AXP', descope: 'Descope', surfsight: 'Surfsight', zluri: 'Zluri',
};

/**
 * The demo: the embedded emulator on loopback plus one connection per vendor, marked demo.
 * Their credentials are the emulator's public fakes, so they never touch SecretStorage.
 * The emulator starts on the first demo search after a restart, not at activation.
 */
export class DemoService extends Disposable implements ConnectionSource {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private emulator: Emulator | undefined;
  private starting: Promise<Emulator> | undefined;

  constructor(private readonly state: vscode.Memento, private readonly logger: Logger) {
    super();
    this._register({ dispose: () => void this.stopEmulator() });
  }

  get enabled(): boolean {
    return this.state.get<boolean>(ENABLED_KEY, false);
  }

  get running(): boolean {
    return this.emulator !== undefined;
  }

  /** The running emulator (tests and the demo's saved searches read its data). */
  get current(): Emulator | undefined {
    return this.emulator;
  }

  connections(): Connection[] {
    if (!this.enabled) return [];
    return VENDORS.map((vendor) => ({
      id: demoConnectionId(vendor),
      label: `Demo ${VENDOR_LABELS[vendor]}`,
      vendor,
      baseUrl: this.emulator ? this.emulator.baseUrl(vendor) : `${NOT_STARTED}/${vendor}`,
      ...(vendor === 'axp' ? { accountId: EMULATOR_AXP_ACCOUNT } : {}),
      demo: true,
    }));
  }

  /** Turns the demo on and starts the emulator. */
  async enable(): Promise<Emulator> {
    const emulator = await this.ensureStarted();
    await this.state.update(ENABLED_KEY, true);
    this.changed.fire();
    return emulator;
  }

  async disable(): Promise<void> {
    await this.state.update(ENABLED_KEY, false);
    await this.stopEmulator();
    this.changed.fire();
  }

  ensureStarted(): Promise<Emulator> {
    if (this.emulator) return Promise.resolve(this.emulator);
    this.starting ??= this.start().finally(() => { this.starting = undefined; });
    return this.starting;
  }

  credentials(vendor: VendorId): Credentials {
    return EMULATOR_CREDENTIALS[vendor];
  }

  private async start(): Promise<Emulator> {
    const { startEmulator } = loadEmulatorModule();
    const emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
    if (this.isDisposed) {
      await emulator.close();
      throw new Error('Audit Lens was shut down while the demo started.');
    }
    this.emulator = emulator;
    this.logger.info(`Demo emulator listening on ${emulator.origin}.`);
    this.changed.fire();
    return emulator;
  }

  private async stopEmulator(): Promise<void> {
    const emulator = this.emulator;
    this.emulator = undefined;
    if (emulator) await emulator.close();
  }
}
