import * as assert from 'node:assert/strict';
import { AuditLensError } from '../../../src/core/errors';
import { savedSearchSchema } from '../../../src/extension/savedSearches/savedSearchSchema';
import { searchNameProblem, splitPath } from '../../../src/extension/savedSearches/searchName';
import { describeError } from '../../../src/extension/util/describeError';

describe('words shown for errors and typed names', () => {
  it('shows a validation error as field: problem, never as a JSON dump', () => {
    const result = savedSearchSchema.safeParse({ name: 'n'.repeat(300), connection: 'all', query: '' });
    assert.ok(!result.success);
    const words = describeError(result.error);
    assert.ok(words?.startsWith('The input is not valid: name: '), words);
    assert.ok(!words?.includes('[') && !words?.includes('"code"'), words);
  });

  it('adds the vendor\'s words once, and says nothing for a cancellation', () => {
    const refused = new AuditLensError('auth', 'Zluri refused the credential (401).', { vendorMessage: 'Invalid API key' });
    assert.equal(describeError(refused), 'Zluri refused the credential (401). The vendor said: Invalid API key');
    const quoted = new AuditLensError('auth', 'Zluri says: "Invalid API key".', { vendorMessage: 'Invalid API key' });
    assert.equal(describeError(quoted), 'Zluri says: "Invalid API key".');
    assert.equal(describeError(new AuditLensError('cancelled', 'stopped')), undefined);
  });

  it('checks a typed Folder/Name against the saved-search limits before saving', () => {
    assert.deepEqual(splitPath(' Security / Logins /Failed '), { name: 'Failed', folder: 'Security/Logins' });
    assert.equal(searchNameProblem(' / '), 'A saved search needs a name.');
    assert.match(searchNameProblem('x'.repeat(201)) ?? '', /201 characters long; keep it to 200/);
    assert.match(searchNameProblem(`${'f'.repeat(250)}/name`) ?? '', /folder path is 250 characters/);
    assert.equal(searchNameProblem(`${'f'.repeat(200)}/${'n'.repeat(200)}`), undefined);
    // What the check lets through, the schema accepts.
    assert.ok(savedSearchSchema.safeParse({ name: 'n'.repeat(200), folder: 'f'.repeat(200), connection: 'all', query: '' }).success);
  });
});
