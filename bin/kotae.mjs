#!/usr/bin/env node
// The `kotae` CLI. Runs the compiled CLI when `npm run build` has produced it, and the
// TypeScript sources directly otherwise (Node >= 22.12 strips types natively).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const source = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
await import(pathToFileURL(existsSync(built) ? built : source).href);
