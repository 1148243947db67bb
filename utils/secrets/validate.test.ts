import { describe, expect, it } from 'vitest';
import { secret } from '@/test/fixtures';
import { changedFields, draftFrom, draftOf, fieldsOf, parseTags } from './draft';
import { validateDraft } from './validate';

const valid = draftFrom({ name: 'Payments', url: 'https://api.example.com', clientId: 'cid', clientSecret: 'sk' });

describe('validateDraft', () => {
  it('accepts a complete draft', () => {
    expect(validateDraft(valid, true)).toEqual({});
  });

  it.each([
    ['name', { name: '  ' }, 'formNameRequired'],
    ['name', { name: 'n'.repeat(201) }, 'formNameTooLong'],
    ['url', { url: '' }, 'formUrlRequired'],
    ['url', { url: 'api.example.com' }, 'formUrlInvalid'],
    ['url', { url: 'javascript:alert(1)' }, 'formUrlInvalid'],
    ['clientId', { clientId: '' }, 'formClientIdRequired'],
    ['clientSecret', { clientSecret: '' }, 'formSecretRequired'],
    ['identifier', { identifier: 'i'.repeat(101) }, 'formIdentifierTooLong'],
    ['tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(',') }, 'formTooManyTags'],
    ['tags', { tags: 't'.repeat(51) }, 'formTagTooLong'],
    ['notes', { notes: 'n'.repeat(5001) }, 'formNotesTooLong'],
  ])('refuses a bad %s', (field, change, key) => {
    expect(validateDraft({ ...valid, ...change }, true)).toEqual({ [field]: key });
  });

  it('lets Edit leave the client secret empty (kept as it is)', () => {
    expect(validateDraft({ ...valid, clientSecret: '' }, false)).toEqual({});
  });
});

describe('drafts', () => {
  it('turns the form’s text into the contract’s fields', () => {
    expect(fieldsOf({ ...valid, name: ' Payments ', identifier: ' ', tags: 'a, b,, a ,' })).toEqual({
      name: 'Payments',
      url: 'https://api.example.com',
      clientId: 'cid',
      identifier: null,
      method: 'GET',
      tags: ['a', 'b'],
      notes: '',
    });
    expect(parseTags('')).toEqual([]);
  });

  it('finds the fields an edit changed, and nothing when nothing did', () => {
    const s = secret({ tags: ['a', 'b'], identifier: 'PAY' });
    expect(changedFields(s, draftOf(s))).toEqual({});
    expect(changedFields(s, { ...draftOf(s), tags: 'a', identifier: '' })).toEqual({ tags: ['a'], identifier: null });
  });
});
