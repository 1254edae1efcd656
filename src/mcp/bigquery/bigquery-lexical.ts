/**
 * The few things a BigQuery dry run does not report in referencedTables, found in the SQL
 * text with comments and string literals masked out (so a comment or a string that
 * mentions them is harmless):
 *  - INFORMATION_SCHEMA views: region- or project-qualified ones (JOBS holds other people's
 *    SQL) are refused; dataset-qualified ones are reported as that dataset, for the allowlist;
 *  - EXTERNAL_QUERY(): a federated query reads a Cloud SQL/Spanner database outside BigQuery.
 * GoogleSQL lexical rules: comments are `-- …`, `# …` and `/* … *\/`; strings are '…', "…",
 * '''…''', """…""", with r/b prefixes, and backslash escapes unless raw.
 */

const STRING_START = /^([rRbB]{1,2})?('''|"""|'|")/;

/** A string literal starts here: a quote, or an r/b prefix that is not the end of a word. */
function stringStart(sql: string, i: number): boolean {
  const match = STRING_START.exec(sql.slice(i, i + 5));
  if (!match) return false;
  return !match[1] || i === 0 || !/\w/.test(sql[i - 1]!);
}

/** The SQL with every comment and string literal replaced by spaces (same length). */
export function maskCommentsAndStrings(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    if (sql.startsWith('--', i) || sql[i] === '#') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (stringStart(sql, i)) {
      const match = STRING_START.exec(sql.slice(i, i + 5))!;
      const raw = /r/i.test(match[1] ?? '');
      const quote = match[2]!;
      let j = i + match[0].length;
      while (j < sql.length && !sql.startsWith(quote, j)) j += !raw && sql[j] === '\\' ? 2 : 1;
      const stop = Math.min(sql.length, j + quote.length);
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (sql[i] === '`') {
      // Quoted identifiers stay (they name tables) but lose their backticks.
      const end = sql.indexOf('`', i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      out += ` ${sql.slice(i + 1, stop - 1)} `;
      i = stop;
    } else {
      out += sql[i];
      i += 1;
    }
  }
  return out;
}

export interface LexicalFindings {
  refusal?: string;
  /** Datasets whose INFORMATION_SCHEMA the query reads. */
  informationSchemaDatasets: Array<{ project?: string; dataset: string }>;
}

export function lexicalFindings(sql: string): LexicalFindings {
  const code = maskCommentsAndStrings(sql);
  if (/\bexternal_query\s*\(/i.test(code)) {
    return { refusal: 'EXTERNAL_QUERY reads a database outside BigQuery.', informationSchemaDatasets: [] };
  }
  const datasets: LexicalFindings['informationSchemaDatasets'] = [];
  const path = /((?:[\w-]+\s*\.\s*)*)information_schema\b/gi;
  for (const match of code.matchAll(path)) {
    const qualifiers = match[1]!
      .split('.')
      .map((part) => part.trim())
      .filter(Boolean);
    const last = qualifiers.at(-1);
    if (!last || /^region-/i.test(last)) {
      return {
        refusal: 'Region- and project-level INFORMATION_SCHEMA views (jobs, all datasets) are not available.',
        informationSchemaDatasets: [],
      };
    }
    datasets.push(
      qualifiers.length >= 2 ? { project: qualifiers.at(-2)!, dataset: last } : { dataset: last },
    );
  }
  return { informationSchemaDatasets: datasets };
}
