import { readFile } from 'node:fs/promises';
import type { HttpClient } from '../../core/http/types';
import type { Logger } from '../../core/log';
import type { ExtensionSettings } from '../settings/extensionSettings';
import { loadHttpModule } from '../lazy/load';
import { Disposable } from '../util/disposable';

/** One HTTP client for every search, rebuilt when the network settings change. */
export class SharedHttpClient extends Disposable {
  private client: HttpClient | undefined;
  private ca: string | undefined;
  private caProblem: string | undefined;

  constructor(private readonly settings: ExtensionSettings, private readonly logger: Logger) {
    super();
    this._register(settings.onDidChange(() => void this.reset()));
    this._register({ dispose: () => void this.client?.close() });
  }

  /** Reads the extra CA file (once per settings change); a bad path is reported, not fatal. */
  async prepare(): Promise<void> {
    const file = this.settings.value.extraCaFile;
    if (file === '' || this.ca !== undefined || this.caProblem !== undefined) return;
    try {
      this.ca = await readFile(file, 'utf8');
    } catch (error) {
      this.caProblem = `auditLens.extraCaFile: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}); continuing without it.`;
      this.logger.warn(this.caProblem);
    }
  }

  get(): HttpClient {
    if (!this.client) {
      const { proxy, requestTimeoutSeconds } = this.settings.value;
      this.client = loadHttpModule().createHttpClient({
        logger: this.logger,
        deadlineMs: requestTimeoutSeconds * 1000,
        ...(proxy ? { proxyUrl: proxy } : {}),
        ...(this.ca ? { ca: this.ca } : {}),
      });
    }
    return this.client;
  }

  private async reset(): Promise<void> {
    const old = this.client;
    this.client = undefined;
    this.ca = undefined;
    this.caProblem = undefined;
    await old?.close();
  }
}
