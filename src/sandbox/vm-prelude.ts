/**
 * JavaScript evaluated in each fresh QuickJS context before the model's code: it installs a
 * bounded `console` and hands the host two functions it keeps handles to. Everything stays
 * inside the VM; the host never exposes a function of its own to the model's code.
 */

/** Longest single log line kept, in UTF-16 code units; longer lines end in "…". */
export const MAX_LOG_LINE = 2_000;
/** Most log lines kept per run; the rest are counted and summarised in one line. */
export const MAX_LOG_LINES = 200;

/**
 * Evaluates to a function (maxChars) → [takeLogs, stringify]:
 * - takeLogs() returns the captured lines as a JSON array string;
 * - stringify(value) is the original JSON.stringify (the model may overwrite the global one),
 *   with `undefined` mapped to "null".
 */
export const VM_PRELUDE_SOURCE = String.raw`(function (maxChars) {
  'use strict';
  var stringify = JSON.stringify;
  var lines = [], chars = 0, dropped = 0;
  function format(value) {
    if (typeof value === 'string') return value;
    if (value === undefined) return 'undefined';
    if (typeof value === 'function') return '[Function ' + (value.name || 'anonymous') + ']';
    if (typeof value === 'bigint') return String(value) + 'n';
    if (typeof value === 'symbol') return value.toString();
    if (value instanceof Error) return value.name + ': ' + value.message;
    try {
      var json = stringify(value);
      return json === undefined ? String(value) : json;
    } catch (e) {
      return String(value);
    }
  }
  function writer(prefix) {
    return function () {
      if (lines.length >= ${MAX_LOG_LINES} || chars >= maxChars) { dropped++; return; }
      var line = prefix + Array.prototype.map.call(arguments, format).join(' ');
      if (line.length > ${MAX_LOG_LINE}) line = line.slice(0, ${MAX_LOG_LINE}) + '…';
      chars += line.length;
      lines.push(line);
    };
  }
  globalThis.console = {
    log: writer(''), info: writer(''), debug: writer(''), warn: writer('[warn] '), error: writer('[error] '),
  };
  return [
    function takeLogs() {
      var out = lines.slice();
      if (dropped > 0) out.push('… ' + dropped + ' more log lines dropped');
      return stringify(out);
    },
    function toJson(value) {
      var json = stringify(value);
      return json === undefined ? 'null' : json;
    },
  ];
})`;
