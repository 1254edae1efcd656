/**
 * A fresh QuickJS runtime and context with the prelude and the analysis library already
 * evaluated: everything a run needs before the model's code. Preparing one takes ~1.5 ms
 * (mostly parsing the library), so a worker prepares the next one while it is idle.
 */
import type { QuickJSHandle, QuickJSRuntime, QuickJSContext, QuickJSWASMModule } from 'quickjs-emscripten';
import { ANALYSIS_LIBRARY_SOURCE } from './analysis-library.ts';
import type { SandboxLimits } from './sandbox-limits.ts';
import { VM_PRELUDE_SOURCE } from './vm-prelude.ts';

export interface PreparedVm {
  runtime: QuickJSRuntime;
  context: QuickJSContext;
  /** Handles to dispose with the VM; `own` adds one and returns it. */
  own(handle: QuickJSHandle): QuickJSHandle;
  /** () → JSON array of the captured log lines. */
  takeLogs: QuickJSHandle;
  /** (value) → JSON text, with the original JSON.stringify the model cannot replace. */
  toJson: QuickJSHandle;
  /** The original JSON.parse, taken before any of the model's code has run. */
  jsonParse: QuickJSHandle;
  /** Deadline (epoch ms) the interrupt handler enforces; 0 while no run is going. */
  deadline: number;
  dispose(): void;
}

export function prepareVm(module: QuickJSWASMModule, limits: SandboxLimits): PreparedVm {
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(limits.memoryBytes);
  runtime.setMaxStackSize(limits.stackBytes);
  const context = runtime.newContext();
  const owned: QuickJSHandle[] = [];
  const own = (handle: QuickJSHandle) => (owned.push(handle), handle);
  const prelude = own(context.unwrapResult(context.evalCode(VM_PRELUDE_SOURCE, 'kotae-prelude.js')));
  const maxChars = own(context.newNumber(limits.outputBytes));
  const hooks = own(context.unwrapResult(context.callFunction(prelude, context.undefined, maxChars)));
  own(context.unwrapResult(context.evalCode(ANALYSIS_LIBRARY_SOURCE, 'kotae-library.js')));
  const vm: PreparedVm = {
    runtime,
    context,
    own,
    takeLogs: own(context.getProp(hooks, 0)),
    toJson: own(context.getProp(hooks, 1)),
    jsonParse: own(context.getProp(own(context.getProp(context.global, 'JSON')), 'parse')),
    deadline: 0,
    dispose() {
      for (const handle of owned.reverse()) if (handle.alive) handle.dispose();
      context.dispose();
      runtime.dispose();
    },
  };
  runtime.setInterruptHandler(() => vm.deadline !== 0 && Date.now() > vm.deadline);
  return vm;
}
