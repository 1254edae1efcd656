/**
 * The warehouse as a task reaches it: its tools (an MCP client behind the ToolProvider
 * port), what the server says about itself, and its SQL dialect. src/mcp's in-process link
 * returns one; the agent and digests take an OpenWarehouse.
 */
import type { TaskView } from './task-handler.ts';
import type { ToolProvider } from './tool-provider.ts';

export interface WarehouseConnection extends ToolProvider {
  /** The server's instructions, for the system prompt (dialect, "search first", limits). */
  instructions?: string;
  /** The SQL dialect as the server reports it, e.g. "DuckDB SQL" or "GoogleSQL (BigQuery)". */
  dialect: string;
  close(): Promise<void>;
}

export type OpenWarehouse = (task: TaskView) => Promise<WarehouseConnection>;
