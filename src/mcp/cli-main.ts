/** `node src/mcp/cli-main.ts --stdio`: the standalone server without the rest of the CLI. */
import { runMcpCommand } from './cli.ts';

runMcpCommand(process.argv.slice(2), process.env).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`kotae mcp: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
