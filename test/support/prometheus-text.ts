/**
 * A strict reader of the Prometheus text exposition format (0.0.4): every line must be a
 * HELP, a TYPE or a sample of a family declared by TYPE, with well-formed names, labels and
 * values; anything else throws. Returns the samples keyed as `name{a="1",b="2"}` (labels
 * sorted), so tests can compare counters before and after.
 */
const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
// Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any case; prom-client
// writes `Nan` (the event-loop lag mean between two scrapes too close for a sample).
const VALUE = '(?:[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?[Ii][Nn][Ff]|[Nn][Aa][Nn])';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*)?,?\\})? (${VALUE})(?: -?\\d+)?$`);
const HELP = new RegExp(`^# HELP (${NAME}) .*$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const SUFFIXES: Record<string, string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
  counter: ['', '_total'],
  gauge: [''],
  untyped: [''],
};

export type Samples = Map<string, number>;

export function parsePrometheusText(text: string): Samples {
  const families = new Map<string, string>();
  const samples: Samples = new Map();
  text.split('\n').forEach((line, index) => {
    if (line === '') return;
    const fail = (why: string) => {
      throw new Error(`line ${index + 1}: ${why}: ${line}`);
    };
    const type = TYPE.exec(line);
    if (type) {
      if (families.has(type[1]!)) fail('family declared twice');
      families.set(type[1]!, type[2]!);
      return;
    }
    if (HELP.test(line)) return;
    if (line.startsWith('#')) fail('unknown comment');
    const sample = SAMPLE.exec(line);
    if (!sample) return fail('not a sample');
    const [, name, labelText, value] = sample;
    const family = [...families.entries()].find(([base, kind]) =>
      (SUFFIXES[kind] ?? ['']).some((suffix) => name === base + suffix),
    );
    if (!family) fail(`sample of an undeclared family`);
    const labels = [...(labelText ?? '').matchAll(new RegExp(LABEL, 'g'))].map((match) => match[0]).sort();
    const key = `${name}{${labels.join(',')}}`;
    if (samples.has(key)) fail('duplicate series');
    samples.set(key, /nan/i.test(value!) ? NaN : Number(value!.replace(/inf/i, 'Infinity')));
  });
  return samples;
}

/** The value of one series, 0 when absent (a counter not yet incremented). */
export function sample(samples: Samples, name: string, labels: Record<string, string> = {}): number {
  const key = `${name}{${Object.entries(labels)
    .map(([label, value]) => `${label}="${value}"`)
    .sort()
    .join(',')}}`;
  return samples.get(key) ?? 0;
}
