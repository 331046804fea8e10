import * as assert from 'node:assert/strict';
import type { HttpRequest } from '../../../src/core/http/types';
import { chunkEvents } from '../../../src/extension/panel/chunks';
import { toMarkdown } from '../../../src/extension/panel/copyFormats';
import { curlCommand } from '../../../src/extension/panel/curl';
import { contentSecurityPolicy, createNonce, renderPanelHtml } from '../../../src/extension/panel/html';
import { narrowedQuery, surroundingQuery, surroundingScope } from '../../../src/extension/panel/queries';
import { buildEvent, buildEvents } from '../../webview/eventBuilder';

describe('panel host: HTML and CSP', () => {
  it('allows only its own nonce-tagged script, no network, nothing inline', () => {
    const nonce = createNonce();
    assert.notEqual(nonce, createNonce());
    assert.match(nonce, /^[A-Za-z0-9_-]{24}$/);
    const html = renderPanelHtml({ cspSource: 'https://w.example', nonce, scriptUri: 'https://w.example/panel.js', styleUri: 'https://w.example/panel.css' });
    const csp = contentSecurityPolicy('https://w.example', nonce);
    assert.ok(html.includes(`content="${csp}"`.replace(/'/g, "'")));
    assert.match(csp, /^default-src 'none'; /);
    assert.ok(csp.includes("connect-src 'none'") && csp.includes(`script-src 'nonce-${nonce}'`));
    assert.ok(!/unsafe-(inline|eval)/.test(csp));
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.ok(html.includes(`<script type="module" nonce="${nonce}" src="https://w.example/panel.js">`));
  });
});

describe('panel host: copy as cURL', () => {
  const request: HttpRequest = {
    vendor: 'descope',
    method: 'POST',
    url: 'https://api.descope.com/v1/mgmt/audit/search?x=$(id)',
    headers: { authorization: 'Bearer P2project123:key-secret-value-123', accept: 'application/json', 'x-encoded': 'ZW5jb2RlZA==' },
    body: '{"text":"it\'s \\"quoted\\""}',
    idempotent: true,
  };

  it('replaces the credential, and each part of a Project:Key credential, by placeholders', () => {
    const curl = curlCommand(request, { token: 'P2project123:key-secret-value-123' }, ['authorization']);
    assert.ok(!curl.includes('key-secret-value-123') && !curl.includes('P2project123'));
    assert.ok(curl.includes('-H "authorization: Bearer ${AUDIT_LENS_TOKEN}"'));
    assert.ok(curl.includes('"https://api.descope.com/v1/mgmt/audit/search?x=\\$(id)"'), 'shell syntax in the URL is escaped');
    assert.ok(curl.includes('--data "{\\"text\\":\\"it\'s \\\\\\"quoted\\\\\\"\\"}"'));
  });

  it('replaces an auth header wholesale when the secret appears only encoded', () => {
    const curl = curlCommand(request, { token: 'encoded' }, ['x-encoded', 'authorization']);
    assert.ok(curl.includes('-H "x-encoded: ${AUDIT_LENS_TOKEN}"'));
    assert.ok(!curl.includes('ZW5jb2RlZA=='));
  });

  it('uses the app-key placeholder for AXP', () => {
    const curl = curlCommand(
      { ...request, vendor: 'axp', body: undefined, headers: { authorization: 'Bearer tok-123456789', appkey: 'app-987654321' } },
      { token: 'tok-123456789', appKey: 'app-987654321' },
      ['authorization', 'appkey'],
    );
    assert.ok(curl.includes('-H "appkey: ${AUDIT_LENS_APP_KEY}"') && !curl.includes('app-987654321') && !curl.includes('--data'));
  });
});

describe('panel host: chunks, pivots and copy formats', () => {
  it('never posts more than the chunk limits, and keeps every event once in order', () => {
    const events = buildEvents(1_001);
    const chunks = chunkEvents(events, 250, 1_000_000);
    assert.deepEqual(chunks.map((c) => c.length), [250, 250, 250, 250, 1]);
    const big = chunkEvents([buildEvent({ description: 'x'.repeat(5000) }), buildEvent({ id: '2' }), buildEvent({ id: '3' })], 250, 4000);
    assert.deepEqual(big.map((c) => c.length), [1, 2]);
    assert.deepEqual(chunks.flat(), events);
  });

  it('narrows the query to an absolute range and keeps its filters', () => {
    const text = narrowedQuery('actor:bob since:24h "disk full"', '2025-12-04T10:00:00.000Z', '2025-12-04T11:00:00.000Z');
    assert.equal(text, 'actor:bob from:2025-12-04T10:00:00.000Z to:2025-12-04T11:00:00.000Z "disk full"');
  });

  it('runs a surrounding search on the event\'s own connection, and by actor also on other vendors\' connections', () => {
    const run = [
      { id: 'surfsight-us', vendor: 'surfsight' }, { id: 'surfsight-eu', vendor: 'surfsight' },
      { id: 'perfecto', vendor: 'perfecto' }, { id: 'zluri', vendor: 'zluri' },
    ];
    const event = buildEvent({ vendor: 'surfsight' });
    assert.deepEqual(surroundingScope(event, 'surfsight-eu', 'resource', run), ['surfsight-eu']);
    assert.deepEqual(surroundingScope(event, 'surfsight-eu', 'actor', run), ['surfsight-eu', 'perfecto', 'zluri']);
    assert.deepEqual(surroundingScope(event, 'surfsight-eu', 'actor', []), ['surfsight-eu']);
  });

  it('builds surrounding-events queries by actor or resource', () => {
    const event = buildEvent({ time: '2025-12-04T11:00:00.000Z' });
    assert.equal(surroundingQuery(event, 'actor', 5), 'actor:u-1 from:2025-12-04T10:55:00.000Z to:2025-12-04T11:05:00.000Z');
    assert.equal(surroundingQuery(event, 'resource', 1), 'resource:user/z-audit-23 from:2025-12-04T10:59:00.000Z to:2025-12-04T11:01:00.000Z');
    assert.equal(surroundingQuery(buildEvent({ actor: { id: null, name: null, type: null, role: null } }), 'actor', 5), undefined);
  });

  it('copies rows as a Markdown table with pipes and newlines escaped', () => {
    const md = toMarkdown([buildEvent({ description: 'a | b\nc' })]);
    const lines = md.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.ok(lines[2].includes('a \\| b c'));
  });
});
