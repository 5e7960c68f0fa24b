import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';

// The workspace compiles without the DOM lib, where the WebAssembly types live.
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => {
    exports: Record<string, unknown>;
  };
}
const { Module: WasmModule, Instance: WasmInstance } = (globalThis as unknown as { WebAssembly: WebAssemblyApi })
  .WebAssembly;

let initialised: Promise<void> | undefined;

// The package's entry point imports the .wasm file as an ES module, which Node 20 only allows
// behind --experimental-wasm-modules; instantiating it by hand works everywhere (Jest included).
async function instantiateWasm(): Promise<void> {
  const entryPoint = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm');
  const module = new WasmModule(await readFile(join(dirname(entryPoint), 'schema_engine_bg.wasm')));
  const instance = new WasmInstance(module, { './schema_engine_bg.js': withUnrefTimers(bindings) });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports['__wbindgen_start'] as () => void)();
}

// The engine arms a 10 s timer around its advisory lock and never clears it once the lock is
// taken; unref'd, such timers no longer keep a finished CLI or test worker alive for 10 s.
function withUnrefTimers(imports: typeof bindings): Record<string, unknown> {
  const patched: Record<string, unknown> = { ...imports };
  for (const name of Object.keys(patched).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    patched[name] = (callback: () => void, delayMillis: number) => setTimeout(callback, delayMillis >>> 0).unref();
  }
  return patched;
}

export interface SchemaEngineSession {
  /** Prisma schema files the engine should know about, as [path, content]. */
  datamodels?: [string, string][];
  log?: (line: string) => void;
}

/**
 * Runs `work` with a fresh engine bound to `adapterFactory`, then closes every connection the
 * engine opened (the engine itself does not, and an open connection would keep its lock).
 */
export async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  session: SchemaEngineSession,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  initialised ??= instantiateWasm();
  await initialised;
  const tracked = trackConnections(adapterFactory);
  const engine = await bindings.SchemaEngine.new(
    { datamodels: session.datamodels },
    session.log ?? (() => undefined),
    bindMigrationAwareSqlAdapterFactory(tracked.factory),
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
    await tracked.disposeAll();
  }
}

function trackConnections(inner: SqlMigrationAwareDriverAdapterFactory) {
  const opened: SqlDriverAdapter[] = [];
  const remember = async (connecting: Promise<SqlDriverAdapter>) => {
    const connection = await connecting;
    opened.push(connection);
    return connection;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => remember(inner.connect()),
    connectToShadowDb: () => remember(inner.connectToShadowDb()),
  };
  const disposeAll = async () => {
    const results = await Promise.allSettled(opened.reverse().map((c) => c.dispose()));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  };
  return { factory, disposeAll };
}
