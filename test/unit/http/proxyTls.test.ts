import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { tlsOptions } from '../../../src/core/http/dispatcher';
import type { Emulator } from '../../../src/emulator/server';
import { rejection, startEmulator, testClient } from './harness';

/** A forward proxy that only tunnels (CONNECT), always to the emulator, recording each target asked for. */
async function startTunnelProxy(emulatorPort: number): Promise<{ url: string; targets: string[]; close(): Promise<void> }> {
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createHttpServer((_req, res) => {
    res.writeHead(405);
    res.end();
  });
  server.on('connect', (req, client: Socket) => {
    targets.push(req.url ?? '');
    const upstream = connect(emulatorPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    targets,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

const viaProxy = {
  vendor: 'zluri' as const,
  method: 'GET' as const,
  // Resolvable only by the proxy: a direct request would fail to find the host.
  url: 'http://audit-lens.invalid/zluri/pages?page=4',
  headers: { accept: 'application/json' },
  idempotent: true,
};

describe('http client: proxies', () => {
  let emulator: Emulator;
  let proxy: Awaited<ReturnType<typeof startTunnelProxy>>;
  const proxyVars = ['http_proxy', 'https_proxy', 'no_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'];
  const savedEnv = Object.fromEntries(proxyVars.map((name) => [name, process.env[name]]));

  beforeEach(async () => {
    emulator = await startEmulator();
    proxy = await startTunnelProxy(Number(new URL(emulator.origin).port));
  });
  afterEach(async () => {
    for (const name of proxyVars) {
      if (savedEnv[name] === undefined) delete process.env[name];
      else process.env[name] = savedEnv[name];
    }
    await proxy.close();
    await emulator.close();
  });

  it('sends through an explicit proxy', async () => {
    const client = testClient({ proxyUrl: proxy.url });
    try {
      const response = await client.send(viaProxy);
      assert.equal((response.json as { page: number }).page, 4);
      assert.deepEqual(proxy.targets, ['audit-lens.invalid:80']);
    } finally {
      await client.close();
    }
  });

  it('uses HTTP_PROXY from the environment, but never for loopback', async () => {
    for (const name of proxyVars) delete process.env[name];
    process.env.HTTP_PROXY = proxy.url;
    const client = testClient();
    try {
      assert.equal((await client.send(viaProxy)).status, 200);
      assert.equal((await client.send({ ...viaProxy, url: `${emulator.baseUrl('zluri')}/pages?page=1` })).status, 200);
      assert.deepEqual(proxy.targets, ['audit-lens.invalid:80']);
      assert.equal(emulator.requests.length, 2);
    } finally {
      await client.close();
    }
  });

  it('honours NO_PROXY from the environment', async () => {
    for (const name of proxyVars) delete process.env[name];
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = 'audit-lens.invalid';
    const client = testClient();
    try {
      const error = await rejection(client.send(viaProxy));
      assert.equal(error.reason, 'network');
      assert.match(error.message, /could not be resolved/);
      assert.deepEqual(proxy.targets, []);
    } finally {
      await client.close();
    }
  });
});

describe('http client: a proxy that drops the tunnel', () => {
  it('fails the request with a message about the proxy, after a few tries, instead of reconnecting without end', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'proxyDrop.child.ts')], { encoding: 'utf8', timeout: 15_000 });
    assert.equal(child.signal, null, 'the request never settled: the client reconnected in a loop until the process was killed');
    const outcome = JSON.parse(child.stdout) as { message: string; connections: number };
    assert.match(outcome.message, /^The proxy closed the connection while setting up a tunnel to Perfecto at acme\.app\.perfectomobile\.com\..* Gave up after 3 attempts\.$/);
    assert.ok(outcome.connections >= 3 && outcome.connections <= 6, `${outcome.connections} connections to the proxy`);
  });
});

describe('http client: extra CA certificate', () => {
  let dir: string;
  let cert: string;
  let server: ReturnType<typeof createHttpsServer>;
  let url: string;

  before(async function () {
    this.timeout(30_000);
    dir = mkdtempSync(join(tmpdir(), 'audit-lens-ca-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=audit-lens-test',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"secure":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  const request = () => ({ vendor: 'descope' as const, method: 'GET' as const, url, headers: {}, idempotent: true });

  it('refuses an unknown certificate with a hint about the CA setting', async () => {
    const client = testClient();
    try {
      const error = await rejection(client.send(request()));
      assert.equal(error.reason, 'network');
      assert.match(error.message, /TLS certificate of 127\.0\.0\.1:\d+ could not be verified \(DEPTH_ZERO_SELF_SIGNED_CERT\).*CA certificate/);
    } finally {
      await client.close();
    }
  });

  it('trusts a server signed by the extra CA', async () => {
    const client = testClient({ ca: cert });
    try {
      assert.deepEqual((await client.send(request())).json, { secure: true });
    } finally {
      await client.close();
    }
  });

  it('says a certificate issued for another name is wrong in itself, without advising a CA', async () => {
    const client = testClient({ ca: cert });
    try {
      const error = await rejection(client.send({ ...request(), url: url.replace('127.0.0.1', 'localhost') }));
      assert.equal(error.reason, 'network');
      assert.match(error.message, /TLS certificate of localhost:\d+ is expired, not yet valid or issued for another name \(ERR_TLS_CERT_ALTNAME_INVALID\)\. Check the base URL/);
      assert.doesNotMatch(error.message, /CA certificate/);
    } finally {
      await client.close();
    }
  });

  it('keeps the public roots next to the extra CA', () => {
    const { ca } = tlsOptions({ connectTimeoutMs: 1000, ca: cert });
    assert.equal(ca?.length, rootCertificates.length + 1);
    assert.equal(ca?.at(-1), cert);
    assert.equal(tlsOptions({ connectTimeoutMs: 1000 }).ca, undefined);
  });
});
