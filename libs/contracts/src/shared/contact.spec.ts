import { emailSchema, mobilePhoneSchema } from './contact.js';

describe('contact fields', () => {
  it.each(['06 12 34 56 78', '0712345678', '+33612345678', '0033 6.12.34.56.78'])('accepts mobile %s', (raw) => {
    expect(mobilePhoneSchema.parse(raw)).toMatch(/^\+33[67]\d{8}$/);
  });
  it.each(['0112345678', '06123', '+4412345678', 'abc'])('refuses %s', (raw) => {
    expect(mobilePhoneSchema.safeParse(raw).success).toBe(false);
  });
  it('normalises e-mail and refuses garbage', () => {
    expect(emailSchema.parse(' Direction@College.FR ')).toBe('direction@college.fr');
    expect(emailSchema.safeParse('not-an-email').success).toBe(false);
  });
});
