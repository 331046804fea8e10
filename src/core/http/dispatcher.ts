import { rootCertificates } from 'node:tls';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import type { HttpClientOptions } from './types';

/** Loopback never goes through a proxy: the emulator and local tools must stay reachable. */
const LOOPBACK = ['localhost', '127.0.0.1', '::1', '[::1]'];

type DispatcherOptions = Pick<HttpClientOptions, 'connectTimeoutMs' | 'proxyUrl' | 'ca' | 'maxConnectionsPerOrigin'>;

/** TLS settings: Node's public roots plus any extra CA, so public hosts still verify. */
export function tlsOptions(options: Pick<HttpClientOptions, 'connectTimeoutMs' | 'ca'>): { timeout: number; ca?: string[] } {
  return {
    timeout: options.connectTimeoutMs,
    ...(options.ca ? { ca: [...rootCertificates, options.ca] } : {}),
  };
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
    requestTls: tls,
    proxyTls: tls,
    httpProxy,
    httpsProxy,
    noProxy: [env.no_proxy ?? env.NO_PROXY, ...LOOPBACK].filter(Boolean).join(','),
  });
}
