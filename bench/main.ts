/**
 * `npm run bench [filter…]`: runs the benchmarks under bench/, which sit outside the
 * product's src/ so that the image never carries them.
 */
import { runBenchmarks } from './run-benchmarks.ts';

await runBenchmarks(process.argv.slice(2));
