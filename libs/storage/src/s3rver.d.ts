// s3rver ships no types: only what embedded-s3.ts uses is declared.
declare module 's3rver' {
  import type { IncomingMessage, Server } from 'node:http';

  interface S3rverOptions {
    address?: string;
    port?: number;
    directory?: string;
    silent?: boolean;
    resetOnClose?: boolean;
    vhostBuckets?: boolean;
    allowMismatchedSignatures?: boolean;
  }

  interface KoaContext {
    method: string;
    path: string;
    query: Record<string, string | string[] | undefined>;
    headers: Record<string, string | string[] | undefined>;
    status: number;
    body: unknown;
    length: number;
    params?: Record<string, string>;
    req: IncomingMessage;
    set(field: string, value: string): void;
  }

  type Middleware = (ctx: KoaContext, next: () => Promise<unknown>) => unknown;

  interface FilesystemStore {
    getBucket(name: string): Promise<unknown>;
    getResourcePath(bucket: string, key: string | undefined, resource: string): string;
    deleteObject(bucket: string, key: string): Promise<void>;
    putObject(object: { bucket: string; key: string }): Promise<{ size: number; md5: string }>;
    copyObject(
      sourceBucket: string,
      sourceKey: string,
      targetBucket: string,
      targetKey: string,
      replacementMetadata?: Record<string, string>,
    ): Promise<Record<string, string>>;
    getMetadata(bucket: string, key: string): Promise<Record<string, string>>;
    putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5?: string): Promise<void>;
  }

  class S3rver {
    constructor(options: S3rverOptions);
    readonly middleware: Middleware[];
    readonly store: FilesystemStore;
    httpServer?: Server;
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
  export default S3rver;
}

declare module 's3rver/lib/models/account.js' {
  interface AwsAccount {
    createKeyPair(accessKeyId: string, secretAccessKey: string): void;
  }
  export const DUMMY_ACCOUNT: AwsAccount;
}

declare module 's3rver/lib/models/error.js' {
  class S3Error extends Error {
    constructor(code: string, message?: string, detail?: Record<string, unknown>);
  }
  export default S3Error;
}

declare module 's3rver/lib/models/object.js' {
  /** An object to store: keeps the metadata S3 keeps from `headers` (content type, user metadata...). */
  class S3Object {
    constructor(bucket: string, key: string, content: Buffer | NodeJS.ReadableStream, headers: Record<string, string | string[] | undefined>);
    readonly bucket: string;
    readonly key: string;
  }
  export default S3Object;
}

declare module 's3rver/lib/middleware/authentication.js' {
  import type S3rver from 's3rver';
  type Middleware = S3rver['middleware'][number];
  export default function authentication(): Middleware;
}
