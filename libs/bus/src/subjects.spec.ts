import { prefixSubject, unprefixSubject } from './subjects.js';

describe('subject prefix', () => {
  it('prefixes and strips the prefix', () => {
    expect(prefixSubject('t1', 'hosting.base.created.v1')).toBe('t1.hosting.base.created.v1');
    expect(unprefixSubject('t1', 't1.hosting.base.created.v1')).toBe('hosting.base.created.v1');
  });

  it('leaves subjects alone without a prefix, and rejects foreign ones with a prefix', () => {
    expect(prefixSubject(undefined, 'hosting.>')).toBe('hosting.>');
    expect(unprefixSubject(undefined, 'hosting.x')).toBe('hosting.x');
    expect(unprefixSubject('t1', 't10.hosting.x')).toBeUndefined();
  });
});
