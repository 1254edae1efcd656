/**
 * Guards the dependency direction by reading import lines. If this fails, a module
 * reached across a boundary: e.g. the agent imported the bot, or a vendor SDK leaked
 * out of the one file named for that vendor, which would make vendors impossible to swap
 * and tests impossible to fake at the port.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'generated') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|js)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const specs: string[] = [];
  // `import … from 'x'`, a bare side-effect `import 'x'`, and `import('x')`.
  const pattern =
    /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) specs.push((match[1] ?? match[2] ?? match[3])!);
  return specs;
}

const files = sourceFiles(SRC).map((path) => ({
  file: relative(SRC, path).split('\\').join('/'),
  imports: importsOf(path),
}));

/** The path under src/ that a relative import lands on. */
function targetPath(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return relative(SRC, join(SRC, file, '..', spec))
    .split('\\')
    .join('/');
}

/** Folder of src/ that a relative import lands in. */
function targetFolder(file: string, spec: string): string | null {
  return targetPath(file, spec)?.split('/')[0] ?? null;
}

/** Which src/ folders each folder may not import. */
const FORBIDDEN: Record<string, string[]> = {
  core: ['bot', 'agent', 'mcp', 'render', 'queue', 'store', 'worker', 'sandbox', 'cli', 'config', 'digests'],
  agent: ['bot', 'cli', 'queue', 'worker', 'store'],
  mcp: ['bot', 'agent', 'cli', 'queue', 'worker', 'render', 'sandbox'],
  sandbox: ['bot', 'agent', 'mcp', 'cli', 'queue', 'worker', 'store', 'render'],
  render: ['bot', 'agent', 'mcp', 'cli', 'queue', 'worker', 'store', 'sandbox'],
  queue: ['bot', 'agent', 'mcp', 'cli', 'worker', 'render', 'sandbox'],
  store: ['bot', 'agent', 'mcp', 'cli', 'queue', 'worker', 'render', 'sandbox'],
  worker: ['bot', 'agent', 'mcp', 'cli', 'sandbox'],
  bot: ['agent', 'cli', 'worker', 'mcp', 'sandbox'],
};

/** Vendor SDKs and the only paths (prefixes under src/) allowed to import them. */
const VENDORS: Array<{ pattern: RegExp; allowed: string[] }> = [
  { pattern: /^@slack\//, allowed: ['bot/slack/'] },
  { pattern: /^@googleapis\/chat$/, allowed: ['bot/gchat/'] },
  { pattern: /^openai(\/|$)/, allowed: ['agent/models/openai'] },
  { pattern: /^@google\/genai/, allowed: ['agent/models/gemini'] },
  { pattern: /^@google-cloud\/bigquery/, allowed: ['mcp/bigquery/'] },
  { pattern: /^google-auth-library$/, allowed: ['bot/google-id-token-verifier', 'bot/gchat/'] },
  { pattern: /^@google-cloud\/pubsub/, allowed: ['queue/pubsub', 'bot/gchat/gchat-pubsub-subscriber'] },
  { pattern: /^@duckdb\//, allowed: ['mcp/duckdb/'] },
  { pattern: /^quickjs-emscripten/, allowed: ['sandbox/'] },
  { pattern: /^(chart\.js|@napi-rs\/canvas)/, allowed: ['render/chart/'] },
  { pattern: /^(@prisma\/|pg$|@electric-sql\/)/, allowed: ['store/'] },
  { pattern: /^express(\/|$)/, allowed: ['bot/http/'] },
  { pattern: /^prom-client(\/|$)/, allowed: ['app/metrics/'] },
  { pattern: /^@opentelemetry\//, allowed: ['app/telemetry/'] },
  { pattern: /^pino(\/|$)/, allowed: ['app/logging/'] },
];

describe('dependency direction', () => {
  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('keeps each folder from importing the folders above it', () => {
    const violations = files.flatMap(({ file, imports }) => {
      const folder = file.split('/')[0]!;
      const forbidden = FORBIDDEN[folder] ?? [];
      return imports
        .map((spec) => ({ spec, target: targetFolder(file, spec) }))
        .filter(({ target }) => target !== null && forbidden.includes(target))
        .map(({ spec }) => `${file} imports ${spec}`);
    });
    expect(violations).toEqual([]);
  });

  it('keeps the generated Prisma client (store/generated/) inside store/', () => {
    const violations = files.flatMap(({ file, imports }) =>
      imports
        .filter(
          (spec) => targetPath(file, spec)?.startsWith('store/generated/') && !file.startsWith('store/'),
        )
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(violations).toEqual([]);
  });

  it('lets only the CLI reach the composition root (app/)', () => {
    const violations = files.flatMap(({ file, imports }) => {
      const folder = file.split('/')[0]!;
      return imports
        .filter((spec) => targetFolder(file, spec) === 'app' && folder !== 'app' && folder !== 'cli')
        .map((spec) => `${file} imports ${spec}`);
    });
    expect(violations).toEqual([]);
  });

  it('keeps the ports in core/ free of store types: they import only core/ and name no row or store', () => {
    const ports = files.filter(({ file }) => file.startsWith('core/ports/') || file === 'core/task.ts');
    expect(ports.length).toBeGreaterThan(5);
    const violations = ports.flatMap(({ file, imports }) => {
      const outside = imports
        .filter((spec) => targetFolder(file, spec) !== 'core')
        .map((spec) => `${file} imports ${spec}`);
      const text = readFileSync(join(SRC, file), 'utf8');
      const named = [...text.matchAll(/\b(?:Prisma\w*|[A-Z]\w*(?:Record|Row|Store))\b/g)].map(
        ([name]) => `${file} names ${name}`,
      );
      return [...outside, ...named];
    });
    expect(violations).toEqual([]);
  });

  it('lets only the wiring (app/; bench/ lives outside src/) see the task store; every stage takes a task port', () => {
    const violations = files.flatMap(({ file, imports }) =>
      imports
        .filter((spec) => /\/store\/(task|step)-store\.ts$/.test(spec))
        .filter(() => !/^(store|app)\//.test(file))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(violations).toEqual([]);
  });

  it('keeps the product inside src/: nothing reaches the benchmarks (bench/) or the tests', () => {
    const violations = files.flatMap(({ file, imports }) =>
      imports.filter((spec) => targetFolder(file, spec) === '..').map((spec) => `${file} imports ${spec}`),
    );
    expect(violations).toEqual([]);
  });

  it('has no import cycles', () => {
    const graph = new Map<string, string[]>();
    for (const { file, imports } of files) {
      graph.set(
        file,
        imports
          .filter((spec) => spec.startsWith('.'))
          .map((spec) =>
            relative(SRC, join(SRC, file, '..', spec))
              .split('\\')
              .join('/'),
          ),
      );
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('keeps each vendor SDK inside the files named for that vendor', () => {
    const violations = files.flatMap(({ file, imports }) =>
      imports.flatMap((spec) =>
        VENDORS.filter(({ pattern }) => pattern.test(spec))
          .filter(({ allowed }) => !allowed.some((prefix) => file.startsWith(prefix)))
          .map(() => `${file} imports ${spec}`),
      ),
    );
    expect(violations).toEqual([]);
  });
});
