// Import rules that Nx's enforce-module-boundaries cannot see: it only knows aliases that exist in
// tsconfig paths (an unknown `@pronote/accounts` looks like an npm package to it), and it ignores
// relative paths that land outside every project (tools/, the workspace root).
import { readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

const ALIAS_SCOPE = '@pronote/';
const PROJECT_ROOT = /^(libs|services)\/[^/]+/;

/** `@pronote/*` aliases of tsconfig.base.json, split into libraries and tool entry points (tools/platform). */
export function readAliases(workspaceRoot) {
  const file = join(workspaceRoot, 'tsconfig.base.json');
  const { config, error } = ts.parseConfigFileTextToJson(file, readFileSync(file, 'utf8'));
  if (error) throw new Error(`Cannot read ${file}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  const libraries = new Set();
  const tools = new Set();
  for (const [alias, [target = ''] = []] of Object.entries(config.compilerOptions?.paths ?? {})) {
    if (!alias.startsWith(ALIAS_SCOPE)) continue;
    (target.startsWith('libs/') ? libraries : tools).add(alias);
  }
  return { libraries, tools };
}

function createRule({ libraries, tools }) {
  return {
    meta: {
      type: 'problem',
      docs: { description: 'Cross-project imports go through a library alias, never a deep, unknown or relative path.' },
      schema: [{ type: 'object', properties: { allowToolAliases: { type: 'boolean' } }, additionalProperties: false }],
      messages: {
        deepImport: "Deep import '{{source}}': import the public entry '{{entry}}' only.",
        notALibrary: "'{{source}}' is not a library alias: services are never imported, only libs/<name> via @pronote/<name>.",
        toolAlias: "'{{source}}' is tooling (launcher, test helpers): import it only from tests and tools/.",
        escapesProject: "Relative import '{{source}}' leaves the project '{{project}}': import a library by its @pronote/<name> alias.",
      },
    },
    create(context) {
      const allowToolAliases = context.options[0]?.allowToolAliases ?? false;
      const workspacePath = relative(context.cwd, context.filename).split(sep).join('/');
      const project = PROJECT_ROOT.exec(workspacePath)?.[0];

      function checkAlias(node, source) {
        const entry = source.split('/').slice(0, 2).join('/');
        const known = libraries.has(entry) || tools.has(entry);
        if (!known) return context.report({ node, messageId: 'notALibrary', data: { source } });
        if (entry !== source) return context.report({ node, messageId: 'deepImport', data: { source, entry } });
        if (tools.has(entry) && !allowToolAliases) context.report({ node, messageId: 'toolAlias', data: { source } });
      }

      function checkRelative(node, source) {
        const target = posix.normalize(posix.join(posix.dirname(workspacePath), source));
        if (!target.startsWith(`${project}/`)) {
          context.report({ node, messageId: 'escapesProject', data: { source, project } });
        }
      }

      function check(node) {
        const source = node?.type === 'Literal' ? node.value : undefined;
        if (typeof source !== 'string') return;
        if (source.startsWith(ALIAS_SCOPE)) checkAlias(node, source);
        else if (project && source.startsWith('.')) checkRelative(node, source);
      }

      return {
        ImportDeclaration: (node) => check(node.source),
        ExportNamedDeclaration: (node) => check(node.source),
        ExportAllDeclaration: (node) => check(node.source),
        ImportExpression: (node) => check(node.source),
      };
    },
  };
}

/** ESLint plugin `pronote` with the rule `project-imports`. */
export function projectImportsPlugin(workspaceRoot) {
  return { meta: { name: 'pronote' }, rules: { 'project-imports': createRule(readAliases(workspaceRoot)) } };
}
