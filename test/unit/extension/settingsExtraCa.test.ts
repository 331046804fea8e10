import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAuditLensError } from '../../../src/core/errors';
import { createHttpClient } from '../../../src/core/http/client';
import { tlsOptions } from '../../../src/core/http/dispatcher';
import type { HttpRequest } from '../../../src/core/http/types';
import { SharedHttpClient, type NetworkSettings } from '../../../src/extension/search/sharedHttpClient';
import { expandCaPath, loadExtraCa } from '../../../src/extension/settings/extraCaFile';
import { withExtraCaAdvice } from '../../../src/extension/settings/extraCaTlsAdvice';
import { settingsSchema, type SettingKey, type Settings } from '../../../src/extension/settings/settingsSchema';

function selfSigned(dir: string, name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name}`,
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  return { cert, key };
}

/** The settings the shared client reads, changeable the way ExtensionSettings changes them. */
class TestSettings implements NetworkSettings {
  private listeners: Array<(value: Settings) => void> = [];
  invalid: ReadonlySet<SettingKey> = new Set();
  value: Settings;
  constructor(values: Partial<Settings>) {
    this.value = settingsSchema.parse(values);
  }
  readonly onDidChange = (listener: (value: Settings) => void) => {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((l) => l !== listener); } };
  };
  change(values: Partial<Settings>, invalid: SettingKey[] = []): void {
    this.value = settingsSchema.parse(values);
    this.invalid = new Set(invalid);
    for (const listener of this.listeners) listener(this.value);
  }
}

const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

async function failure(promise: Promise<unknown>): Promise<Error & { reason?: string }> {
  const outcome = await promise.then(() => undefined, (error: unknown) => error);
  assert.ok(outcome instanceof Error, 'expected a rejection');
  return outcome;
}

describe('extension settings: the extra CA file', () => {
  let dir: string;
  let server: { cert: string; key: string };
  let other: { cert: string; key: string };
  let der: string;

  before(function () {
    this.timeout(30_000);
    dir = mkdtempSync(join(tmpdir(), 'audit-lens-extra-ca-'));
    server = selfSigned(dir, 'server');
    other = selfSigned(dir, 'other');
    der = join(dir, 'server.cer');
    execFileSync('openssl', ['x509', '-in', server.cert, '-outform', 'der', '-out', der], { stdio: 'ignore' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a PEM certificate file', async () => {
    assert.deepEqual(await loadExtraCa(server.cert), { pem: readFileSync(server.cert, 'utf8') });
  });

  it('refuses a DER certificate and says how to convert it', async () => {
    const result = await loadExtraCa(der);
    assert.ok('problem' in result);
    assert.equal(result.problem.startsWith(`auditLens.extraCaFile: ${der} is not a PEM certificate: it looks like a binary (DER) certificate.`), true, result.problem);
    assert.ok(result.problem.includes(`openssl x509 -inform der -in "${der}" -out "${der}.pem"`));
  });

  it('refuses a key file without quoting it, plain text and a damaged certificate', async () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'just some notes\n');
    const damaged = join(dir, 'damaged.pem');
    writeFileSync(damaged, `${readFileSync(server.cert, 'utf8')}-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n`);
    const problems = await Promise.all([server.key, text, damaged].map(async (file) => {
      const result = await loadExtraCa(file);
      assert.ok('problem' in result, file);
      return result.problem;
    }));
    assert.match(problems[0] ?? '', /server\.key is not a PEM certificate: it holds a private key, not a certificate\./);
    assert.ok(!(problems[0] ?? '').includes(readFileSync(server.key, 'utf8').split('\n')[1] ?? 'unreachable'));
    assert.match(problems[1] ?? '', /notes\.txt is not a PEM certificate: it holds no PEM certificate .*openssl x509 -inform der/);
    assert.match(problems[2] ?? '', /damaged\.pem is not a PEM certificate: it has a damaged certificate \(block 2 of 2 does not parse\)/);
  });

  it('says what is wrong with the path: missing, a folder, or relative', async () => {
    const missing = await loadExtraCa(join(dir, 'nope.pem'));
    assert.ok('problem' in missing && missing.problem.includes('nope.pem does not exist'));
    const folder = await loadExtraCa(dir);
    assert.ok('problem' in folder && folder.problem.includes('is a folder, not a file'));
    const relative = await loadExtraCa('certs/corp.pem');
    assert.ok('problem' in relative);
    assert.match(relative.problem, /^auditLens\.extraCaFile: "certs\/corp\.pem" is not an absolute path\..*a leading ~ stands for your home folder/);
  });

  it('expands a leading ~ to the home folder, and only that', async () => {
    const home = join(dir, 'home');
    mkdirSync(join(home, 'certs'), { recursive: true });
    writeFileSync(join(home, 'certs', 'corp.pem'), readFileSync(server.cert));
    assert.equal(expandCaPath('~/certs/corp.pem', home), join(home, 'certs', 'corp.pem'));
    assert.equal(expandCaPath('/etc/~/x.pem', home), '/etc/~/x.pem');
    assert.equal(expandCaPath('~other/x.pem', home), '~other/x.pem');
    assert.ok('pem' in await loadExtraCa('~/certs/corp.pem', home));
  });

  it('the HTTP client refuses CA text that holds no certificate instead of ignoring it', () => {
    for (const ca of ['not a certificate at all', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', readFileSync(der, 'latin1')]) {
      assert.throws(() => tlsOptions({ connectTimeoutMs: 1000, ca }), (error: unknown) =>
        isAuditLensError(error) && error.reason === 'config' && /^The extra CA certificate (holds no PEM certificate|has a damaged certificate)/.test(error.message));
    }
    assert.equal(tlsOptions({ connectTimeoutMs: 1000, ca: readFileSync(server.cert, 'utf8') }).ca?.at(-1), readFileSync(server.cert, 'utf8'));
  });

  describe('requests', () => {
    let https: ReturnType<typeof createHttpsServer>;
    let url: string;
    before(async () => {
      https = createHttpsServer({ key: readFileSync(server.key), cert: readFileSync(server.cert) }, (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"secure":true}');
      });
      await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
      url = `https://127.0.0.1:${(https.address() as AddressInfo).port}/`;
    });
    after(async () => {
      https.closeAllConnections();
      await new Promise<void>((resolve) => https.close(() => resolve()));
    });
    const request = (): HttpRequest => ({ vendor: 'descope', method: 'GET', url, headers: {}, idempotent: true });

    it('when the set CA file does not verify the server, says so instead of advising to add a CA', async () => {
      const client = createHttpClient({ ca: readFileSync(other.cert, 'utf8'), maxRetries: 0, deadlineMs: 5000 });
      try {
        const raw = await failure(client.send(request()));
        assert.match(raw.message, /add its CA certificate/, 'the client\'s own advice, which the setting makes wrong');
        const explained = withExtraCaAdvice(raw, other.cert, url) as Error & { reason: string };
        assert.equal(explained.reason, 'network');
        assert.ok(!/add its CA/.test(explained.message), explained.message);
        assert.match(explained.message, new RegExp(`^The TLS certificate of 127\\.0\\.0\\.1:\\d+ could not be verified \\(DEPTH_ZERO_SELF_SIGNED_CERT\\), although auditLens\\.extraCaFile is set: neither the certificates in ${other.cert.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} nor the public roots verified the server\\.`));
        assert.equal(withExtraCaAdvice(raw, '', url), raw, 'without the setting the original advice stands');
      } finally {
        await client.close();
      }
    });

    it('the shared client gives that explanation, and trusts the server once the right file is set', async () => {
      const settings = new TestSettings({ extraCaFile: other.cert, requestTimeoutSeconds: 5 });
      const shared = new SharedHttpClient(settings, silent);
      try {
        const error = await failure(shared.send(request()));
        assert.match(error.message, /although auditLens\.extraCaFile is set/);
        settings.change({ extraCaFile: server.cert, requestTimeoutSeconds: 5 });
        assert.deepEqual((await shared.send(request())).json, { secure: true });
      } finally {
        shared.dispose();
      }
    });

    it('the shared client refuses requests while the CA file is not a certificate, and says why', async () => {
      const shared = new SharedHttpClient(new TestSettings({ extraCaFile: der }), silent);
      try {
        const error = await failure(shared.send(request()));
        assert.equal(error.reason, 'config');
        assert.match(error.message, /^auditLens\.extraCaFile: .*server\.cer is not a PEM certificate: it looks like a binary \(DER\) certificate\..* Audit Lens sends no requests until it is fixed/);
      } finally {
        shared.dispose();
      }
    });
  });
});

describe('extension settings: a refused proxy', () => {
  let server: Server;
  let hits = 0;
  let url: string;
  before(async () => {
    server = createHttpServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

  it('stops every request, even on a client already connected directly, until the proxy is fixed', async () => {
    const settings = new TestSettings({});
    const shared = new SharedHttpClient(settings, silent);
    const request = (): HttpRequest => ({ vendor: 'zluri', method: 'GET', url, headers: {}, idempotent: true });
    try {
      await shared.send(request());
      assert.equal(hits, 1);
      // A mistyped proxy reads as the default '' plus the mark: the value alone looks unchanged.
      settings.change({}, ['proxy']);
      const error = await failure(shared.send(request()));
      assert.equal(error.reason, 'config');
      assert.match(error.message, /^auditLens\.proxy is not a valid http:\/\/ or https:\/\/ URL, so Audit Lens sends no requests/);
      assert.equal(hits, 1, 'the request went around the proxy the user meant to set');
      settings.change({});
      await shared.send(request());
      assert.equal(hits, 2);
    } finally {
      shared.dispose();
    }
  });
});
