/**
 * The small analysis library available inside the sandbox, as plain JavaScript source that
 * QuickJS evaluates before the model's code. Nothing here runs on the host.
 *
 * Signatures (also in ANALYSIS_LIBRARY_DOC, which the model reads):
 *   group(rows, by, aggregates?)            by: field | field[] | (row) => key
 *       without aggregates → [{ key, rows }]   (first-seen order)
 *       with { name: (rows) => value, … } → [{ <by fields>…, name: value, … }]
 *   sum(values, field?)                     → number (0 when empty)
 *   mean(values, field?)                    → number | null
 *   median(values, field?)                  → number | null
 *   percentile(values, p, field?)           p in 0..100, linear interpolation → number | null
 *   pctChange(from, to)                     → percent change, null when from is 0 or missing
 *   pctChange(values, field?)               → [null, change₁, change₂, …] period over period
 *   movingAverage(values, window, field?)   trailing window → (number | null)[]
 *   pivot(rows, rowField, columnField, valueField, agg?)
 *                                           agg: 'sum' (default) | 'mean' | 'median' | 'count' |
 *                                           'min' | 'max' | (numbers) => value
 *   topN(rows, n, field?, order?)           order: 'desc' (default) | 'asc'; nulls last
 *
 * `values` is an array of numbers, or of rows with `field` (a name or a function) picking the
 * number. Like SQL aggregates, null/undefined/NaN are skipped; numeric strings (BigQuery sends
 * INT64 and NUMERIC as strings) count as numbers; anything else is a TypeError naming the index.
 */

export const ANALYSIS_LIBRARY_FUNCTIONS = [
  'group',
  'sum',
  'mean',
  'median',
  'percentile',
  'pctChange',
  'movingAverage',
  'pivot',
  'topN',
] as const;

