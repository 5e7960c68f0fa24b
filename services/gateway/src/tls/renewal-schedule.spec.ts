import { isTransientEnrolmentFailure, renewalDelayMs } from './renewal-schedule.js';

describe('renewalDelayMs', () => {
  const notBefore = new Date('2026-01-01T00:00:00Z');
  const notAfter = new Date('2026-01-01T00:01:40Z');

  it('waits until half of the validity has gone', () => {
    expect(renewalDelayMs({ notBefore, notAfter }, notBefore)).toBe(50_000);
    expect(renewalDelayMs({ notBefore, notAfter }, new Date('2026-01-01T00:00:30Z'))).toBe(20_000);
  });

  it('renews at once past half life (or when already expired)', () => {
    expect(renewalDelayMs({ notBefore, notAfter }, new Date('2026-01-01T00:01:00Z'))).toBe(0);
    expect(renewalDelayMs({ notBefore, notAfter }, new Date('2027-01-01T00:00:00Z'))).toBe(0);
  });
});

describe('isTransientEnrolmentFailure', () => {
  it('waits for a CA that does not answer yet, not for one that refuses', () => {
    expect(isTransientEnrolmentFailure({ code: 'UPSTREAM_UNAVAILABLE' })).toBe(true);
    expect(isTransientEnrolmentFailure({ code: 'UPSTREAM_TIMEOUT' })).toBe(true);
    expect(isTransientEnrolmentFailure(new Error('socket closed'))).toBe(true);
    expect(isTransientEnrolmentFailure({ code: 'SERVER_ENROLMENT_TOKEN_INVALID' })).toBe(false);
    expect(isTransientEnrolmentFailure({ code: 'SERVER_ENROLMENT_DISABLED' })).toBe(false);
    expect(isTransientEnrolmentFailure({ code: 'CERTIFICATE_SUBJECT_ALT_NAMES_INVALID' })).toBe(false);
  });
});
