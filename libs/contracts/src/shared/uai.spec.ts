import { isValidUai, uaiCheckLetter, uaiSchema } from './uai.js';

describe('UAI check letter', () => {
  it.each([
    ['0750654', 'D'],
    ['0750653', 'C'],
    ['0000000', 'A'],
    ['0000022', 'Z'],
    ['0000023', 'A'],
  ])('%s → %s', (digits, letter) => {
    expect(uaiCheckLetter(digits)).toBe(letter);
  });

  it('accepts valid codes and refuses a wrong letter or shape', () => {
    expect(isValidUai('0750654D')).toBe(true);
    expect(isValidUai('0750654E')).toBe(false);
    expect(isValidUai('750654D')).toBe(false);
    expect(isValidUai('0750654I')).toBe(false);
  });

  it('normalises what people type before checking', () => {
    expect(uaiSchema.parse(' 0750653c ')).toBe('0750653C');
    expect(uaiSchema.safeParse('0750653D').success).toBe(false);
  });
});
