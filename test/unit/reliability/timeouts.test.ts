import * as assert from 'node:assert/strict';
import type { HttpClient } from '../../../src/core/http/types';
import type { Emulator } from '../../../src/emulator/server';
import { emulatorTarget } from '../search/fixtures';
import { search } from '../../../src/core/search/engine';
import { delay, eventually, fastClient, NOW, PAGE, QUERY, runSearch, startReliabilityEmulator, watchUnhandledRejections } from './harness';

/** Row 5: slow headers, a trickling body, a server that never answers; cancelling at any moment. */
describe('reliability 5: timeouts and cancellation through the search engine', function () {
  this.timeout(20_000);
  let emulator: Emulator;
  let http: HttpClient | undefined;
  let rejections: ReturnType<typeof watchUnhandledRejections>;
  const perfecto = (): ReturnType<typeof emulatorTarget> => emulatorTarget(emulator, 'perfecto');
  const paged = { pageSize: { perfecto: PAGE }, concurrency: 1 };

  before(async () => { emulator = await startReliabilityEmulator(); });
  after(() => emulator.close());
  beforeEach(async () => {
    emulator.faults.clear();
    emulator.requests.length = 0;
    rejections = watchUnhandledRejections();
    assert.ok(await eventually(() => emulator.openSockets === 0), 'sockets of an earlier test are still open');
  });
  afterEach(async () => {
    await http?.close();
    http = undefined;
    await delay(20);
    rejections.stop();
    assert.deepEqual(rejections.list, [], 'an unhandled rejection happened');
  });

  const timeouts: Array<[string, Parameters<Emulator['faults']['add']>[0]['fault'], Parameters<typeof fastClient>[0], RegExp]> = [
    ['slow headers', { kind: 'slow-headers', ms: 3_000 }, { headersTimeoutMs: 200 }, /did not start answering within 0\.2 seconds \(headers timeout\)/],
    ['a body that stops trickling', { kind: 'trickle', chunkBytes: 16, intervalMs: 1_000 }, { bodyTimeoutMs: 200 }, /stopped sending the response for 0\.2 seconds \(body timeout\)/],
    ['a body that trickles steadily past the deadline', { kind: 'trickle', chunkBytes: 8, intervalMs: 20 }, { bodyTimeoutMs: 5_000, deadlineMs: 400 }, /did not answer within the overall deadline of 0\.4 seconds/],
    ['a server that never answers', { kind: 'hang' }, { headersTimeoutMs: 300 }, /did not start answering within 0\.3 seconds \(headers timeout\)/],
    ['a server that never answers, under the overall deadline', { kind: 'hang' }, { headersTimeoutMs: 60_000, deadlineMs: 300 }, /overall deadline of 0\.3 seconds/],
  ];
  for (const [name, fault, options, wording] of timeouts) {
    it(`times out ${name} mid-paging, keeps the pages fetched`, async () => {
      emulator.faults.add({ vendor: 'perfecto', skip: 1, fault });
      http = fastClient(options);
      // No wall-clock check: had the timeout not fired, the slow page would have arrived and there would be no error.
      const run = await runSearch([perfecto()], { http, ...paged });
      assert.equal(run.errors.length, 1);
      const { error } = run.errors[0]!;
      assert.equal(error.reason, 'timeout');
      assert.match(error.message, /^Perfecto at 127\.0\.0\.1:\d+ /);
      assert.match(error.message, wording);
      assert.equal(run.events.length, PAGE);
      assert.equal(emulator.requests.length, 2, 'a timed-out page was sent again');
    });

    it(`times out ${name} on the first page and frees its socket while the client stays open`, async () => {
      emulator.faults.add({ vendor: 'perfecto', fault });
      http = fastClient(options);
      const run = await runSearch([perfecto()], { http, ...paged });
      assert.equal(run.errors[0]?.error.reason, 'timeout');
      assert.ok(await eventually(() => emulator.openSockets === 0, 500), `${emulator.openSockets} sockets open`);
    });
  }

  const phases: Array<[string, Parameters<Emulator['faults']['add']>[0]['fault']]> = [
    ['waiting for headers', { kind: 'hang' }],
    ['mid-body', { kind: 'trickle', chunkBytes: 8, intervalMs: 30 }],
    ['during slow headers', { kind: 'slow-headers', ms: 5_000 }],
  ];
  for (const [name, fault] of phases) {
    it(`cancels ${name}: no error, nothing more sent, every socket freed`, async () => {
      emulator.faults.add({ vendor: 'perfecto', fault });
      http = fastClient({ bodyTimeoutMs: 10_000, headersTimeoutMs: 10_000 });
      const controller = new AbortController();
      const running = runSearch([perfecto()], { http, signal: controller.signal, ...paged });
      assert.ok(await eventually(() => emulator.openSockets >= 1 && emulator.requests.some((r) => r.vendor === 'perfecto')));
      await delay(80);
      controller.abort();
      const run = await running;
      assert.equal(run.summary.cancelled, true);
      assert.deepEqual(run.errors, [], 'a cancellation was reported as an error');
      const sent = emulator.requests.length;
      await delay(100);
      assert.equal(emulator.requests.length, sent, 'requests were sent after the cancel');
      assert.ok(await eventually(() => emulator.openSockets === 0, 500), `${emulator.openSockets} sockets open with the client still open`);
    });
  }

  it('cancels during a backoff and during a Retry-After wait without sending again', async () => {
    for (const fault of [{ kind: 'status', status: 503 }, { kind: 'status', status: 429, headers: { 'retry-after': '2' } }] as const) {
      emulator.faults.clear();
      emulator.requests.length = 0;
      emulator.faults.add({ vendor: 'perfecto', skip: 1, fault });
      const client = fastClient({ backoffBaseMs: 60_000, backoffMaxMs: 60_000 });
      try {
        const controller = new AbortController();
        const running = runSearch([perfecto()], { http: client, signal: controller.signal, ...paged });
        assert.ok(await eventually(() => emulator.requests.length === 2));
        await delay(50);
        controller.abort();
        const run = await running;
        // Had the wait not been cut short, the retry would have sent a third request (checked below).
        assert.equal(run.summary.cancelled, true);
        assert.deepEqual(run.errors, []);
        assert.equal(run.events.length, PAGE);
        await delay(50);
        assert.equal(emulator.requests.length, 2);
      } finally {
        await client.close();
      }
    }
  });

  for (const at of [0, 2, 8, 20, 45, 90, 150]) {
    it(`cancels at ${at} ms into a multi-page search over slow pages: clean end, nothing sent after`, async () => {
      emulator.faults.add({ fault: { kind: 'latency', ms: 15 } });
      emulator.faults.add({ vendor: 'zluri', skip: 2, fault: { kind: 'trickle', chunkBytes: 64, intervalMs: 5 } });
      http = fastClient();
      const client = http;
      const controller = new AbortController();
      let sentAfterCancel = 0;
      const counting: HttpClient = {
        send: (request) => {
          if (controller.signal.aborted) sentAfterCancel++;
          return client.send(request);
        },
        close: () => client.close(),
      };
      const running = runSearch([perfecto(), emulatorTarget(emulator, 'zluri'), emulatorTarget(emulator, 'axp')], { http: counting, signal: controller.signal, pageSize: { perfecto: PAGE, zluri: PAGE, axp: PAGE } });
      await delay(at);
      controller.abort();
      const run = await running;
      assert.equal(run.summary.cancelled, true);
      assert.deepEqual(run.errors, []);
      assert.equal(sentAfterCancel, 0, 'the engine sent requests after the cancel');
      await delay(50); // requests already on the wire when the cancel came may still land
      const landed = emulator.requests.length;
      await delay(60);
      assert.equal(emulator.requests.length, landed, 'requests kept arriving after the cancel');
    });
  }

  it('stopping the consumer (return()) mid-search cancels the rest', async () => {
    emulator.faults.add({ fault: { kind: 'latency', ms: 10 } });
    http = fastClient();
    const updates = search([perfecto()], QUERY, { http, now: () => NOW, ...paged });
    const first = await updates.next();
    assert.equal(first.value?.kind, 'page');
    await updates.return(undefined);
    const sent = emulator.requests.length;
    await delay(100);
    assert.equal(emulator.requests.length, sent);
    assert.ok(sent < 6, `${sent} pages fetched after the consumer stopped`);
  });
});
