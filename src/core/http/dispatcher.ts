import { rootCertificates } from 'node:tls';
import { Agent, EnvHttpProxyAgent, Pool, type Dispatcher } from 'undici';
import { AuditLensError } from '../errors';
import { pemCertificateProblem } from './pemCertificates';
import type { HttpClientOptions } from './types';

/** Loopback never goes through a proxy: the emulator and local tools must stay reachable. */
const LOOPBACK = ['localhost', '127.0.0.1', '::1', '[::1]'];

type DispatcherOptions = Pick<HttpClientOptions, 'connectTimeoutMs' | 'proxyUrl' | 'ca' | 'maxConnectionsPerOrigin'>;

/**
 * TLS settings: Node's public roots plus any extra CA, so public hosts still verify.
 * An extra CA that is not a PEM certificate is refused here: TLS would ignore it without a word.
 */
export function tlsOptions(options: Pick<HttpClientOptions, 'connectTimeoutMs' | 'ca'>): { timeout: number; ca?: string[] } {
  const problem = options.ca ? pemCertificateProblem(options.ca) : undefined;
  if (problem) throw new AuditLensError('config', `The extra CA certificate ${problem}. Give PEM text with -----BEGIN CERTIFICATE----- blocks.`);
  return {
    timeout: options.connectTimeoutMs,
    ...(options.ca ? { ca: [...rootCertificates, options.ca] } : {}),
  };
}

/** A proxy that dropped the connection while a tunnel to the vendor was being set up. */
export const PROXY_TUNNEL_DROPPED = 'AUDIT_LENS_PROXY_TUNNEL_DROPPED';

/**
 * The pool to the proxy itself, failing a CONNECT the proxy drops. undici 7 takes that drop
 * for a recoverable socket error and connects again at once, in a loop that never lets
 * timers run: no deadline or cancel fires and the process spins (nodejs/undici#3897; fixed in
 * undici 8, which needs Node 22.19). Failed here, the request fails and is retried with backoff.
 * undici's ProxyAgent opens tunnels with the promise form of `connect`, the one changed here.
 */
class ProxyPool extends Pool {
  override connect(options: Dispatcher.ConnectOptions): Promise<Dispatcher.ConnectData>;
  override connect(options: Dispatcher.ConnectOptions, callback: (error: Error | null, data: Dispatcher.ConnectData) => void): void;
  override connect(
    options: Dispatcher.ConnectOptions, callback?: (error: Error | null, data: Dispatcher.ConnectData) => void,
  ): Promise<Dispatcher.ConnectData> | void {
    if (callback) return super.connect(options, callback);
    return super.connect(options).catch((error: unknown) => {
      if ((error as { code?: unknown }).code !== 'UND_ERR_SOCKET') throw error;
      throw Object.assign(new Error('the proxy closed the connection while a tunnel was set up'), { code: PROXY_TUNNEL_DROPPED, cause: error });
    });
  }
}

/** The connection pool of one client: a plain Agent, or a proxy-aware one when a proxy is configured. */
export function createDispatcher(options: DispatcherOptions, env: NodeJS.ProcessEnv = process.env): Dispatcher {
  const tls = tlsOptions(options);
  const pool = { connections: options.maxConnectionsPerOrigin, connect: tls };
  const httpProxy = options.proxyUrl ?? env.http_proxy ?? env.HTTP_PROXY ?? '';
  const httpsProxy = options.proxyUrl ?? env.https_proxy ?? env.HTTPS_PROXY ?? '';
  if (!httpProxy && !httpsProxy) return new Agent(pool);
  // '' rather than undefined: undici would otherwise fall back to process.env on its own.
  return new EnvHttpProxyAgent({
    ...pool,
    clientFactory: (origin: string | URL, options: Pool.Options) => new ProxyPool(origin, options),
    requestTls: tls,
    proxyTls: tls,
    httpProxy,
    httpsProxy,
    noProxy: [env.no_proxy ?? env.NO_PROXY, ...LOOPBACK].filter(Boolean).join(','),
  });
}
