import { z } from 'zod';
import { ConfigError, describeConfig, loadConfig, requiredVariables } from './define-config.js';
import { env } from './variables.js';

const shape = {
  HTTP_PORT: env.port('probe port'),
  NATS_URL: env.string('NATS servers').default('nats://127.0.0.1:4222'),
  SIGNING_KEY: env.secret('token signing key', 8),
  DEBUG_SQL: env.bool('log SQL').default(false),
};

describe('loadConfig', () => {
  it('parses, coerces and applies defaults', () => {
    const config = loadConfig(shape, { HTTP_PORT: '8080', SIGNING_KEY: 'abcdefgh', DEBUG_SQL: 'true' });
    expect(config).toEqual({ HTTP_PORT: 8080, NATS_URL: 'nats://127.0.0.1:4222', SIGNING_KEY: 'abcdefgh', DEBUG_SQL: true });
  });

  it('names every missing or invalid variable at once', () => {
    let error: unknown;
    try {
      loadConfig(shape, { HTTP_PORT: '99999', DEBUG_SQL: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/HTTP_PORT: invalid/);
    expect(problems).toMatch(/SIGNING_KEY: missing/);
    expect(problems).toMatch(/DEBUG_SQL: invalid/);
    expect(problems).not.toMatch(/NATS_URL/);
  });

  it('treats an empty variable as missing', () => {
    expect(() => loadConfig({ A: z.string() }, { A: '' })).toThrow(/A: invalid|A: missing/);
  });

  it('hides secrets when described and lists required variables', () => {
    const config = loadConfig(shape, { HTTP_PORT: '1', SIGNING_KEY: 'abcdefgh' });
    expect(describeConfig(shape, config)).toMatchObject({ SIGNING_KEY: '[secret]', HTTP_PORT: 1 });
    const refined = { CA_KEY_ENCRYPTION_KEY: z.string().refine((v) => v.length > 3), TLS_KEY_FILE: z.string() };
    expect(describeConfig(refined, { CA_KEY_ENCRYPTION_KEY: 'abcd', TLS_KEY_FILE: '/run/tls.key' })).toEqual({
      CA_KEY_ENCRYPTION_KEY: '[secret]',
      TLS_KEY_FILE: '/run/tls.key',
    });
    expect(requiredVariables(shape).sort()).toEqual(['HTTP_PORT', 'SIGNING_KEY']);
  });
});
