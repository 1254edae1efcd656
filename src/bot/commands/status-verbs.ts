/**
 * `status` (anyone): this channel's warehouse scope, the workspace's model and its admins;
 * `model` (admin): shows or sets the workspace's model; `audit` (admin): recent changes;
 * `help`: the usual help, plus the admin verbs for admins only.
 */
import type { CommandEvent } from '../../core/chat-event.ts';
import { formatBytes, formatDateTime } from '../../core/i18n/format.ts';
import { t } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';
import type { CommandResult } from '../../core/ports/command-router.ts';
import { resolveWarehouseScope } from '../../core/warehouse-scope.ts';
import { helpText } from '../../render/help.ts';
import { DEFAULT_CHANNEL } from '../../store/workspace-store.ts';
import {
  asAdmin,
  info,
  nameIn,
  personOf,
  usage,
  type AdminVerb,
  type AdminVerbDeps,
} from './admin-context.ts';
import type { VerbHandler } from './command-router.ts';

/** Help's admin section (`status` is for anyone: it is in the general list). */
const ADMIN_VERBS: readonly AdminVerb[] = ['map', 'unmap', 'mappings', 'admins', 'model', 'keys', 'audit'];
const MODEL = /^([a-z][a-z0-9-]*)\/([A-Za-z0-9][A-Za-z0-9._:-]{0,99})$/;
const AUDIT_LIMIT = 20;

export function createStatusVerbs(deps: AdminVerbDeps): Record<string, VerbHandler> {
  async function status(command: CommandEvent, args: string, locale: Locale): Promise<CommandResult> {
    if (args.trim()) return usage(locale, 'status');
    const workspaceId = await deps.workspaceIdOf(command);
    const [channel, fallback, model, admins] = await Promise.all([
      deps.mappings.get(workspaceId, command.thread.channelId),
      deps.mappings.get(workspaceId, DEFAULT_CHANNEL),
      deps.admins.model(workspaceId),
      deps.policy.adminNames({ platform: command.thread.platform, workspaceId: command.thread.workspaceId }),
    ]);
    const scope = resolveWarehouseScope({ channel, workspaceDefault: fallback, global: deps.global });
    const source = {
      channel: 'admin.status.source.channel',
      'workspace-default': 'admin.status.source.default',
      configuration: 'admin.status.source.configuration',
    } as const;
    const datasets =
      scope.allowedDatasets === '*'
        ? t(locale, 'admin.all')
        : scope.allowedDatasets.map((d) => `\`${d}\``).join(', ');
    const lines = [
      `**${t(locale, 'admin.status.title')}** ${t(locale, source[scope.source])}`,
      `- ${t(locale, 'admin.status.datasets', { value: datasets })}`,
      ...(scope.projectId ? [`- ${t(locale, 'admin.status.project', { value: scope.projectId })}`] : []),
      ...(scope.location ? [`- ${t(locale, 'admin.status.location', { value: scope.location })}`] : []),
      `- ${t(locale, 'admin.status.cap', { value: formatBytes(scope.maxBytesBilled, locale) })}`,
      `- ${t(locale, 'admin.status.model', {
        value: model ?? t(locale, 'admin.status.modelDefault', { value: deps.defaultModel }),
      })}`,
      `- ${t(locale, 'admin.status.admins', { value: admins.join(', ') || t(locale, 'admin.none') })}`,
    ];
    return info(locale, lines.join('\n'));
  }

  async function model(command: CommandEvent, args: string, locale: Locale): Promise<CommandResult> {
    const words = args.split(/\s+/).filter(Boolean);
    const workspaceId = await deps.workspaceIdOf(command);
    if (words.length === 0) {
      const current = await deps.admins.model(workspaceId);
      const value = current ?? t(locale, 'admin.status.modelDefault', { value: deps.defaultModel });
      return info(locale, t(locale, 'admin.model.current', { value }));
    }
    if (words.length > 1) return usage(locale, 'model');
    const word = words[0]!;
    if (word.toLowerCase() === 'default') {
      await deps.admins.setModel(workspaceId, null, command.userId);
      return info(
        locale,
        t(locale, 'admin.model.set', {
          value: t(locale, 'admin.status.modelDefault', { value: deps.defaultModel }),
        }),
      );
    }
    const match = MODEL.exec(word);
    const provider = match?.[1] ?? word.split('/')[0] ?? word;
    if (!deps.providers.includes(provider)) {
      return usage(locale, 'model', {
        key: 'admin.model.unknownProvider',
        params: {
          value: provider.replace(/`/g, ''),
          providers: deps.providers.join(', ') || t(locale, 'admin.none'),
        },
      });
    }
    if (!match) return usage(locale, 'model');
    await deps.admins.setModel(workspaceId, word, command.userId);
    return info(locale, t(locale, 'admin.model.set', { value: `\`${word}\`` }));
  }

  async function audit(command: CommandEvent, args: string, locale: Locale): Promise<CommandResult> {
    if (args.trim()) return usage(locale, 'audit');
    const workspaceId = await deps.workspaceIdOf(command);
    const records = await deps.readAudit(workspaceId, AUDIT_LIMIT);
    if (records.length === 0) return info(locale, t(locale, 'admin.audit.empty'));
    const timeZone = await deps.timeZoneOf(workspaceId);
    const show = (value: unknown) => (value === null || value === undefined ? '∅' : JSON.stringify(value));
    const names = new Map<string, string>();
    for (const actor of new Set(records.map((record) => record.actor)))
      names.set(actor, await nameIn(deps, command, actor));
    const lines = records.map(
      (record) =>
        `- ${t(locale, 'admin.audit.line', {
          when: formatDateTime(record.at, locale, timeZone),
          who: names.get(record.actor) ?? record.actor,
          action: `\`${record.action}\``,
          target: record.target ? `\`${record.target}\`` : '',
          change: `\`${show(record.before)} → ${show(record.after)}\``,
        })}`,
    );
    return info(locale, [`**${t(locale, 'admin.audit.title')}**`, ...lines].join('\n'));
  }

  async function help(
    command: CommandEvent,
    _args: string,
    locale: Locale,
    verbs: readonly string[] = [...ADMIN_VERBS, 'status', 'ask', 'help'],
  ): Promise<CommandResult> {
    const base = helpText(locale, { verbs });
    if (!(await deps.policy.isAdmin(personOf(command)))) return info(locale, base);
    const lines = ADMIN_VERBS.filter((verb) => verbs.includes(verb)).map(
      (verb) => `- ${t(locale, `admin.usage.${verb}`)} — ${t(locale, `admin.what.${verb}`)}`,
    );
    if (verbs.includes('limits')) lines.push(`- ${t(locale, 'help.admin.limits')}`);
    return info(locale, [base, `**${t(locale, 'admin.help.title')}**`, lines.join('\n')].join('\n\n'));
  }

  return {
    help,
    status,
    model: (command, args, locale) => asAdmin(deps, command, locale, () => model(command, args, locale)),
    audit: (command, args, locale) => asAdmin(deps, command, locale, () => audit(command, args, locale)),
  };
}
