// Prints the markdown tables of every service's configuration variables (docs/operations.md):
//   node --import @swc-node/register/esm-register tools/docs/config-table.ts
//   ... tools/docs/config-table.ts --write docs/operations.md   (replaces the marked section)
import { readFile, writeFile } from 'node:fs/promises';
import { renderConfigTables, withConfigTables } from './render-config-tables.js';
import { SERVICE_CONFIG_SHAPES } from './service-shapes.js';

async function main(args: string[]): Promise<void> {
  const tables = renderConfigTables(SERVICE_CONFIG_SHAPES);
  const [flag, file] = args;
  if (flag !== '--write') {
    process.stdout.write(tables);
    return;
  }
  if (!file) throw new Error('usage: config-table.ts [--write <markdown file>]');
  await writeFile(file, withConfigTables(await readFile(file, 'utf8'), tables));
  console.log(`updated the configuration tables of ${file}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
