/**
 * `run_analysis`: JavaScript over earlier results, in the sandbox (QuickJS, no I/O, limits
 * on time, memory and output). Inputs are named result ids (`{ "sales": "q1" }`), so rows
 * go from the warehouse to the sandbox without passing through the model.
 */
import { z } from 'zod';
import type { Sandbox } from '../../core/ports/sandbox.ts';
import { ANALYSIS_LIBRARY_DOC } from '../../sandbox/analysis-library.ts';
import type { ResultStore } from '../result-store.ts';
import { describeIssues, errorResult, jsonSchemaOf, type LocalTool } from './local-tool.ts';

const argsSchema = z.object({
  code: z
    .string()
    .min(1)
    .max(20_000)
    .describe(
      'JavaScript: the body of `async function (inputs)`. Read data as inputs.<name>; `return` a JSON-serialisable value. No I/O, no imports, no timers.',
    ),
  inputs: z
    .record(z.string().regex(/^[A-Za-z_$][\w$]*$/), z.string())
    .optional()
    .describe(
      'Names for the code\'s inputs, each an earlier result id, e.g. {"sales": "q1"} gives inputs.sales. A query result is an array of row objects keyed by column name.',
    ),
});

/** Keeps what the model reads back small; the full value stays in the store under its id. */
const MAX_CONTENT_CHARS = 8_000;

export function createRunAnalysisTool(sandbox: Sandbox, store: ResultStore): LocalTool {
  return {
    spec: {
      name: 'run_analysis',
      description:
        'Run JavaScript over earlier query results (by id, e.g. q1) for calculations SQL makes awkward: ' +
        'growth rates, shares, rankings, statistics. Returns the value and an analysis id (a1, a2, …) ' +
        'that make_chart can use.\n' +
        ANALYSIS_LIBRARY_DOC,
      inputSchema: jsonSchemaOf(argsSchema),
    },
    async call(rawArgs) {
      const parsed = argsSchema.safeParse(rawArgs);
      if (!parsed.success) return errorResult(`Invalid arguments: ${describeIssues(parsed.error)}`);
      const inputs: Record<string, unknown> = {};
      for (const [name, id] of Object.entries(parsed.data.inputs ?? {})) {
        if (!store.has(id)) {
          return errorResult(
            `Unknown result id "${id}" for input "${name}". Known ids: ${store.ids().join(', ') || 'none yet'}.`,
          );
        }
        inputs[name] = store.resolve(id);
      }
      const result = await sandbox.run({ code: parsed.data.code, inputs });
      if (!result.ok) {
        const where = result.error.line === undefined ? '' : ` (line ${result.error.line})`;
        return {
          content: `${result.error.kind} error${where}: ${result.error.message}${logsText(result.logs)}`,
          isError: true,
          data: { error: result.error },
        };
      }
      const id = store.addAnalysis(result.value);
      const body = JSON.stringify({ analysis_id: id, value: result.value }) ?? 'null';
      const content =
        body.length <= MAX_CONTENT_CHARS
          ? body
          : `${JSON.stringify({ analysis_id: id, note: `value too large to show (${body.length} chars); use the id` })}`;
      return {
        content: content + logsText(result.logs),
        isError: false,
        data: { analysisId: id, value: result.value },
      };
    },
  };
}

function logsText(logs: string[]): string {
  return logs.length === 0 ? '' : `\nconsole output:\n${logs.slice(0, 20).join('\n')}`;
}
