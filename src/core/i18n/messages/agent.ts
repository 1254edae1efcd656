import type { MessageTable } from '../message-table.ts';

/** Messages of the agent: steps shown in the thread, budgets, LLM failures. */
export const agentMessages = {
  'agent.step.listDatasets': { ja: 'データセットを一覧しています', en: 'Listing datasets' },
  'agent.step.listDatasets.done': { ja: 'データセットを一覧: {count} 件', en: 'Listed datasets: {count}' },
  'agent.step.listTables': { ja: 'テーブルを一覧しています: {dataset}', en: 'Listing tables in {dataset}' },
  'agent.step.listTables.done': {
    ja: 'テーブルを一覧: {count} 件 ({dataset})',
    en: 'Listed tables in {dataset}: {count}',
  },
  'agent.step.searchTables': { ja: 'テーブルを検索しています: {query}', en: 'Searching tables: {query}' },
  'agent.step.searchTables.done': {
    ja: 'テーブルを検索: {count} 件 ({tables})',
    en: 'Searched tables: {count} ({tables})',
  },
  'agent.step.searchTables.none': {
    ja: 'テーブルを検索: 該当なし ({query})',
    en: 'Searched tables: no match ({query})',
  },
  'agent.step.andOthers': { ja: '{first} ほか', en: '{first} and others' },
  'agent.step.describeTable': {
    ja: 'テーブルの構造を確認しています: {table}',
    en: 'Reading the schema of {table}',
  },
  'agent.step.describeTable.done': {
    ja: 'テーブルの構造を確認: {table} ({columns} 列)',
    en: 'Read the schema of {table}: {columns} columns',
  },
  'agent.step.dryRun': { ja: 'クエリを検証しています', en: 'Checking the query' },
  'agent.step.dryRun.done': {
    ja: 'クエリを検証: {bytes} をスキャン予定',
    en: 'Checked the query: {bytes} to scan',
  },
  'agent.step.executeQuery': { ja: 'クエリを実行しています', en: 'Running query' },
  'agent.step.executeQuery.done': {
    ja: 'クエリを実行: {bytes} スキャン、{rows} 行',
    en: 'Queried {bytes}, {rows} rows',
  },
  'agent.step.runAnalysis': { ja: '分析コードを実行しています', en: 'Running analysis' },
  'agent.step.runAnalysis.done': { ja: '分析コードを実行しました', en: 'Ran analysis' },
  'agent.step.makeChart': { ja: 'グラフを作成しています: {title}', en: 'Drawing chart: {title}' },
  'agent.step.makeChart.done': { ja: 'グラフを作成しました: {title}', en: 'Drew chart: {title}' },
  'agent.step.tool': { ja: 'ツールを実行しています: {name}', en: 'Running tool: {name}' },
  'agent.step.tool.done': { ja: 'ツールを実行しました: {name}', en: 'Ran tool: {name}' },
  // A finished step whose result carried no countable facts still reads as finished.
  'agent.step.listDatasets.finished': { ja: 'データセットを一覧しました', en: 'Listed datasets' },
  'agent.step.listTables.finished': {
    ja: 'テーブルを一覧しました: {dataset}',
    en: 'Listed tables in {dataset}',
  },
  'agent.step.searchTables.finished': {
    ja: 'テーブルを検索しました: {query}',
    en: 'Searched tables: {query}',
  },
  'agent.step.describeTable.finished': {
    ja: 'テーブルの構造を確認しました: {table}',
    en: 'Read the schema of {table}',
  },
  'agent.step.dryRun.finished': { ja: 'クエリを検証しました', en: 'Checked the query' },
  'agent.step.executeQuery.finished': { ja: 'クエリを実行しました', en: 'Ran the query' },
  // What a step was doing, as a noun phrase, for the one failure line.
  'agent.step.what.listDatasets': { ja: 'データセットの一覧', en: 'Listing datasets' },
  'agent.step.what.listTables': { ja: 'テーブルの一覧 ({dataset})', en: 'Listing tables in {dataset}' },
  'agent.step.what.searchTables': { ja: 'テーブルの検索 ({query})', en: 'Searching tables ({query})' },
  'agent.step.what.describeTable': {
    ja: 'テーブル構造の確認 ({table})',
    en: 'Reading the schema of {table}',
  },
  'agent.step.what.dryRun': { ja: 'クエリの検証', en: 'Checking the query' },
  'agent.step.what.executeQuery': { ja: 'クエリの実行', en: 'Running the query' },
  'agent.step.what.runAnalysis': { ja: '分析コードの実行', en: 'Running the analysis' },
  'agent.step.what.makeChart': { ja: 'グラフの作成 ({title})', en: 'Drawing the chart ({title})' },
  'agent.step.what.tool': { ja: 'ツール {name} の実行', en: 'Running tool {name}' },
  'agent.step.failed': { ja: '{what}に失敗しました', en: '{what} failed' },
  'agent.step.refused': { ja: 'クエリを拒否しました: {reason}', en: 'Query refused: {reason}' },
  'agent.refusal.dataset': {
    ja: 'このチャンネルで使えないデータセットを参照しています',
    en: 'it reads a dataset this channel may not use',
  },
  'agent.refusal.bytes': {
    ja: '推定スキャン量が上限を超えます',
    en: 'it would scan more than the limit',
  },
  'agent.refusal.statement': {
    ja: '{type} 文は実行できません (読み取り専用の SELECT のみ)',
    en: '{type} statements cannot run (read-only SELECT only)',
  },
  'agent.refusal.readOnly': {
    ja: '読み取り専用の SELECT 文 1 つだけが実行できます',
    en: 'only one read-only SELECT statement may run',
  },

  'agent.budget.steps': {
    ja: '処理ステップの上限（{max} 回）に達したため、ここで止めました。質問を絞り込んでもう一度お試しください。',
    en: 'I stopped after reaching the step limit ({max} tool calls). Try a narrower question.',
  },
  'agent.budget.tokens': {
    ja: 'LLM のトークン使用量の上限（{max}）に達したため、ここで止めました。質問を絞り込んでもう一度お試しください。',
    en: 'I stopped after reaching the LLM token limit ({max} tokens). Try a narrower question.',
  },
  'agent.budget.time': {
    ja: '制限時間（{duration}）を超えたため、ここで止めました。質問を絞り込んでもう一度お試しください。',
    en: 'I stopped after reaching the time limit ({duration}). Try a narrower question.',
  },
  'agent.budget.partial': {
    ja: 'ここまでに得られた結果を下に示します。',
    en: 'Below is what I found so far.',
  },
  'agent.emptyAnswer': {
    ja: 'LLM から回答を得られませんでした（終了理由: {reason}）。質問を言い換えてお試しください。',
    en: 'The LLM gave no answer (finish reason: {reason}). Try rephrasing the question.',
  },

  'agent.llm.rateLimited': {
    ja: 'LLM（{model}）の利用上限に達しています。しばらくしてからもう一度お試しください。',
    en: 'The LLM ({model}) is rate-limiting us. Please try again in a little while.',
  },
  'agent.llm.unavailable': {
    ja: 'LLM（{model}）に接続できませんでした。しばらくしてからもう一度お試しください。',
    en: 'Could not reach the LLM ({model}). Please try again in a little while.',
  },
  'agent.llm.timeout': {
    ja: 'LLM（{model}）の応答が時間内に返ってきませんでした。しばらくしてからもう一度お試しください。',
    en: 'The LLM ({model}) did not answer in time. Please try again in a little while.',
  },
  'agent.llm.auth': {
    ja: 'LLM（{model}）の認証に失敗しました。管理者は API キーを確認してください。',
    en: 'The LLM ({model}) rejected our credentials. An admin should check the API key.',
  },
  'agent.llm.badRequest': {
    ja: 'LLM（{model}）がリクエストを受け付けませんでした: {reason}',
    en: 'The LLM ({model}) refused the request: {reason}',
  },
  'agent.llm.invalidResponse': {
    ja: 'LLM（{model}）から解釈できない応答が返りました。',
    en: 'The LLM ({model}) sent a response that could not be read.',
  },
  'agent.llm.aborted': { ja: 'LLM への問い合わせを中断しました。', en: 'The LLM request was cancelled.' },
} as const satisfies MessageTable;
