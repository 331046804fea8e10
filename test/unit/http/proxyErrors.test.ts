import { strict as assert } from 'node:assert';
import { createServer, type AddressInfo } from 'node:net';
import { isAuditLensError } from '../../../src/core/errors';
import { createDispatcher } from '../../../src/core/http/dispatcher';
import { rejection, testClient } from './harness';

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const vendorRequest = {
  vendor: 'zluri' as const,
  method: 'GET' as const,
  url: 'https://audit-lens.invalid/zluri/pages?page=1',
  headers: { accept: 'application/json' },
  idempotent: true,
};

const settings = { connectTimeoutMs: 2_000, maxConnectionsPerOrigin: 2 };

describe('http client: a proxy that is wrong or not there', () => {
  it('refuses a proxy variable that is not an http(s) URL, naming the variable but not its value', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ HTTPS_PROXY: 'garbage' }, 'HTTPS_PROXY'],
      [{ https_proxy: 'proxy.example.com:3128' }, 'https_proxy'],
      [{ HTTP_PROXY: 'http//user:s3cret-pass@proxy' }, 'HTTP_PROXY'],
    ];
    for (const [env, variable] of cases) {
      let thrown: unknown;
      try {
        createDispatcher(settings, env);
      } catch (error) {
        thrown = error;
      }
      assert.ok(isAuditLensError(thrown), `${variable}: ${String(thrown)}`);
      assert.equal(thrown.reason, 'config');
      assert.equal(thrown.message.startsWith(`The proxy in ${variable} is not a valid http:// or https:// URL.`), true, thrown.message);
      assert.ok(!thrown.message.includes('s3cret') && !thrown.message.includes('garbage'), thrown.message);
    }
    assert.throws(() => createDispatcher({ ...settings, proxyUrl: 'ftp://proxy' }, {}), /The proxy in the proxy setting \(auditLens\.proxy\) is not a valid/);
  });

  it('says the proxy, from which variable, refused the connection, not the vendor', async () => {
    const port = await closedPort();
    const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, https_proxy: process.env.https_proxy };
    delete process.env.https_proxy;
    process.env.HTTPS_PROXY = `http://user:s3cret-pass@127.0.0.1:${port}`;
    const client = testClient();
    try {
      const error = await rejection(client.send(vendorRequest));
      assert.ok(isAuditLensError(error));
      assert.equal(error.reason, 'network');
      assert.equal(error.message, `The proxy 127.0.0.1:${port} (from HTTPS_PROXY) refused the connection. Check HTTPS_PROXY, and that the proxy is running and reachable from here; nothing was sent to Zluri.`);
    } finally {
      await client.close();
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('names the setting when the proxy came from it', async () => {
    const port = await closedPort();
    const client = testClient({ proxyUrl: `http://127.0.0.1:${port}` });
    try {
      const error = await rejection(client.send(vendorRequest));
      assert.match(error.message, new RegExp(`^The proxy 127\\.0\\.0\\.1:${port} \\(from the proxy setting \\(auditLens\\.proxy\\)\\) refused the connection\\.`));
    } finally {
      await client.close();
    }
  });
});
