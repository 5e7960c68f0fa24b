import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

// Lints in-memory snippets as if they lived at the given path, with the workspace's real config.
const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: workspaceRoot, overrideConfigFile: `${workspaceRoot}eslint.config.js` });

async function ruleViolations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath, warnIgnored: true });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

describe('workspace lint boundaries', () => {
  it('lets a service import a library through its alias', async () => {
    const code = "import { loadConfig } from '@pronote/config';\nexport const load = loadConfig;\n";
    expect(await ruleViolations('services/bases/src/tenants/x.ts', code)).toEqual([]);
  });

  it('rejects a service importing another service by alias', async () => {
    const code = "import { AccountsService } from '@pronote/accounts';\nexport const s = AccountsService;\n";
    expect(await ruleViolations('services/bases/src/tenants/x.ts', code)).toEqual([
      expect.stringMatching(/^pronote\/project-imports: '@pronote\/accounts' is not a library alias/),
    ]);
  });

  it('rejects a service importing another service by relative path', async () => {
    const code = "import { AccountsService } from '../../../accounts/src/accounts/accounts.service.js';\nexport const s = AccountsService;\n";
    const violations = await ruleViolations('services/bases/src/tenants/x.ts', code);
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^@nx\/enforce-module-boundaries: Projects cannot be imported by a relative or absolute path/),
        expect.stringMatching(/^pronote\/project-imports: Relative import .* leaves the project 'services\/bases'/),
      ]),
    );
  });

  it('rejects a library importing a service, by relative path or alias', async () => {
    const relativeImport = "import { Tenant } from '../../../services/bases/src/tenants/tenant.js';\nexport type T = Tenant;\n";
    expect(await ruleViolations('libs/bus/src/x.ts', relativeImport)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^@nx\/enforce-module-boundaries: Projects cannot be imported by a relative/)]),
    );
    const aliasImport = "import { BasesModule } from '@pronote/bases';\nexport const m = BasesModule;\n";
    expect(await ruleViolations('libs/bus/src/x.ts', aliasImport)).toEqual([
      expect.stringMatching(/^pronote\/project-imports: '@pronote\/bases' is not a library alias/),
    ]);
  });

  it('rejects a cycle between libraries (bus already depends on contracts)', async () => {
    const code = "import { startConsumer } from '@pronote/bus';\nexport const start = startConsumer;\n";
    expect(await ruleViolations('libs/contracts/src/x.ts', code)).toEqual([
      expect.stringMatching(/^@nx\/enforce-module-boundaries: Circular dependency between "contracts" and "bus" detected/),
    ]);
  });

  it('keeps the testing library out of production code', async () => {
    const code = "import { freePort } from '@pronote/testing';\nexport const port = freePort;\n";
    expect(await ruleViolations('services/bases/src/tenants/x.ts', code)).toEqual([
      expect.stringMatching(/^no-restricted-imports: '@pronote\/testing' import is restricted/),
    ]);
    expect(await ruleViolations('services/bases/test/x.test.ts', code)).toEqual([]);
  });

  it("rejects a deep import into a library's folders", async () => {
    const code = "import { connectBus } from '@pronote/bus/src/connection.js';\nexport const c = connectBus;\n";
    expect(await ruleViolations('services/bases/src/tenants/x.ts', code)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^pronote\/project-imports: Deep import '@pronote\/bus\/src\/connection.js'/)]),
    );
  });

  it('keeps the platform launcher alias to tests and tools', async () => {
    const code = "import { startPlatform } from '@pronote/platform';\nexport const start = startPlatform;\n";
    expect(await ruleViolations('services/gateway/src/x.ts', code)).toEqual([
      expect.stringMatching(/^pronote\/project-imports: '@pronote\/platform' is tooling/),
    ]);
    expect(await ruleViolations('services/gateway/test/x.test.ts', code)).toEqual([]);
  });

  it.each([
    ["it.only('runs alone', () => {});", 'it.only'],
    ["describe.only('suite', () => {});", 'describe.only'],
    ["test.only('runs alone', () => {});", 'test.only'],
    ["fit('runs alone', () => {});", 'fit'],
    ["fdescribe('suite', () => {});", 'fdescribe'],
  ])('rejects a focused test: %s', async (code) => {
    expect(await ruleViolations('services/bases/test/x.test.ts', code)).toEqual([
      expect.stringMatching(/^no-restricted-syntax: Focused test committed/),
    ]);
  });

  it('rejects process.env in a service feature folder, allows it in config/', async () => {
    const code = "export const url = process.env['DATABASE_URL'];\n";
    expect(await ruleViolations('services/bases/src/tenants/x.ts', code)).toEqual([
      expect.stringMatching(/^no-restricted-properties: 'process.env' is restricted/),
    ]);
    expect(await ruleViolations('services/bases/src/config/x.ts', code)).toEqual([]);
  });

  it('rejects explicit any and unused variables', async () => {
    const code = 'export function f(value: any): void {\n  const unused = 1;\n}\n';
    expect(await ruleViolations('libs/contracts/src/x.ts', code)).toEqual([
      expect.stringMatching(/^@typescript-eslint\/no-unused-vars: 'value'/),
      expect.stringMatching(/^@typescript-eslint\/no-explicit-any:/),
      expect.stringMatching(/^@typescript-eslint\/no-unused-vars: 'unused'/),
    ]);
  });
});
