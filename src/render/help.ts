/**
 * The help text (`/kotae help`) and the greeting for Google Chat's ADDED_TO_SPACE, as
 * Markdown in our subset: the caller wraps it in an info Reply and each converter
 * renders it like any answer. Admins also get their verbs, from status-verbs.ts.
 */
import type { Locale } from '../core/locale.ts';
import { infoReply, type Reply } from '../core/reply.ts';
import { t } from '../core/i18n/translate.ts';

export interface HelpOptions {
  /** The slash command as the platform knows it. Default "/kotae". */
  command?: string;
  /** The verbs this router has; the ones anyone may use get a line. Default: ask and help. */
  verbs?: readonly string[];
}

/** The verbs anyone may use, in the order help lists them. */
const EVERYONE_VERBS = ['ask', 'status', 'limits', 'usage', 'digest', 'help'] as const;

export function helpText(locale: Locale, options: HelpOptions = {}): string {
  const command = options.command ?? '/kotae';
  const verbs = new Set(options.verbs ?? ['ask', 'help']);
  return [
    `**${t(locale, 'help.title')}**`,
    t(locale, 'help.intro'),
    `**${t(locale, 'help.commands')}**`,
    EVERYONE_VERBS.filter((verb) => verbs.has(verb))
      .map((verb) => `- ${t(locale, `help.command.${verb}`, { command })}`)
      .join('\n'),
    t(locale, 'help.mention'),
    `**${t(locale, 'help.examples')}**`,
    (['help.example.1', 'help.example.2', 'help.example.3'] as const)
      .map((key) => `- ${t(locale, key)}`)
      .join('\n'),
    t(locale, 'help.footer'),
  ].join('\n\n');
}

export function helpReply(locale: Locale, options: HelpOptions = {}): Reply {
  return infoReply(locale, helpText(locale, options));
}

export function welcomeText(locale: Locale, options: HelpOptions = {}): string {
  return t(locale, 'help.welcome', {
    command: options.command ?? '/kotae',
    example: t(locale, 'help.example.1'),
  });
}

/** For a verb the router does not know: points at help instead of failing silently. */
export function unknownCommandText(locale: Locale, verb: string, options: HelpOptions = {}): string {
  // The verb is the user's own text: code spans keep it from being read as markup.
  return t(locale, 'help.unknownCommand', {
    verb: verb.replace(/`/g, ''),
    command: options.command ?? '/kotae',
  });
}
