import type { MessageTable } from '../message-table.ts';

/** Chart labels, chart errors and chart alternative text (src/render/chart/). */
export const chartMessages = {
  'chart.other': { ja: 'その他', en: 'Other' },
  'chart.blank': { ja: '（空欄）', en: '(blank)' },
  'chart.type.bar': { ja: '棒グラフ', en: 'Bar chart' },
  'chart.type.stacked_bar': { ja: '積み上げ棒グラフ', en: 'Stacked bar chart' },
  'chart.type.line': { ja: '折れ線グラフ', en: 'Line chart' },
  'chart.type.area': { ja: '面グラフ', en: 'Area chart' },
  'chart.type.pie': { ja: '円グラフ', en: 'Pie chart' },
  'chart.type.scatter': { ja: '散布図', en: 'Scatter plot' },
  'chart.alt.header': { ja: '{type}「{title}」。', en: '{type} "{title}".' },
  'chart.alt.headerUntitled': { ja: '{type}。', en: '{type}.' },
  'chart.alt.axes': { ja: '横軸: {x}、縦軸: {y}。', en: 'X axis: {x}; Y axis: {y}.' },
  'chart.alt.categories': { ja: '{count} 項目。', en: '{count} categories.' },
  'chart.alt.points': { ja: '{count} 点。', en: '{count} points.' },
  'chart.alt.series': { ja: '系列: {names}。', en: 'Series: {names}.' },
  'chart.alt.extremes': {
    ja: '最大は {maxLabel}（{maxValue}）、最小は {minLabel}（{minValue}）。',
    en: 'Highest: {maxLabel} ({maxValue}); lowest: {minLabel} ({minValue}).',
  },
  'chart.alt.trend': {
    ja: '{from} から {to} にかけて {first} → {last}（{change}）。',
    en: 'From {from} to {to}: {first} → {last} ({change}).',
  },
  'chart.alt.period': { ja: '{from} から {to} にかけて、{trends}。', en: 'From {from} to {to}: {trends}.' },
  'chart.alt.seriesTrend': {
    ja: '{series}は {first} → {last}（{change}）',
    en: '{series} {first} → {last} ({change})',
  },
  'chart.alt.share': { ja: '最大の割合は {label}（{percent}）。', en: 'Largest share: {label} ({percent}).' },
  'chart.alt.folded': {
    ja: '上位以外の {count} 項目は「{other}」にまとめています。',
    en: '{count} smaller categories are combined into "{other}".',
  },
  'chart.error.invalidSpec': {
    ja: 'グラフの指定が正しくありません: {reason}',
    en: 'The chart specification is invalid: {reason}',
  },
  'chart.error.unknownField': {
    ja: 'グラフの項目 {fields} がデータにありません（データの項目: {available}）。',
    en: 'The chart refers to {fields}, which the data does not have (it has: {available}).',
  },
  'chart.error.nonNumeric': {
    ja: '項目「{field}」に数値でない値があります（例: {example}）。',
    en: 'The field "{field}" has values that are not numbers (e.g. {example}).',
  },
  'chart.error.emptyData': { ja: 'グラフにするデータがありません。', en: 'There is no data to chart.' },
  'chart.error.renderFailed': { ja: 'グラフを描画できませんでした。', en: 'The chart could not be drawn.' },
} as const satisfies MessageTable;
