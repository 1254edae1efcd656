/**
 * Which Slack app the environment asks for. If this breaks, a deployment without a
 * signing secret starts anyway and accepts forged requests, or a correctly configured
 * one fails to start.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createSlack } from '../../../src/bot/slack/create-slack.ts';
import { createCommandRouter } from '../../../src/bot/commands/command-router.ts';
import { loadConfig } from '../../../src/config/config.ts';
import { systemClock } from '../../../src/core/clock.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import type { Intake } from '../../../src/core/ports/intake.ts';
import { createFeedbackStore } from '../../../src/store/feedback-store.ts';
import { createPrismaClient } from '../../../src/store/prisma-client.ts';
import { createTaskStore } from '../../../src/store/task-store.ts';
import { createWorkspaceStore } from '../../../src/store/workspace-store.ts';

// Never queried here: building the app touches no database.
const db = createPrismaClient('postgresql://postgres@127.0.0.1:5432/postgres', { poolSize: 1 });
afterAll(async () => db.$disconnect());
const intake: Intake = {
  submit: async () => ({ status: 'rejected', code: 'x', message: 'x', locale: 'ja' }),
  postPlaceholder: async () => {},
};
const deps = {
  db,
  tasks: createTaskStore(db),
  workspaces: createWorkspaceStore(db),
  feedback: createFeedbackStore(db),
  intake,
  commands: createCommandRouter({ intake, defaultLocale: 'ja' }),
  logger: silentLogger,
  clock: systemClock,
  encryption: { keys: { k1: new Uint8Array(randomBytes(32)) }, activeKeyId: 'k1' },
};

function build(env: Record<string, string>) {
  // Slack's settings are read with the rest of the configuration, once.
  const settings = loadConfig(env).slack;
  return settings
    ? createSlack({ ...deps, settings, defaults: { locale: 'ja', timeZone: 'Asia/Tokyo' } })
    : null;
}

describe('Slack from configuration', () => {
  it('is off when nothing Slack is configured', () => {
    expect(build({})).toBeNull();
  });

  it('refuses to start an HTTP request URL without the signing secret', () => {
    expect(() => build({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET is required/);
  });

  it('refuses Socket Mode without an app-level token', () => {
    expect(() => build({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SOCKET_MODE: 'true' })).toThrow(/SLACK_APP_TOKEN/);
    expect(() =>
      build({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SOCKET_MODE: 'true', SLACK_APP_TOKEN: 'xoxb-1' }),
    ).toThrow(/app-level token/);
  });

  it('runs Socket Mode without a public request URL', () => {
    const app = build({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SOCKET_MODE: 'true',
      SLACK_APP_TOKEN: 'xapp-1-A1-1-x',
    })!;
    expect(app.routes).toEqual([]);
  });

  it('serves one workspace from SLACK_BOT_TOKEN at /slack/events', () => {
    const app = build({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })!;
    expect(app.routes.map((route) => `${route.method} ${String(route.path)}`)).toEqual([
      'POST /slack/events',
    ]);
  });

  it('adds the install and redirect routes for OAuth, and wants all three OAuth settings', () => {
    const app = build({
      SLACK_SIGNING_SECRET: 's',
      SLACK_CLIENT_ID: '1.2',
      SLACK_CLIENT_SECRET: 'c',
      SLACK_STATE_SECRET: 'st',
    })!;
    expect(app.routes.map((route) => `${route.method} ${String(route.path)}`)).toEqual([
      'POST /slack/events',
      'GET /slack/install',
      'GET /slack/oauth_redirect',
    ]);
    expect(() => build({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: '1.2' })).toThrow(/required together/);
    expect(() =>
      build({
        SLACK_SIGNING_SECRET: 's',
        SLACK_CLIENT_ID: '1',
        SLACK_CLIENT_SECRET: 'c',
        SLACK_STATE_SECRET: 'st',
        SLACK_BOT_TOKEN: 'x',
      }),
    ).toThrow(/not both/);
  });
});
