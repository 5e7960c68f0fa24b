// Starts the embedded S3 endpoint for the run script. Env: S3_EMBEDDED_DIR (required),
// S3_EMBEDDED_PORT (default 9000), S3_ACCESS_KEY / S3_SECRET_KEY (default minioadmin).
import { startEmbeddedS3 } from './embedded-s3.js';

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 9000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`S3_EMBEDDED_PORT must be a port number, got "${value}"`);
  return port;
}

async function main(): Promise<void> {
  const directory = process.env['S3_EMBEDDED_DIR'];
  if (!directory) throw new Error('S3_EMBEDDED_DIR must name the folder holding the embedded S3 data');
  const s3 = await startEmbeddedS3({
    directory,
    port: readPort(process.env['S3_EMBEDDED_PORT']),
    accessKey: process.env['S3_ACCESS_KEY'] ?? 'minioadmin',
    secretKey: process.env['S3_SECRET_KEY'] ?? 'minioadmin',
  });
  process.stdout.write(`${JSON.stringify({ event: 's3.ready', port: s3.port })}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    s3.close().then(
      () => {
        process.stdout.write(`${JSON.stringify({ event: 's3.stopped', signal })}\n`);
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`${JSON.stringify({ event: 's3.stop_failed', error: String(error) })}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ event: 's3.start_failed', error: error instanceof Error ? error.message : String(error) })}\n`);
  process.exit(1);
});
