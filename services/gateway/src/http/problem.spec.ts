import { problem, statusOf } from './problem.js';

describe('problem+json mapping', () => {
  it.each([
    ['VALIDATION_FAILED', 400],
    ['ACCOUNT_NOT_FOUND', 404],
    ['UAI_ALREADY_HOSTED', 409],
    ['UPSTREAM_TIMEOUT', 504],
    ['UPSTREAM_UNAVAILABLE', 503],
    ['PAYLOAD_TOO_LARGE', 413],
    ['CERTIFICATE_REVOKED', 403],
    ['GRID_OUT_OF_RANGE', 422],
    ['BACKUP_STORAGE_UNAVAILABLE', 503],
    ['RUNTIME_TIMEOUT', 504],
    ['CREDENTIALS_INVALID', 401],
    ['ACCOUNT_SUSPENDED', 403],
    ['LOGIN_IP_SUSPENDED', 429],
  ])('%s → %i', (code, status) => {
    expect(statusOf(code)).toBe(status);
  });

  it('builds an RFC 9457 body with a stable type per code', () => {
    expect(problem('UAI_ALREADY_HOSTED', 'taken', { instance: '/x' })).toEqual({
      type: 'https://errors.pronote-hosting.example/uai-already-hosted',
      title: 'Conflict',
      status: 409,
      detail: 'taken',
      code: 'UAI_ALREADY_HOSTED',
      instance: '/x',
    });
  });
});
