import * as assert from 'node:assert/strict';
import { readSettings, settingsSchema } from '../../../src/extension/settings/settingsSchema';
import { settingsWarning } from '../../../src/extension/settings/settingsWarning';

const read = (values: Record<string, unknown>) => readSettings((name) => values[name]);

describe('extension settings: precise feedback', () => {
  it('keeps each valid vendor page size when another vendor\'s is wrong, and names the key at fault', () => {
    const { settings, problems, invalid } = read({ pageSize: { zluri: 100, perfecto: 0, descope: '50', zlury: 20 } });
    assert.deepEqual(settings.pageSize, { zluri: 100 });
    assert.deepEqual(invalid, ['pageSize']);
    assert.equal(problems.length, 3);
    assert.match(problems[0] ?? '', /^auditLens\.pageSize\.perfecto: Too small.*using perfecto's default page size\.$/);
    assert.match(problems[1] ?? '', /^auditLens\.pageSize\.descope: .*expected number/);
    assert.match(problems[2] ?? '', /^auditLens\.pageSize\.zlury: not a vendor \(use perfecto, axp, descope, surfsight, zluri\)/);
  });

  it('still refuses a page size setting that is not an object as a whole', () => {
    const { settings, problems } = read({ pageSize: 100 });
    assert.deepEqual(settings.pageSize, {});
    assert.match(problems[0] ?? '', /^auditLens\.pageSize: .*using the default\.$/);
  });

  it('shows each column once and says so, as package.json\'s uniqueItems asks', () => {
    const { settings, problems, invalid } = read({ columns: ['time', 'actor', 'time', 'actor', 'status'] });
    assert.deepEqual(settings.columns, ['time', 'actor', 'status']);
    assert.deepEqual(invalid, ['columns']);
    assert.deepEqual(problems, ['auditLens.columns: lists "time", "actor" more than once; showing each column once.']);
    assert.equal(settingsSchema.shape.columns.safeParse(['time', 'time']).success, false);
  });

  it('names the item at fault in a list', () => {
    const { settings, problems } = read({ columns: ['time', 'bogus'] });
    assert.equal(settings.columns.length, 8);
    assert.match(problems[0] ?? '', /^auditLens\.columns\[1\]: Invalid option/);
  });

  it('marks a mistyped proxy as refused, says requests stop, and never repeats its credentials', () => {
    for (const proxy of ['http://user:s3cret@proxy corp:3128', 'proxy.corp:3128', 'socks5://proxy:1080']) {
      const { settings, problems, invalid } = read({ proxy });
      assert.equal(settings.proxy, '', proxy);
      assert.deepEqual(invalid, ['proxy'], proxy);
      assert.equal(problems.length, 1, proxy);
      assert.match(problems[0] ?? '', /^auditLens\.proxy: use an http:\/\/ or https:\/\/ URL like http:\/\/proxy\.corp:3128; vendor requests are refused until it is fixed/, proxy);
      assert.ok(!(problems[0] ?? '').includes('s3cret'));
    }
    assert.deepEqual(read({ proxy: 'http://proxy.corp:3128' }).invalid, []);
  });

  it('builds one warning naming every bad setting, with a Settings search for exactly those', () => {
    const { problems, invalid } = read({ proxy: 'http://proxy corp:3128', requestTimeoutSeconds: 0, pageSize: { perfecto: 0 } });
    const warning = settingsWarning(problems, invalid.map((key) => `auditLens.${key}`));
    assert.ok(warning);
    assert.match(warning.message, /^3 Audit Lens settings need fixing: /);
    for (const name of ['auditLens.proxy', 'auditLens.requestTimeoutSeconds', 'auditLens.pageSize.perfecto']) assert.ok(warning.message.includes(`${name}:`), name);
    assert.equal(warning.query, '@id:auditLens.pageSize,auditLens.requestTimeoutSeconds,auditLens.proxy');
    assert.equal(settingsWarning([], []), undefined);
    assert.match(settingsWarning(['auditLens.maxEvents: Too big'], ['auditLens.maxEvents', 'auditLens.maxEvents'])?.query ?? '', /^@id:auditLens\.maxEvents$/);
  });
});
