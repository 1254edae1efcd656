/**
 * The one Pub/Sub client factory, for the task queue and Google Chat's event subscription
 * alike. With an emulator host it talks to the emulator: it needs no credentials, and an
 * auth that already knows its universe keeps the client from probing the GCE metadata
 * server (seconds, off Google Cloud) without touching process.env.
 */
import { PubSub } from '@google-cloud/pubsub';

export function createPubSubClient(options: {
  projectId: string;
  emulatorHost?: string | undefined;
}): PubSub {
  if (!options.emulatorHost) return new PubSub({ projectId: options.projectId });
  return new PubSub({
    projectId: options.projectId,
    apiEndpoint: options.emulatorHost,
    emulatorMode: true,
    universeDomain: 'googleapis.com',
  });
}
