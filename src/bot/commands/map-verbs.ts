/**
 * `map`, `unmap` and `mappings`: which datasets a channel (or, with `default`, every
 * channel of the workspace without its own mapping) may read. `map` checks everything
 * before saving: the arguments, the datasets against the warehouse backend (with a
 * close-match suggestion), and that the byte cap does not exceed the global cap.
 */
import type { CommandEvent } from '../../core/chat-event.ts';
import { formatBytes } from '../../core/i18n/format.ts';
import { t } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';
import type { CommandResult } from '../../core/ports/command-router.ts';
import { effectiveByteCap } from '../../core/warehouse-scope.ts';
import { DEFAULT_CHANNEL } from '../../store/workspace-store.ts';
import type { StoredMapping } from '../../store/mapping-store.ts';
import { asAdmin, info, usage, type AdminVerbDeps } from './admin-context.ts';
import { closestName, parseMapArgs } from './map-args.ts';
import type { VerbHandler } from './command-router.ts';
import { confirmReply } from './confirm-reply.ts';

const words = (args: string) => args.split(/\s+/).filter(Boolean);

function targetName(locale: Locale, channelId: string): string {
  return channelId === DEFAULT_CHANNEL
    ? t(locale, 'admin.map.target.default')
    : t(locale, 'admin.map.target.channel');
}

export function describeMapping(locale: Locale, mapping: StoredMapping, globalCap: number): string {
  const parts = [
    mapping.allowedDatasets.map((d) => `\`${d}\``).join(', '),
    ...(mapping.projectId ? [`project=${mapping.projectId}`] : []),
    ...(mapping.location ? [`location=${mapping.location}`] : []),
    `max-bytes=${formatBytes(effectiveByteCap(mapping.maxBytesBilled, globalCap), locale)}`,
  ];
  return parts.join(' ');
}

export function createMapVerbs(deps: AdminVerbDeps): Record<string, VerbHandler> {
  const globalCap = deps.global.maxBytesBilled;

  async function map(command: CommandEvent, args: string, locale: Locale): Promise<CommandResult> {
    const parsed = parseMapArgs(words(args), globalCap);
    if (!parsed.ok) {
      const params = { ...parsed.params };
      if (parsed.problem === 'admin.map.overCap') {
        params.cap = formatBytes(globalCap, locale);
      }
      return usage(locale, 'map', { key: parsed.problem, ...(params ? { params } : {}) });
    }
    const { args: mapArgs } = parsed;
    const projectId = mapArgs.projectId ?? deps.global.projectId;
    let known: string[];
    try {
      known = await deps.datasets.list(mapArgs.projectId);
    } catch {
      known = [];
    }
    const missing = mapArgs.datasets.find((dataset) => !known.includes(dataset));
    if (missing) {
      const guess = closestName(missing, known);
      return usage(
        locale,
        'map',
        { key: 'admin.map.unknownDataset', params: { value: missing } },
        guess ? t(locale, 'admin.map.didYouMean', { value: guess }) : undefined,
      );
    }
    const channelId = mapArgs.isDefault ? DEFAULT_CHANNEL : command.thread.channelId;
    const mapping: StoredMapping = {
      channelId,
      projectId: projectId ?? '',
      allowedDatasets: mapArgs.datasets,
      location: mapArgs.location,
      maxBytesBilled: mapArgs.maxBytes === null ? null : Number(mapArgs.maxBytes),
    };
    const workspaceId = await deps.workspaceIdOf(command);
    await deps.mappings.set(workspaceId, mapping, command.userId);
    return info(
      locale,
      t(locale, 'admin.map.saved', {
        target: targetName(locale, channelId),
        datasets: mapping.allowedDatasets.map((d) => `\`${d}\``).join(', '),
        cap: formatBytes(effectiveByteCap(mapping.maxBytesBilled, globalCap), locale),
      }),
    );
  }

  async function unmap(command: CommandEvent, args: string, locale: Locale): Promise<CommandResult> {
    const list = words(args).map((word) => word.toLowerCase());
    const isDefault = list[0] === 'default';
    const rest = isDefault ? list.slice(1) : list;
    if (rest.length > 1 || (rest.length === 1 && rest[0] !== 'confirm')) return usage(locale, 'unmap');
    const channelId = isDefault ? DEFAULT_CHANNEL : command.thread.channelId;
    const target = targetName(locale, channelId);
    const workspaceId = await deps.workspaceIdOf(command);
    if (!(await deps.mappings.get(workspaceId, channelId)))
      return info(locale, t(locale, 'admin.unmap.nothing', { target }));
    if (rest[0] !== 'confirm') {
      const confirm = `unmap${isDefault ? ' default' : ''} confirm`;
      return confirmReply(
        locale,
        t(locale, 'admin.unmap.confirm', { target, confirm: `/kotae ${confirm}` }),
        confirm,
      );
    }
    const removed = await deps.mappings.remove(workspaceId, channelId, command.userId);
    return info(locale, t(locale, removed ? 'admin.unmap.done' : 'admin.unmap.nothing', { target }));
  }

  async function mappings(command: CommandEvent, args: string, locale: Locale): Promise<CommandResult> {
    if (words(args).length > 0) return usage(locale, 'mappings');
    const list = await deps.mappings.list(await deps.workspaceIdOf(command));
    if (list.length === 0) return info(locale, t(locale, 'admin.map.list.empty'));
    const lines = list.map((mapping) => {
      const name =
        mapping.channelId === DEFAULT_CHANNEL ? t(locale, 'admin.map.list.default') : mapping.channelId;
      return `- ${name}: ${describeMapping(locale, mapping, globalCap)}`;
    });
    return info(locale, [`**${t(locale, 'admin.map.list.title')}**`, ...lines].join('\n'));
  }

  return {
    map: (command, args, locale) => asAdmin(deps, command, locale, () => map(command, args, locale)),
    unmap: (command, args, locale) => asAdmin(deps, command, locale, () => unmap(command, args, locale)),
    mappings: (command, args, locale) =>
      asAdmin(deps, command, locale, () => mappings(command, args, locale)),
  };
}
