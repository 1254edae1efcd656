/**
 * Tool input schemas as vendors accept them. `$schema` and `$id` describe the schema
 * document, not the arguments; zod and some MCP servers emit them and some model APIs
 * refuse unknown keywords, so they are dropped.
 */
export function withoutMetaKeys(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}
