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
/** A proxy that could not be reached at all: refused, unknown host, timed out. */
export const PROXY_UNREACHABLE = 'AUDIT_LENS_PROXY_UNREACHABLE';

/** Failures to open a connection to the proxy itself, which undici reports as if the vendor had them. */
const PROXY_CONNECT_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH',
]);

/** The proxy a request went through, for messages: where it is (no user or password) and what configured it. */
export interface ProxyLabel {
  host: string;
  /** The environment variable or setting it came from, e.g. `HTTPS_PROXY`. */
  source: string;
}

/** What `PROXY_UNREACHABLE` carries: the proxy, and the code of the failure underneath. */
export interface ProxyUnreachable {
  proxy: ProxyLabel;
  code: string;
}

/** The proxy failure along an error's cause chain, if the proxy could not be reached. */
export function proxyUnreachableOf(error: unknown): ProxyUnreachable | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; proxyFailure?: ProxyUnreachable };
    if (candidate.code === PROXY_UNREACHABLE && candidate.proxyFailure) return candidate.proxyFailure;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The pool to the proxy itself, failing a CONNECT the proxy drops. undici 7 takes that drop
 * for a recoverable socket error and connects again at once, in a loop that never lets
 * timers run: no deadline or cancel fires and the process spins (nodejs/undici#3897; fixed in
 * undici 8, which needs Node 22.19). Failed here, the request fails and is retried with backoff.
 * undici's ProxyAgent opens tunnels with the promise form of `connect`, the one changed here.
 */
class ProxyPool extends Pool {
  constructor(origin: string | URL, options: Pool.Options, private readonly proxy: ProxyLabel) {
    super(origin, options);
  }

  override connect(options: Dispatcher.ConnectOptions): Promise<Dispatcher.ConnectData>;
  override connect(options: Dispatcher.ConnectOptions, callback: (error: Error | null, data: Dispatcher.ConnectData) => void): void;
  override connect(
    options: Dispatcher.ConnectOptions, callback?: (error: Error | null, data: Dispatcher.ConnectData) => void,
  ): Promise<Dispatcher.ConnectData> | void {
    if (callback) return super.connect(options, callback);
    return super.connect(options).catch((error: unknown) => {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && PROXY_CONNECT_CODES.has(code)) {
        const proxyFailure: ProxyUnreachable = { proxy: this.proxy, code };
        throw Object.assign(new Error('the proxy could not be reached'), { code: PROXY_UNREACHABLE, proxyFailure, cause: error });
      }
      if (code !== 'UND_ERR_SOCKET') throw error;
      throw Object.assign(new Error('the proxy closed the connection while a tunnel was set up'), { code: PROXY_TUNNEL_DROPPED, cause: error });
    });
  }
}

/** The connection pool of one client: a plain Agent, or a proxy-aware one when a proxy is configured. */
export function createDispatcher(options: DispatcherOptions, env: NodeJS.ProcessEnv = process.env): Dispatcher {
  const tls = tlsOptions(options);
  const pool = { connections: options.maxConnectionsPerOrigin, connect: tls };
  const httpProxy = configuredProxy(options.proxyUrl, env, 'http_proxy', 'HTTP_PROXY');
  const httpsProxy = configuredProxy(options.proxyUrl, env, 'https_proxy', 'HTTPS_PROXY');
  if (!httpProxy.url && !httpsProxy.url) return new Agent(pool);
  // Both may name the same proxy: the vendors are reached over HTTPS, so HTTPS_PROXY names it then.
  const labelOf = (origin: string | URL): ProxyLabel => {
    const { host, href } = new URL(origin);
    const source = httpsProxy.url && new URL(httpsProxy.url).href === href ? httpsProxy.source : httpProxy.source;
    return { host, source };
  };
  // '' rather than undefined: undici would otherwise fall back to process.env on its own.
  return new EnvHttpProxyAgent({
    ...pool,
    clientFactory: (origin: string | URL, options: Pool.Options) => new ProxyPool(origin, options, labelOf(origin)),
    requestTls: tls,
    proxyTls: tls,
    httpProxy: httpProxy.url,
    httpsProxy: httpsProxy.url,
    noProxy: [env.no_proxy ?? env.NO_PROXY, ...LOOPBACK].filter(Boolean).join(','),
  });
}

/**
 * The proxy for one scheme: the setting, else the environment (lower case first, as curl
 * reads it), with where it came from. A value that is not an http(s) URL is refused: undici
 * would fail every request with a bare "Invalid URL" that names neither the proxy nor its
 * variable. The value is not repeated, as it may hold the proxy's password.
 */
function configuredProxy(setting: string | undefined, env: NodeJS.ProcessEnv, lower: string, upper: string): { url: string; source: string } {
  const [url, source] = setting !== undefined ? [setting, 'the proxy setting (auditLens.proxy)']
    : env[lower] !== undefined ? [env[lower] as string, lower]
      : [env[upper] ?? '', upper];
  if (url === '') return { url, source };
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    // An environment variable cannot be changed from inside VS Code: its setting, which wins over it, can.
    const fix = setting !== undefined ? 'or clear it to connect directly.' : 'or unset it to connect directly (in VS Code, the setting auditLens.proxy takes its place).';
    throw new AuditLensError('config', `The proxy in ${source} is not a valid http:// or https:// URL. Set it to the proxy's address, e.g. http://proxy.example.com:3128, ${fix}`);
  }
  return { url, source };
}
