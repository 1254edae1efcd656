/**
 * Reading the Google Chat settings. If this broke, a deploy with a typo in its audience
 * would start and accept events it cannot verify — or Chat would be switched on where
 * nobody configured it.
 */
import { describe, expect, it } from 'vitest';
import { gchatSettings } from '../../src/config/gchat-settings.ts';

describe('gchatSettings', () => {
  it('leaves Google Chat off when nothing is configured', () => {
    expect(gchatSettings({})).toBeNull();
  });

  it('reads the project-number and endpoint-URL audiences, inferring the mode', () => {
    expect(gchatSettings({ GCHAT_AUDIENCE: '123456789012' })).toEqual({
      audience: { mode: 'project-number', projectNumber: '123456789012' },
    });
    expect(
      gchatSettings({
        GCHAT_AUDIENCE_MODE: 'endpoint_url',
        GCHAT_AUDIENCE: 'https://kotae.example.com/gchat/events',
      }),
    ).toEqual({ audience: { mode: 'endpoint-url', url: 'https://kotae.example.com/gchat/events' } });
  });

  it('knows a Workspace add-on deployment', () => {
    expect(gchatSettings({ GCHAT_AUDIENCE: '123456789012', GCHAT_ADDON: true })).toMatchObject({
      addon: true,
    });
    expect(gchatSettings({ GCHAT_AUDIENCE: '123456789012' })?.addon).toBeUndefined();
  });

  it('refuses to start half-configured', () => {
    expect(() => gchatSettings({ GCHAT_AUDIENCE_MODE: 'project_number' })).toThrow(
      /GCHAT_AUDIENCE is required/,
    );
    expect(() =>
      gchatSettings({ GCHAT_AUDIENCE_MODE: 'project_number', GCHAT_AUDIENCE: 'my-project' }),
    ).toThrow(/numeric project number/);
    expect(() =>
      gchatSettings({
        GCHAT_AUDIENCE_MODE: 'endpoint_url',
        GCHAT_AUDIENCE: 'http://kotae.example.com/gchat/events',
      }),
    ).toThrow(/https endpoint URL/);
    expect(() => gchatSettings({ GCHAT_PUBSUB_SUBSCRIPTION: 'kotae-chat' })).toThrow(/PUBSUB_PROJECT_ID/);
  });

  it('reads a Pub/Sub subscription by name or full path', () => {
    expect(
      gchatSettings({ GCHAT_PUBSUB_SUBSCRIPTION: 'projects/acme-data/subscriptions/kotae-chat' }),
    ).toEqual({
      pubsub: { projectId: 'acme-data', subscription: 'kotae-chat' },
    });
    expect(
      gchatSettings({
        GCHAT_PUBSUB_SUBSCRIPTION: 'kotae-chat',
        PUBSUB_PROJECT_ID: 'acme',
        PUBSUB_EMULATOR_HOST: '127.0.0.1:8085',
      }),
    ).toEqual({ pubsub: { projectId: 'acme', subscription: 'kotae-chat', emulatorHost: '127.0.0.1:8085' } });
  });
});
