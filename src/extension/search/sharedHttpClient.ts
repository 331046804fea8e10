import { readFile } from 'node:fs/promises';
import type { HttpClient, HttpRequest, HttpResponse } from '../../core/http/types';
import type { Logger } from '../../core/log';
import type { ExtensionSettings } from '../settings/extensionSettings';
import type { Settings } from '../settings/settingsSchema';
import { loadHttpModule } from '../lazy/load';
import { Disposable } from '../util/disposable';

/** The settings the client is built from; any other setting (connections, columns…) leaves it alone. */
function networkOf(settings: Settings): string {
  const { proxy, extraCaFile, requestTimeoutSeconds } = settings;
  return JSON.stringify([proxy, extraCaFile, requestTimeoutSeconds]);
}

/**
 * The one HTTP client of every search, itself an `HttpClient`: each request goes to the
 * client built from the current network settings. When those change, new requests get a new
 * client (reading the extra CA file again), the old one finishes what it has in flight and
 * closes, and a search paused across the change simply continues on the new one.
 */
export class SharedHttpClient extends Disposable implements HttpClient {
  private building: Promise<HttpClient> | undefined;
  private network: string;

  constructor(private readonly settings: ExtensionSettings, private readonly logger: Logger) {
    super();
    this.network = networkOf(settings.value);
    this._register(settings.onDidChange((value) => {
      const network = networkOf(value);
      if (network === this.network) return;
      this.network = network;
      this.retire();
    }));
    this._register({ dispose: () => this.retire() });
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    for (;;) {
      const building = this.current();
      const client = await building;
      // Settings changed while the client was being built: that one is closing, use the next.
      if (building === this.building) return client.send(request);
    }
  }

  /** Closing is the extension's to do, when it is disposed: searches never close the shared client. */
  async close(): Promise<void> {}

  private current(): Promise<HttpClient> {
    if (!this.building) {
      const building = this.build();
      this.building = building;
      // A client that could not be built is tried again on the next request.
      building.catch(() => { if (this.building === building) this.building = undefined; });
    }
    return this.building;
  }

  private async build(): Promise<HttpClient> {
    const { proxy, requestTimeoutSeconds, extraCaFile } = this.settings.value;
    const ca = extraCaFile === '' ? undefined : await this.readCa(extraCaFile);
    return loadHttpModule().createHttpClient({
      logger: this.logger,
      deadlineMs: requestTimeoutSeconds * 1000,
      ...(proxy ? { proxyUrl: proxy } : {}),
      ...(ca ? { ca } : {}),
    });
  }

  /** A bad path is reported in the log and the client goes on without it. */
  private async readCa(file: string): Promise<string | undefined> {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      this.logger.warn(`auditLens.extraCaFile: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}); continuing without it.`);
      return undefined;
    }
  }

  /** Undici's close lets the requests in flight finish first. */
  private retire(): void {
    const old = this.building;
    this.building = undefined;
    void old?.then((client) => client.close(), () => undefined);
  }
}
