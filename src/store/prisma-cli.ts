/**
 * Runs the stock Prisma CLI with our WebAssembly schema engine (scripts/schema-engine.mjs),
 * so `generate`, `migrate` and `db` work with no access to Prisma's binary host.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PRISMA_CLI = fileURLToPath(new URL('../../node_modules/prisma/build/index.js', import.meta.url));
const SCHEMA_ENGINE = fileURLToPath(new URL('../../scripts/schema-engine.mjs', import.meta.url));

export interface PrismaCliOptions {
  databaseUrl?: string;
  stdio?: 'inherit' | 'pipe';
}

export interface PrismaCliResult {
  code: number;
  output: string;
}

export function prismaCliEnv(databaseUrl?: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    PRISMA_SCHEMA_ENGINE_BINARY: SCHEMA_ENGINE,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    PRISMA_DISABLE_WARNINGS: process.env['PRISMA_DISABLE_WARNINGS'] ?? '',
    CHECKPOINT_DISABLE: '1',
  };
}

/** Runs the CLI; resolves with its exit code (and output when piped). */
export async function runPrismaCli(args: string[], options: PrismaCliOptions = {}): Promise<number> {
  return (await runPrismaCliCapture(args, options)).code;
}

export function runPrismaCliCapture(
  args: string[],
  options: PrismaCliOptions = {},
): Promise<PrismaCliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PRISMA_CLI, ...args], {
      cwd: ROOT,
      env: prismaCliEnv(options.databaseUrl),
      stdio: options.stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
