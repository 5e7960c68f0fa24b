// Container healthcheck: `node deploy/healthcheck.mjs <url>` exits 0 when <url> answers 200.
// Plain JavaScript so that it starts in milliseconds (no TypeScript loader), every few seconds.
// HTTPS is accepted without verification: the probe only calls the container's own loopback
// address, whose certificate is issued for the public name.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

const TIMEOUT_MS = 3000;
const target = process.argv[2];

function probe(url) {
  return new Promise((resolve) => {
    const parsed = new URL(url);
    const send = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(parsed, { method: 'GET', rejectUnauthorized: false, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 ? 'ready' : `answered ${res.statusCode}`);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    req.on('error', (error) => resolve(error.message));
    req.end();
  });
}

if (!target) {
  console.error('usage: node deploy/healthcheck.mjs <url>');
  process.exit(1);
}
const outcome = await probe(target);
if (outcome !== 'ready') console.error(`${target}: ${outcome}`);
process.exit(outcome === 'ready' ? 0 : 1);
