/**
 * The console and Pub/Sub push settings. If these broke, `kotae bot` could start with a
 * console behind IAP that checks no audience, or a push endpoint that trusts any caller.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

describe('console and push configuration', () => {
  it('keeps the console off and push off by default', () => {
    const config = loadConfig({});
    expect(config.console.access).toEqual({ mode: 'off' });
    expect(config.push).toBeNull();
  });

  it('needs IAP_AUDIENCE for KOTAE_CONSOLE=iap, and refuses other modes', () => {
    expect(() => loadConfig({ KOTAE_CONSOLE: 'iap' })).toThrow(ConfigError);
    expect(() => loadConfig({ KOTAE_CONSOLE: 'iap' })).toThrow(/IAP_AUDIENCE/);
    expect(() => loadConfig({ KOTAE_CONSOLE: 'open' })).toThrow(/KOTAE_CONSOLE/);
    const audience = '/projects/1/global/backendServices/2';
    expect(loadConfig({ KOTAE_CONSOLE: 'iap', IAP_AUDIENCE: audience }).console.access).toEqual({
      mode: 'iap',
      audience,
      certsUrl: undefined,
    });
  });

  it('needs the push audience and service account together', () => {
    expect(() => loadConfig({ PUBSUB_PUSH_AUDIENCE: 'https://w.example/pubsub/push/tasks' })).toThrow(
      /PUBSUB_PUSH_SERVICE_ACCOUNT/,
    );
    expect(() => loadConfig({ PUBSUB_PUSH_SERVICE_ACCOUNT: 'p@x.iam.gserviceaccount.com' })).toThrow(
      /PUBSUB_PUSH_AUDIENCE/,
    );
    const config = loadConfig({
      PUBSUB_PUSH_AUDIENCE: 'https://w.example/pubsub/push/tasks',
      PUBSUB_PUSH_SERVICE_ACCOUNT: 'p@x.iam.gserviceaccount.com',
      PUBSUB_ACK_DEADLINE_SECONDS: '120',
    });
    expect(config.push).toMatchObject({
      serviceAccount: 'p@x.iam.gserviceaccount.com',
      ackDeadlineSeconds: 120,
    });
  });
});
