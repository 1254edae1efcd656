/**
 * The manifest is the one paste that creates the Slack app. If this breaks, a new team's
 * app is missing a scope the code needs (answers fail with `missing_scope`), an event the
 * code listens for never arrives, or Slack rejects the paste outright.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLACK_BOT_SCOPES } from '../../../src/bot/slack/create-slack.ts';
import { SLACK_EVENTS_PATH } from '../../../src/bot/slack/slack-routes.ts';
import { SLACK_REDIRECT_PATH } from '../../../src/bot/slack/oauth.ts';

const manifest = readFileSync(join(import.meta.dirname, '../../../manifest/slack-app.yaml'), 'utf8');

/** The "- item" lines under `key:` (a small YAML subset, enough for this file). */
function listUnder(key: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((line) => line.trim() === `${key}:`);
  expect(start, `${key} is in the manifest`).toBeGreaterThanOrEqual(0);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim().startsWith('#')) continue;
    const item = /^\s*- ([^#]+?)\s*(#.*)?$/.exec(line);
    if (!item) break;
    items.push(item[1]!);
  }
  return items;
}

describe('manifest/slack-app.yaml', () => {
  it('requests exactly the bot scopes the OAuth install asks for', () => {
    expect(listUnder('bot').sort()).toEqual([...SLACK_BOT_SCOPES].sort());
  });

  it('subscribes to every event the app listens for', () => {
    expect(listUnder('bot_events').sort()).toEqual(
      [
        'app_mention',
        'app_uninstalled',
        'assistant_thread_context_changed',
        'assistant_thread_started',
        'message.im',
        'tokens_revoked',
      ].sort(),
    );
  });

  it('points events, the slash command and interactivity at the routes the bot serves', () => {
    const urls = [...manifest.matchAll(/(?:url|request_url): (https:\/\/\S+)/g)].map(
      (match) => new URL(match[1]!).pathname,
    );
    expect(urls).toEqual([SLACK_EVENTS_PATH, SLACK_EVENTS_PATH, SLACK_EVENTS_PATH]);
    expect(listUnder('redirect_urls').map((url) => new URL(url).pathname)).toEqual([SLACK_REDIRECT_PATH]);
    expect(manifest).toMatch(/- command: \/kotae\n/);
    expect(manifest).toMatch(/assistant_view:/);
    expect(manifest).toMatch(/socket_mode_enabled: (true|false)/);
  });

  it('has a long description Slack accepts (at least 175 characters)', () => {
    const folded = /long_description: >-\n((?: {4}.*\n)+)/.exec(manifest)![1]!;
    const text = folded
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join(' ');
    expect(text.length).toBeGreaterThanOrEqual(175);
    expect(text.length).toBeLessThanOrEqual(4000);
  });
});
