import { AuditLensError } from '../../core/errors';
import type { HttpClient, HttpRequest, HttpResponse } from '../../core/http/types';
import type { Logger } from '../../core/log';
import type { ExtensionSettings } from '../settings/extensionSettings';
import { loadExtraCa } from '../settings/extraCaFile';
import { withExtraCaAdvice } from '../settings/extraCaTlsAdvice';
import type { SettingKey, Settings } from '../settings/settingsSchema';
import { loadHttpModule } from '../lazy/load';
import { Disposable } from '../util/disposable';

/** What the shared client reads of the settings. */
export type NetworkSettings = Pick<ExtensionSettings, 'value' | 'invalid' | 'onDidChange'>;

/**
 * The settings the client is built from; any other setting (connections, columns…) leaves it
 * alone. A refused proxy counts: going from none to a mistyped one must stop the direct client.
 */
function networkOf(settings: Settings, invalid: ReadonlySet<SettingKey>): string {
  const { proxy, extraCaFile, requestTimeoutSeconds } = settings;
  return JSON.stringify([proxy, invalid.has('proxy'), extraCaFile, requestTimeoutSeconds]);
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

  constructor(private readonly settings: NetworkSettings, private readonly logger: Logger) {
    super();
    this.network = networkOf(settings.value, settings.invalid);
    this._register(settings.onDidChange((value) => {
      const network = networkOf(value, settings.invalid);
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
      if (building === this.building) return this.sendOn(client, request);
    }
  }

  private async sendOn(client: HttpClient, request: HttpRequest): Promise<HttpResponse> {
    const caFile = this.settings.value.extraCaFile;
    try {
      return await client.send(request);
    } catch (error) {
      throw withExtraCaAdvice(error, caFile, request.url);
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

  /**
   * A refused proxy or CA file refuses every request rather than going without it: a mistyped
   * proxy must not mean a direct connection, and a missing CA only fails later, less clearly.
   */
  private async build(): Promise<HttpClient> {
    const { proxy, requestTimeoutSeconds, extraCaFile } = this.settings.value;
    if (this.settings.invalid.has('proxy')) {
      throw new AuditLensError('config', 'auditLens.proxy is not a valid http:// or https:// URL, so Audit Lens sends no requests: it will not bypass the proxy you meant to set. Fix it (e.g. http://proxy.corp:3128), or clear it to use HTTPS_PROXY/HTTP_PROXY or a direct connection.');
    }
    const ca = extraCaFile === '' ? undefined : await loadExtraCa(extraCaFile);
    if (ca && 'problem' in ca) {
      throw new AuditLensError('config', `${ca.problem} Audit Lens sends no requests until it is fixed, or cleared to trust only the public certificate authorities.`);
    }
    return loadHttpModule().createHttpClient({
      logger: this.logger,
      deadlineMs: requestTimeoutSeconds * 1000,
      ...(proxy ? { proxyUrl: proxy } : {}),
      ...(ca ? { ca: ca.pem } : {}),
    });
  }

  /** Undici's close lets the requests in flight finish first. */
  private retire(): void {
    const old = this.building;
    this.building = undefined;
    void old?.then((client) => client.close(), () => undefined);
  }
}
