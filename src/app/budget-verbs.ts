/**
 * The budget and usage verbs (`/kotae limits`, `/kotae usage`), built from the configuration
 * for the command router's `extraVerbs`.
 */
import type { Config } from '../config/config.ts';
import type { Clock } from '../core/clock.ts';
import type { CommandEvent } from '../core/chat-event.ts';
import type { AdminPolicy } from '../core/ports/admin-policy.ts';
import type { ChartUrlSigner } from '../bot/charts/chart-url-signer.ts';
import type { ChartImageStore } from '../store/chart-image-store.ts';
import type { VerbHandler } from '../bot/commands/command-router.ts';
import { createLimitsVerb } from '../bot/commands/limits-verb.ts';
import { createUsageVerb } from '../bot/commands/usage-verb.ts';
import { chartAltText } from '../render/chart/chart-alt-text.ts';
import { renderChart } from '../render/chart/render-chart.ts';
import { createLimitsStore } from '../store/limits-store.ts';
import type { Database } from '../store/prisma-client.ts';
import { createUsageStore } from '../store/usage-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';

export function createBudgetVerbs(deps: {
  config: Config;
  db: Database;
  workspaces: WorkspaceStore;
  adminPolicy: AdminPolicy;
  clock: Clock;
  /** Where usage charts are kept and signed, so Slack and Google Chat can fetch them by URL. */
  charts?: { store: ChartImageStore; signer: ChartUrlSigner; ttlMs: number };
}): Record<string, VerbHandler> {
  const { charts } = deps;
  const { config } = deps;
  const workspaceFor = (command: CommandEvent) =>
    deps.workspaces.ensure(command.thread.platform, command.thread.workspaceId, {
      locale: config.defaultLocale,
      timeZone: config.timeZone,
    });
  const defaultModel =
    config.models.chain[0] ?? config.models.openai?.defaultModel ?? config.models.gemini?.defaultModel;
  return {
    limits: createLimitsVerb({
      workspaceFor,
      limits: createLimitsStore(deps.db),
      adminPolicy: deps.adminPolicy,
      clock: deps.clock,
      userTasksPerHour: config.tasks.userTasksPerHour,
      maxBytesPerDay: config.usage.maxBytesPerDay,
    }),
    usage: createUsageVerb({
      workspaceFor,
      usage: createUsageStore(deps.db),
      adminPolicy: deps.adminPolicy,
      clock: deps.clock,
      usdPerTiB: config.usage.usdPerTiB,
      modelPrices: config.usage.modelPrices,
      ...(defaultModel ? { defaultModel } : {}),
      renderChart: (spec, options) => renderChart(spec, options),
      chartAltText,
      ...(charts
        ? {
            publishChart: async (png: Uint8Array) => {
              const expiresAt = new Date(deps.clock.now().getTime() + charts.ttlMs);
              const imageId = await charts.store.save({ png, expiresAt });
              // No platform file id: Slack and Chat show it by the signed URL.
              return { fileId: '', url: charts.signer.sign(imageId, expiresAt), shownInThread: false };
            },
          }
        : {}),
    }),
  };
}
