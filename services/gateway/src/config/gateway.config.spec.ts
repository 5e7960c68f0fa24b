import { ConfigError } from '@pronote/config';
import { loadGatewayConfig } from './gateway.config.js';

describe('gateway TLS configuration', () => {
  const base = { OPERATOR_TOKEN: 'o'.repeat(32) };
  const token = { GATEWAY_ENROLMENT_TOKEN: 't'.repeat(32) };

  it('enrols with accounts when no certificate file is given, with localhost names by default', () => {
    const config = loadGatewayConfig({ ...base, ...token });
    expect(config.TLS_CERT_FILE).toBeUndefined();
    expect(config.TLS_SERVER_NAMES).toEqual(['localhost', '127.0.0.1', '::1']);
    expect(loadGatewayConfig({ ...base, ...token, TLS_SERVER_NAMES: ' console.example.fr , 10.0.0.5 ' }).TLS_SERVER_NAMES).toEqual([
      'console.example.fr',
      '10.0.0.5',
    ]);
  });

  it('uses the operator certificate without any enrolment token', () => {
    expect(loadGatewayConfig({ ...base, TLS_CERT_FILE: '/run/tls/gateway.crt', TLS_KEY_FILE: '/run/tls/gateway.key' }).TLS_KEY_FILE).toBe(
      '/run/tls/gateway.key',
    );
  });

  it('refuses half a certificate, enrolment without a token, or without names', () => {
    expect(() => loadGatewayConfig({ ...base, ...token, TLS_CERT_FILE: '/run/tls/gateway.crt' })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE go together/);
    expect(() => loadGatewayConfig(base)).toThrow(ConfigError);
    expect(() => loadGatewayConfig(base)).toThrow(/GATEWAY_ENROLMENT_TOKEN/);
    expect(() => loadGatewayConfig({ ...base, ...token, TLS_SERVER_NAMES: ' , ' })).toThrow(/TLS_SERVER_NAMES/);
    expect(() => loadGatewayConfig({ ...base, GATEWAY_ENROLMENT_TOKEN: 'short' })).toThrow(/GATEWAY_ENROLMENT_TOKEN/);
  });
});