export const ANALYSIS_LIBRARY_SOURCE = String.raw`(function (global) {
  'use strict';

  function describe(value) {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'an array';
    if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
    if (typeof value === 'object') return 'an object';
    return String(value);
  }

  function fail(fn, message) {
    throw new TypeError(fn + ': ' + message);
  }

  function requireArray(fn, values) {
    if (!Array.isArray(values)) fail(fn, 'expected an array, got ' + describe(values));
  }

  function accessor(fn, field) {
    if (field === undefined || field === null) return function (value) { return value; };
    if (typeof field === 'function') return field;
    if (typeof field === 'string') {
      return function (row) { return row === null || row === undefined ? undefined : row[field]; };
    }
    fail(fn, 'field must be a field name or a function, got ' + describe(field));
  }

  function toNumber(fn, value, index) {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number') return Number.isNaN(value) ? null : value;
    if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
    fail(fn, 'value at index ' + index + ' is not a number: ' + describe(value));
  }

  function numbers(fn, values, field) {
    requireArray(fn, values);
    var get = accessor(fn, field);
    var out = [];
    for (var i = 0; i < values.length; i++) {
      var n = toNumber(fn, get(values[i], i), i);
      if (n !== null) out.push(n);
    }
    return out;
  }

  // Neumaier summation: totals of many decimal amounts stay exact to the cent.
  function total(ns) {
    var s = 0, c = 0;
    for (var i = 0; i < ns.length; i++) {
      var x = ns[i], t = s + x;
      c += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
      s = t;
    }
    return s + c;
  }

  function quantile(sorted, p) {
    if (sorted.length === 0) return null;
    var rank = (p / 100) * (sorted.length - 1);
    var lo = Math.floor(rank), hi = Math.ceil(rank);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
  }

  function ascending(a, b) { return a - b; }

  function sum(values, field) { return total(numbers('sum', values, field)); }

  function mean(values, field) {
    var ns = numbers('mean', values, field);
    return ns.length === 0 ? null : total(ns) / ns.length;
  }

  function median(values, field) {
    return quantile(numbers('median', values, field).sort(ascending), 50);
  }

  function percentile(values, p, field) {
    if (typeof p !== 'number' || !(p >= 0 && p <= 100)) fail('percentile', 'p must be a number from 0 to 100, got ' + describe(p));
    return quantile(numbers('percentile', values, field).sort(ascending), p);
  }

  function change(from, to) {
    if (from === null || to === null || from === 0) return null;
    return ((to - from) / Math.abs(from)) * 100;
  }

  function pctChange(a, b) {
    if (!Array.isArray(a)) return change(toNumber('pctChange', a, 0), toNumber('pctChange', b, 1));
    var get = accessor('pctChange', b);
    var out = [], prev = null;
    for (var i = 0; i < a.length; i++) {
      var cur = toNumber('pctChange', get(a[i], i), i);
      out.push(i === 0 ? null : change(prev, cur));
      prev = cur;
    }
    return out;
  }

  function movingAverage(values, window, field) {
    requireArray('movingAverage', values);
    if (!Number.isInteger(window) || window < 1) fail('movingAverage', 'window must be a positive integer, got ' + describe(window));
    var get = accessor('movingAverage', field);
    var ns = values.map(function (v, i) { return toNumber('movingAverage', get(v, i), i); });
    return ns.map(function (_, i) {
      if (i + 1 < window) return null;
      var slice = ns.slice(i + 1 - window, i + 1).filter(function (n) { return n !== null; });
      return slice.length === 0 ? null : total(slice) / slice.length;
    });
  }

  function keyFunction(fn, by) {
    if (typeof by === 'string') return function (row) { return row === null || row === undefined ? undefined : row[by]; };
    if (typeof by === 'function') return by;
    if (Array.isArray(by) && by.length > 0 && by.every(function (f) { return typeof f === 'string'; })) {
      return function (row) { return by.map(function (f) { return row === null || row === undefined ? undefined : row[f]; }); };
    }
    fail(fn, 'by must be a field name, an array of field names or a function, got ' + describe(by));
  }

  // Groups in first-seen order. Array keys compare by their JSON, other keys by SameValueZero.
  function buckets(fn, rows, by) {
    requireArray(fn, rows);
    var keyOf = keyFunction(fn, by);
    var index = new Map(), out = [];
    for (var i = 0; i < rows.length; i++) {
      var key = keyOf(rows[i], i);
      var id = Array.isArray(key) ? 'a:' + JSON.stringify(key) : key;
      var bucket = index.get(id);
      if (bucket === undefined) {
        bucket = { key: key, rows: [] };
        index.set(id, bucket);
        out.push(bucket);
      }
      bucket.rows.push(rows[i]);
    }
    return out;
  }

  function group(rows, by, aggregates) {
    var groups = buckets('group', rows, by);
    if (aggregates === undefined) return groups;
    if (aggregates === null || typeof aggregates !== 'object' || Array.isArray(aggregates)) {
      fail('group', 'aggregates must be an object of { name: (rows) => value }, got ' + describe(aggregates));
    }
    var names = Object.keys(aggregates);
    names.forEach(function (name) {
      if (typeof aggregates[name] !== 'function') fail('group', 'aggregate "' + name + '" must be a function (rows) => value');
    });
    return groups.map(function (g) {
      var out = {};
      if (typeof by === 'string') out[by] = g.key;
      else if (Array.isArray(by)) by.forEach(function (f, i) { out[f] = g.key[i]; });
      else out.key = g.key;
      names.forEach(function (name) { out[name] = aggregates[name](g.rows); });
      return out;
    });
  }

  var AGGREGATES = {
    sum: total,
    mean: function (ns) { return ns.length === 0 ? null : total(ns) / ns.length; },
    median: function (ns) { return quantile(ns.slice().sort(ascending), 50); },
    count: function (ns) { return ns.length; },
    min: function (ns) { return ns.length === 0 ? null : ns.reduce(function (a, b) { return b < a ? b : a; }); },
    max: function (ns) { return ns.length === 0 ? null : ns.reduce(function (a, b) { return b > a ? b : a; }); },
  };

  function pivot(rows, rowField, columnField, valueField, agg) {
    requireArray('pivot', rows);
    [rowField, columnField, valueField].forEach(function (f) {
      if (typeof f !== 'string') fail('pivot', 'rowField, columnField and valueField must be field names, got ' + describe(f));
    });
    var reduce = agg === undefined ? AGGREGATES.sum : typeof agg === 'function' ? agg : AGGREGATES[agg];
    if (typeof reduce !== 'function' || (typeof agg === 'string' && !Object.prototype.hasOwnProperty.call(AGGREGATES, agg))) {
      fail('pivot', 'agg must be one of ' + Object.keys(AGGREGATES).join(', ') + ' or a function, got ' + describe(agg));
    }
    var columns = [], seen = new Set();
    rows.forEach(function (row) {
      var c = String(row === null || row === undefined ? undefined : row[columnField]);
      if (!seen.has(c)) { seen.add(c); columns.push(c); }
    });
    return buckets('pivot', rows, rowField).map(function (g) {
      var cells = new Map();
      g.rows.forEach(function (row, i) {
        var c = String(row === null || row === undefined ? undefined : row[columnField]);
        var n = toNumber('pivot', row === null || row === undefined ? undefined : row[valueField], i);
        if (!cells.has(c)) cells.set(c, []);
        if (n !== null) cells.get(c).push(n);
      });
      var out = {};
      out[rowField] = g.key;
      columns.forEach(function (c) {
        var ns = cells.get(c);
        out[c] = ns === undefined ? (agg === 'count' ? 0 : null) : reduce(ns);
      });
      return out;
    });
  }

  function topN(rows, n, field, order) {
    requireArray('topN', rows);
    if (!Number.isInteger(n) || n < 0) fail('topN', 'n must be a non-negative integer, got ' + describe(n));
    if (order !== undefined && order !== 'desc' && order !== 'asc') fail('topN', "order must be 'desc' or 'asc', got " + describe(order));
    var get = accessor('topN', field);
    var sign = order === 'asc' ? 1 : -1;
    var keyed = rows.map(function (row, i) { return { row: row, n: toNumber('topN', get(row, i), i), i: i }; });
    keyed.sort(function (a, b) {
      if (a.n === null || b.n === null) return a.n === b.n ? a.i - b.i : a.n === null ? 1 : -1;
      return a.n === b.n ? a.i - b.i : sign * (a.n - b.n);
    });
    return keyed.slice(0, n).map(function (k) { return k.row; });
  }

  global.group = group;
  global.sum = sum;
  global.mean = mean;
  global.median = median;
  global.percentile = percentile;
  global.pctChange = pctChange;
  global.movingAverage = movingAverage;
  global.pivot = pivot;
  global.topN = topN;
})(globalThis);
`;

