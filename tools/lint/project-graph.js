// @nx/enforce-module-boundaries reads the project graph from Nx's cache and silently skips itself
// when there is none (fresh clone, CI) or uses stale edges after a change. Plain `eslint .` therefore
// refreshes the graph first; under `nx run-many -t lint` Nx has just computed it, so it is reused.
import { createProjectGraphAsync } from '@nx/devkit';

export async function refreshProjectGraph() {
  if (process.env['NX_TASK_TARGET_PROJECT']) return;
  process.env['NX_DAEMON'] ??= 'false';
  await createProjectGraphAsync({ exitOnError: true });
}
