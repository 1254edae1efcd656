import type { MessageTable } from '../message-table.ts';

/** Messages of the agent: steps shown in the thread, budgets, LLM failures. */
export const agentMessages = {
  'agent.step.listDatasets': { ja: 'データセットを一覧しています', en: 'Listing datasets' },
  'agent.step.listTables': { ja: 'テーブルを一覧しています: {dataset}', en: 'Listing tables in {dataset}' },
  'agent.step.searchTables': { ja: 'テーブルを検索しています: {query}', en: 'Searching tables: {query}' },
  'agent.step.describeTable': {
    ja: 'テーブルの構造を確認しています: {table}',
    en: 'Reading the schema of {table}',
  },
  'agent.step.dryRun': { ja: 'クエリを検証しています', en: 'Checking the query' },
  'agent.step.dryRun.done': {
    ja: 'クエリを検証しました（{bytes} スキャン予定）',
    en: 'Checked the query ({bytes} to scan)',
  },
  'agent.step.executeQuery': { ja: 'クエリを実行しています', en: 'Running query' },
  'agent.step.executeQuery.done': {
    ja: 'クエリを実行しました（{bytes} スキャン、{rows} 行）',
    en: 'Ran query ({bytes} scanned, {rows} rows)',
  },
  'agent.step.executeQuery.failed': {
    ja: 'クエリがエラーになりました。修正を試みます',
    en: 'The query failed; trying a fix',
  },
  'agent.step.runAnalysis': { ja: '分析コードを実行しています', en: 'Running analysis' },
  'agent.step.runAnalysis.done': { ja: '分析コードを実行しました', en: 'Ran analysis' },
  'agent.step.makeChart': { ja: 'グラフを作成しています: {title}', en: 'Drawing chart: {title}' },
  'agent.step.makeChart.done': { ja: 'グラフを作成しました: {title}', en: 'Drew chart: {title}' },
  'agent.step.tool': { ja: 'ツールを実行しています: {name}', en: 'Running tool: {name}' },
  'agent.step.failed': { ja: '{label}（エラー）', en: '{label} (failed)' },

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
