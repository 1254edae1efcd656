/**
 * What the agent needs from the warehouse: its tools (an MCP client behind the ToolProvider
 * port), what the server says about itself, and its SQL dialect. src/mcp's
 * connectWarehouse() returns one; any ToolProvider with these fields will do.
 */
import type { ToolProvider } from '../core/ports/tool-provider.ts';
import type { TaskView } from '../core/ports/task-handler.ts';

export interface WarehouseConnection extends ToolProvider {
  /** The MCP server's `instructions`, passed on to the model. */
  instructions?: string;
  /** The SQL dialect as the server reports it, e.g. "BigQuery GoogleSQL" or "DuckDB". */
  dialect: string;
  close(): Promise<void>;
}

export type OpenWarehouse = (task: TaskView) => Promise<WarehouseConnection>;
