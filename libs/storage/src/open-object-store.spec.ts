import { s3ConnectionFromUrl } from './s3-client.js';

describe('s3ConnectionFromUrl', () => {
  const credentials = { accessKey: 'a', secretKey: 's', region: 'us-east-1' };

  it.each([
    ['http://minio:9000', { endPoint: 'minio', port: 9000, useSSL: false }],
    ['https://s3.example.org', { endPoint: 's3.example.org', port: 443, useSSL: true }],
    ['http://127.0.0.1', { endPoint: '127.0.0.1', port: 80, useSSL: false }],
  ])('%s', (url, expected) => {
    expect(s3ConnectionFromUrl(url, credentials)).toEqual({ ...expected, ...credentials });
  });
});
