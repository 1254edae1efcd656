/**
 * Which keys a workspace's model calls carry: its own (entered with `/kotae keys`) in place
 * of the global key of that provider, else the global ones. The fallback chain is the same
 * either way. One resolver per workspace and key set, so clients are reused across tasks.
 */
import { createHash } from 'node:crypto';
import {
  createModelResolver,
  type ModelResolver,
  type ModelResolverOptions,
} from '../agent/models/model-resolver.ts';
import type { Config } from '../config/config.ts';
import type { CredentialStore } from '../store/credential-store.ts';

export type WorkspaceModels = (workspaceId: string) => Promise<ModelResolver>;

export function createWorkspaceModels(
  models: Config['models'],
  credentials: Pick<CredentialStore, 'keysFor'>,
  options: ModelResolverOptions,
): WorkspaceModels {
  const global = createModelResolver(models, options);
  const resolvers = new Map<string, ModelResolver>();
  return async (workspaceId) => {
    const keys = await credentials.keysFor(workspaceId);
    const openai =
      models.openai && keys['openai'] ? { ...models.openai, apiKey: keys['openai'] } : models.openai;
    const gemini =
      models.gemini && keys['gemini'] ? { ...models.gemini, apiKey: keys['gemini'] } : models.gemini;
    if (openai === models.openai && gemini === models.gemini) return global;
    // Keyed by a digest, so the map never holds a key as a readable string.
    const id = createHash('sha256')
      .update(`${workspaceId}\0${openai?.apiKey ?? ''}\0${gemini?.apiKey ?? ''}`)
      .digest('hex');
    let resolver = resolvers.get(id);
    if (!resolver) {
      resolver = createModelResolver(
        { chain: models.chain, ...(openai ? { openai } : {}), ...(gemini ? { gemini } : {}) },
        options,
      );
      resolvers.set(id, resolver);
    }
    return resolver;
  };
}
