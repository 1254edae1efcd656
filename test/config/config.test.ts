/**
 * If these fail, a mistyped variable would start Kotae with a silently wrong setting, or
 * stop it with a message that does not say which variable is wrong.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

describe('loadConfig', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeNull();
    expect(config.databasePoolSize).toBe(1);
    expect(config.queue.kind).toBe('memory');
    expect(config.warehouse.kind).toBe('duckdb');
    expect(config.server.port).toBe(8080);
    expect(config.server.publicBaseUrl).toBe('http://localhost:8080');
    expect(config.models.openai).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be a whole number \(got "abc"\)$/],
    [{ PORT: '70000' }, /^PORT must be at most 65535/],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL must be a URL/],
    [{ OPENAI_BASE_URL: 'file:///etc/passwd' }, /^OPENAI_BASE_URL must be an http\(s\) URL/],
    [{ OPENAI_BASE_URL: 'localhost:11434/v1' }, /^OPENAI_BASE_URL must be an http\(s\) URL/],
    [{ SLACK_SOCKET_MODE: 'maybe' }, /^SLACK_SOCKET_MODE must be true or false/],
    [{ KOTAE_QUEUE: 'pubsub' }, /^PUBSUB_PROJECT_ID is required/],
    [{ KOTAE_WAREHOUSE: 'bigquery' }, /^BIGQUERY_PROJECT_ID is required/],
  ])('names the variable in one line for %j', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('selects Pub/Sub, BigQuery and providers from their variables', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://db.internal:5432/kotae',
      PUBSUB_PROJECT_ID: 'acme',
      BIGQUERY_PROJECT_ID: 'acme-dwh',
      BIGQUERY_DATASETS: 'sales, marketing',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      GEMINI_API_KEY: 'g-key',
      KOTAE_MODEL_CHAIN: 'gemini/gemini-2.5-flash,openai/llama3',
      WORKER_CONCURRENCY: '3',
    });
    expect(config.databasePoolSize).toBe(10);
    // WORKER_CONCURRENCY is what a pulling worker holds at once, as for push and in-process.
    expect(config.queue).toMatchObject({ kind: 'pubsub', projectId: 'acme', maxMessages: 3 });
    expect(config.warehouse).toMatchObject({ kind: 'bigquery', datasets: ['sales', 'marketing'] });
    expect(config.models.openai?.baseURL).toBe('http://127.0.0.1:11434/v1');
    expect(config.models.gemini?.apiKey).toBe('g-key');
    expect(config.models.chain).toEqual(['gemini/gemini-2.5-flash', 'openai/llama3']);
  });

  it('reads the chat platforms with the rest, once: off when unset, stopping start-up when half set', () => {
    expect(loadConfig({})).toMatchObject({ slack: null, gchat: null });
    const config = loadConfig({
      PUBLIC_BASE_URL: 'https://kotae.example.com/',
      SLACK_SIGNING_SECRET: 's',
      SLACK_CLIENT_ID: '1.2',
      SLACK_CLIENT_SECRET: 'c',
      SLACK_STATE_SECRET: 'st',
      GCHAT_AUDIENCE: '123456789012',
    });
    expect(config.slack?.auth).toMatchObject({
      kind: 'oauth',
      redirectUri: 'https://kotae.example.com/slack/oauth_redirect',
    });
    expect(config.gchat?.audience).toEqual({ mode: 'project-number', projectNumber: '123456789012' });
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(ConfigError);
    expect(() => loadConfig({ GCHAT_AUDIENCE_MODE: 'project_number' })).toThrow(/GCHAT_AUDIENCE is required/);
  });

  it('reads the digest settings once: the embedded timer, the tick route, and the two waits', () => {
    expect(loadConfig({}).digests).toEqual({
      tick: null,
      timer: true,
      lateAfterMs: 300_000,
      runNowWaitMs: 2_500,
    });
    const config = loadConfig({
      PUBSUB_PROJECT_ID: 'p',
      DIGEST_TICK_AUDIENCE: 'https://kotae.example.com/internal/digests/tick',
      DIGEST_TICK_SERVICE_ACCOUNT: 'scheduler@p.iam.gserviceaccount.com',
      DIGEST_LATE_AFTER_MS: '600000',
      DIGEST_RUN_WAIT_MS: '1000',
    });
    expect(config.digests).toEqual({
      tick: {
        audience: 'https://kotae.example.com/internal/digests/tick',
        serviceAccount: 'scheduler@p.iam.gserviceaccount.com',
      },
      timer: false,
      lateAfterMs: 600_000,
      runNowWaitMs: 1_000,
    });
    // Longer than Slack's 3-second ack would leave the command unanswered.
    expect(() => loadConfig({ DIGEST_RUN_WAIT_MS: '5000' })).toThrow(/DIGEST_RUN_WAIT_MS/);
  });
});
