/**
 * The V8 young generation of Kotae's worker threads (PGlite, the sandbox and chart pools).
 * Each isolate otherwise lets it grow to tens of MB under load, and there are four of them
 * beside the main thread: a burst of 50 questions into one `kotae dev` process peaked at
 * 620 MB with V8's default and 541–545 MB with 4 MB here plus MALLOC_MMAP_THRESHOLD_ (see
 * scripts/run.sh), with the same time to first feedback. Their heavy memory is WebAssembly
 * and native (PGlite, QuickJS, Skia); their JavaScript heaps stay small, so a small young
 * generation costs them little.
 */
export const WORKER_YOUNG_GENERATION_MB = 4;
