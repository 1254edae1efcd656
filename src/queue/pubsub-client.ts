/**
 * The Pub/Sub client for the configured project. With PUBSUB_EMULATOR_HOST set it talks
 * to the emulator; METADATA_SERVER_DETECTION=none stops the client probing the GCE
 * metadata server for credentials it does not need there.
 */
import { PubSub } from '@google-cloud/pubsub';

export function createPubSubClient(options: {
  projectId: string;
  emulatorHost?: string | undefined;
}): PubSub {
  if (options.emulatorHost) {
    process.env['METADATA_SERVER_DETECTION'] ??= 'none';
    const [host, port] = options.emulatorHost.split(':');
    return new PubSub({
      projectId: options.projectId,
      apiEndpoint: options.emulatorHost,
      servicePath: host,
      port: Number(port),
      emulatorMode: true,
    });
  }
  return new PubSub({ projectId: options.projectId });
}
