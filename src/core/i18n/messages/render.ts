import type { MessageTable } from '../message-table.ts';

/** What the reply converters (src/render/) write around an answer: buttons, labels, notes. */
export const renderMessages = {
  'render.app.name': { ja: 'Kotae', en: 'Kotae' },
  'render.kind.answer': { ja: '回答', en: 'Answer' },
  'render.kind.error': { ja: 'エラー', en: 'Error' },
  'render.kind.info': { ja: 'お知らせ', en: 'Info' },
  'render.kind.status': { ja: '処理中', en: 'Working' },
  'render.message.part': { ja: '（{index}/{count}）', en: '({index}/{count})' },
  'render.message.continued': { ja: '続き {index}/{count}', en: 'Continued {index}/{count}' },
  'render.text.empty': { ja: '（回答の本文はありません）', en: '(The answer has no text.)' },
  'render.text.truncated': {
    ja: '回答が長すぎるため、ここから先の約 {count} 文字を省略しました。',
    en: 'The answer was too long: the remaining {count} characters or so were left out.',
  },

  'render.button.showSql': { ja: 'SQL を表示', en: 'Show SQL' },
  'render.button.feedbackUp': { ja: '👍 役に立った', en: '👍 Helpful' },
  'render.button.feedbackDown': { ja: '👎 いまひとつ', en: '👎 Not helpful' },
  'render.button.downloadCsv': { ja: 'CSV をダウンロード', en: 'Download CSV' },
  'render.feedback.thanks': { ja: 'フィードバックありがとうございます。', en: 'Thanks for the feedback.' },

  'render.provenance.bytes': { ja: '処理量 {value}', en: '{value} scanned' },
  'render.provenance.rows': { ja: '{value} 行', en: '{value} rows' },
  'render.provenance.row': { ja: '{value} 行', en: '{value} row' },
  'render.provenance.duration': { ja: '所要 {value}', en: 'took {value}' },
  'render.provenance.model': { ja: 'モデル {value}', en: 'model {value}' },
  'render.provenance.queries': { ja: 'クエリ {value} 件', en: '{value} queries' },
  'render.sql.title': { ja: '実行した SQL', en: 'SQL that ran' },
  'render.sql.statement': { ja: 'クエリ {index}', en: 'Query {index}' },

  'render.table.title': { ja: '結果', en: 'Result' },
  'render.table.moreRows': { ja: 'ほか {count} 行', en: '{count} more rows' },
  'render.table.moreRow': { ja: 'ほか {count} 行', en: '{count} more row' },
  'render.table.moreColumns': { ja: 'ほか {count} 列は省略', en: '{count} more columns not shown' },
  'render.table.moreColumn': { ja: 'ほか {count} 列は省略', en: '{count} more column not shown' },
  'render.table.clipped': {
    ja: '長いセルは途中で切っています。',
    en: 'Long cells are cut short.',
  },
  'render.table.queryTruncated': {
    ja: 'クエリ結果 {total} 行のうち、取得したのは先頭 {rows} 行です。',
    en: 'The query returned {total} rows; the first {rows} were kept.',
  },
  'render.table.csvAttached': {
    ja: '全 {rows} 行は添付の CSV ファイル（{filename}）にあります。',
    en: 'All {rows} rows are in the attached CSV file ({filename}).',
  },
  'render.table.csvLink': { ja: 'CSV をダウンロード（{rows} 行）', en: 'Download CSV ({rows} rows)' },
  'render.table.csvUnavailable': {
    ja: 'ここでは全件を表示できません。続きは質問を絞り込んでお尋ねください。',
    en: 'Not every row can be shown here. Ask a narrower question to see the rest.',
  },
  'render.table.csvTitle': { ja: 'クエリ結果（CSV）', en: 'Query result (CSV)' },
  'render.table.empty': { ja: '該当する行はありません。', en: 'No rows matched.' },

  'render.chart.alt': { ja: 'グラフ: {title}', en: 'Chart: {title}' },
  'render.chart.unavailable': {
    ja: 'グラフ画像を表示できませんでした（{alt}）。',
    en: 'The chart image could not be shown ({alt}).',
  },

  'render.status.steps': { ja: 'これまでの手順', en: 'Steps so far' },
  'render.steps.one': { ja: '{count} ステップ · {duration}', en: '{count} step · {duration}' },
  'render.steps.many': { ja: '{count} ステップ · {duration}', en: '{count} steps · {duration}' },
  'render.status.earlierSteps': {
    ja: '（それ以前の {count} 手順は省略）',
    en: '({count} earlier steps not shown)',
  },
  'render.step.running': { ja: '⏳ {text}', en: '⏳ {text}' },
  'render.step.done': { ja: '✅ {text}', en: '✅ {text}' },
  'render.step.failed': { ja: '⚠️ {text}', en: '⚠️ {text}' },
  'render.step.skipped': { ja: '⏭️ {text}（省略）', en: '⏭️ {text} (skipped)' },
} as const satisfies MessageTable;
