import { subjectMatches, supportsMultipleFilters } from './subject-match.js';

describe('subjectMatches', () => {
  it.each([
    ['hosting.base.created.v1', 'hosting.base.created.v1', true],
    ['hosting.base.created.v1', 'hosting.base.created.v2', false],
    ['hosting.*.created.v1', 'hosting.backup.created.v1', true],
    ['hosting.*', 'hosting.base.created', false],
    ['hosting.>', 'hosting.base.created.v1', true],
    ['hosting.>', 'hosting', false],
    ['p.hosting.>', 'hosting.base', false],
  ])('%s matches %s: %s', (pattern, subject, expected) => {
    expect(subjectMatches(pattern, subject)).toBe(expected);
  });
});

describe('supportsMultipleFilters', () => {
  it('needs nats-server 2.10', () => {
    expect(supportsMultipleFilters('2.9.10')).toBe(false);
    expect(supportsMultipleFilters('2.10.0')).toBe(true);
    expect(supportsMultipleFilters('2.11.4')).toBe(true);
    expect(supportsMultipleFilters('3.0.0')).toBe(true);
  });
});
