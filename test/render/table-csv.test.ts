/**
 * CSV export. If this breaks, Excel shows 売上 as mojibake, a comma in a store name shifts
 * every column, or a cell like "=HYPERLINK(...)" runs as a formula on the analyst's machine.
 */
import { describe, expect, it } from 'vitest';
import { csvField, csvFilename, tableToCsv, tableToCsvBytes } from '../../src/render/table-csv.ts';

/** A strict RFC 4180 reader, to prove the output parses back to the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else if (ch === '\n' || ch === '\r' || ch === '"') {
      throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('missing final CRLF');
  return rows;
}

describe('tableToCsv', () => {
  const table = {
    columns: [
      { name: '店舗', type: 'STRING' },
      { name: 'note', type: 'STRING' },
      { name: 'sales', type: 'INT64' },
      { name: 'active', type: 'BOOL' },
    ],
    rows: [
      ['渋谷店', 'says "hi", then\r\nleaves', 1234567, true],
      ['新宿, 東口', null, -5, false],
      ['=HYPERLINK("http://evil")', '-12.5', 0, null],
      ['@SUM(A1)', ' padded ', 3.25, true],
    ],
    totalRows: 4,
    truncated: false,
  };

  it('starts with a UTF-8 BOM and ends every line with CRLF', () => {
    const bytes = tableToCsvBytes(table);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).endsWith('\r\n')).toBe(true);
    expect(new TextDecoder().decode(bytes.slice(3, 9))).toBe('店舗');
  });

  it('quotes commas, quotes, line breaks and edge spaces so the cells parse back unchanged', () => {
    const rows = parseCsv(tableToCsv(table).slice(1));
    expect(rows).toEqual([
      ['店舗', 'note', 'sales', 'active'],
      ['渋谷店', 'says "hi", then\r\nleaves', '1234567', 'true'],
      ['新宿, 東口', '', '-5', 'false'],
      ['\'=HYPERLINK("http://evil")', '-12.5', '0', ''],
      ["'@SUM(A1)", ' padded ', '3.25', 'true'],
    ]);
  });

  it('guards formula-like text but leaves numbers and, on request, everything alone', () => {
    expect(csvField('+81-3-1234')).toBe("'+81-3-1234");
    expect(csvField('-42')).toBe('-42');
    expect(csvField(-42)).toBe('-42');
    expect(csvField('=1+1', { formulaGuard: false })).toBe('=1+1');
  });

  it('names the file safely after the task', () => {
    expect(csvFilename('task-1/../../x')).toBe('kotae-result-task-1x.csv');
    expect(csvFilename()).toBe('kotae-result.csv');
  });
});
