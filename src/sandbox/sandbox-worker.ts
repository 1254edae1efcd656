/**
 * The entry point of one sandbox worker thread: loads QuickJS once (the warm part), says
 * "ready", then runs one job per message. The host may terminate this thread at any time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createQuickJsRunner } from './quickjs-runner.ts';
import type { RunJob, WorkerMessage, WorkerSetup } from './worker-protocol.ts';
import { KotaeError } from '../core/errors.ts';

const port = parentPort;
if (port === null)
  throw new KotaeError('not_in_worker_thread', 'sandbox-worker.ts must run in a worker thread');

const setup = workerData as WorkerSetup;
const runner = await createQuickJsRunner(setup.limits);
// One throwaway run before saying "ready", so the first real call does not pay for the
// engine's first compile of the hot wasm paths.
runner.run({ id: 0, code: 'return group([{ k: 1 }], "k", { n: (r) => sum(r, "k") })', inputsJson: '{}' });
runner.prepareNext();

port.on('message', (job: RunJob) => {
  const message: WorkerMessage = { type: 'result', reply: runner.run(job) };
  port.postMessage(message);
  // The reply is on its way; tidy up and get the next VM ready while the host reads it.
  if (!message.reply.recycle) runner.prepareNext();
});
port.postMessage({ type: 'ready' } satisfies WorkerMessage);
