/**
 * The bot under test alone in its own process (the child side of startKotaeProcess in
 * bench-kotae.ts): the benchmark's clients and its model fake stay in the parent, as
 * Slack's users and the LLM are outside production's process, so the event loop, CPU and
 * RSS measured here are Kotae's own. Speaks to the parent over the fork IPC channel:
 *   → { type: 'ready', url, started }          once listening
 *   ← { type: 'mark' }     → { type: 'marked', before }   starts watching the event loop
 *   ← { type: 'measure' }  → { type: 'measured', peak, loopMaxMs, loopP99Ms }
 *   ← { type: 'stop' }     → exits once Kotae has stopped
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startBenchKotae, type ChildMessage, type ParentMessage } from './bench-kotae.ts';
import { startMemorySampler } from './memory-sampler.ts';

const input = JSON.parse(process.argv[2]!) as {
  demoPath: string;
  openaiBaseURL: string;
  env: Record<string, string>;
};
const send = (message: ChildMessage) => process.send!(message);
const memory = startMemorySampler();
const kotae = await startBenchKotae(input, input.env);
const loop = monitorEventLoopDelay({ resolution: 10 });
let before = memory.mark();

process.on('message', (message: ParentMessage) => {
  if (message.type === 'mark') {
    before = memory.mark();
    loop.reset();
    loop.enable();
    send({ type: 'marked', before });
  } else if (message.type === 'measure') {
    loop.disable();
    send({
      type: 'measured',
      peak: memory.peakSince(before),
      loopMaxMs: loop.max / 1e6,
      loopP99Ms: loop.percentile(99) / 1e6,
    });
  } else {
    memory.stop();
    void kotae.stop().finally(() => process.exit(0));
  }
});
send({ type: 'ready', url: kotae.url, started: memory.mark() });