/** For the `run_analysis` tool description: the code contract and the library, for the model. */
export const ANALYSIS_LIBRARY_DOC = `Your code is the body of an async function: it receives \`inputs\` (an object of named inputs; query results are arrays of row objects) and must \`return\` a JSON-serialisable value. \`console.log\` output is captured and returned as logs. There is no I/O of any kind: no fetch, require, import, process, timers or file access. Errors report the line number in your code.
Built-in helpers (plain globals; \`values\` is an array of numbers, or of rows with \`field\` = a field name or a function picking the number; null/undefined are skipped like SQL aggregates, numeric strings count as numbers):
- group(rows, by, aggregates?) — by: field | [fields] | (row) => key. Without aggregates: [{ key, rows }] in first-seen order. With { name: (rows) => value }: [{ <by fields>, name: value }]. Example: group(inputs.orders, 'prefecture', { sales: (r) => sum(r, 'amount') })
- sum(values, field?) → number (0 when empty)
- mean(values, field?) → number | null
- median(values, field?) → number | null
- percentile(values, p, field?) → number | null; p from 0 to 100, linear interpolation
- pctChange(from, to) → percent change ((to - from) / |from| × 100), null when from is 0 or missing; pctChange(values, field?) → [null, change, …] period over period
- movingAverage(values, window, field?) → trailing average per position, null until the window is full
- pivot(rows, rowField, columnField, valueField, agg?) → [{ <rowField>: key, <column value>: aggregate, … }]; agg: 'sum' (default) | 'mean' | 'median' | 'count' | 'min' | 'max' | (numbers) => value
- topN(rows, n, field?, order?) → the n rows with the largest field ('desc', default) or smallest ('asc'); nulls last`;
