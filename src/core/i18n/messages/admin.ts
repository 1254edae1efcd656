import type { MessageTable } from '../message-table.ts';

/** The admin verbs of `/kotae`: status, map, unmap, mappings, admins, model, keys, audit. */
export const adminMessages = {
  'admin.refused': {
    ja: 'このコマンドは管理者だけが使えます。管理者に依頼してください: {admins}',
    en: 'Only an admin can use this command. Please ask an admin: {admins}',
  },
  'admin.refused.none': {
    ja: '（管理者が登録されていません。Slack のワークスペース管理者、または KOTAE_ADMIN_EMAILS に設定された人が管理者です）',
    en: '(no admin is registered yet: Slack workspace owners and admins, or the people in KOTAE_ADMIN_EMAILS, are admins)',
  },
  'admin.usageIntro': { ja: '使い方: {usage}\n例: {example}', en: 'Usage: {usage}\nExample: {example}' },
  'admin.help.title': { ja: '管理者コマンド', en: 'Admin commands' },

  'admin.usage.status': { ja: '`/kotae status`', en: '`/kotae status`' },
  'admin.example.status': { ja: '`/kotae status`', en: '`/kotae status`' },
  'admin.what.status': {
    ja: 'このチャンネルのデータ設定、モデル、管理者を表示します',
    en: "show this channel's data mapping, the model and the admins",
  },
  'admin.usage.map': {
    ja: '`/kotae map [default] <データセット> [<データセット>…] [project=<ID>] [location=<場所>] [max-bytes=<サイズ>]`',
    en: '`/kotae map [default] <dataset> [<dataset>…] [project=<id>] [location=<loc>] [max-bytes=<size>]`',
  },
  'admin.example.map': {
    ja: '`/kotae map retail max-bytes=10GB`（`map default …` はワークスペースの既定）',
    en: '`/kotae map retail max-bytes=10GB` (`map default …` sets the workspace default)',
  },
  'admin.what.map': {
    ja: 'このチャンネル（または既定）が読めるデータセットを設定します',
    en: 'set the datasets this channel (or the default) may read',
  },
  'admin.usage.unmap': { ja: '`/kotae unmap [default]`', en: '`/kotae unmap [default]`' },
  'admin.example.unmap': { ja: '`/kotae unmap`', en: '`/kotae unmap`' },
  'admin.what.unmap': { ja: 'このチャンネルの設定を削除します', en: "remove this channel's mapping" },
  'admin.usage.mappings': { ja: '`/kotae mappings`', en: '`/kotae mappings`' },
  'admin.example.mappings': { ja: '`/kotae mappings`', en: '`/kotae mappings`' },
  'admin.what.mappings': { ja: 'ワークスペースの設定を一覧します', en: "list the workspace's mappings" },
  'admin.usage.admins': {
    ja: '`/kotae admins` | `/kotae admins add @ユーザー` | `/kotae admins remove @ユーザー`',
    en: '`/kotae admins` | `/kotae admins add @user` | `/kotae admins remove @user`',
  },
  'admin.example.admins': { ja: '`/kotae admins add @tanaka`', en: '`/kotae admins add @tanaka`' },
  'admin.what.admins': { ja: '管理者を表示・追加・削除します', en: 'show, add or remove admins' },
  'admin.usage.model': {
    ja: '`/kotae model [<プロバイダ>/<モデル>]`',
    en: '`/kotae model [<provider>/<model>]`',
  },
  'admin.example.model': {
    ja: '`/kotae model openai/gpt-4.1-mini`',
    en: '`/kotae model openai/gpt-4.1-mini`',
  },
  'admin.what.model': {
    ja: 'ワークスペースのモデルを表示・設定します',
    en: "show or set the workspace's model",
  },
  'admin.usage.keys': {
    ja: '`/kotae keys` | `/kotae keys remove <プロバイダ>`',
    en: '`/kotae keys` | `/kotae keys remove <provider>`',
  },
  'admin.example.keys': { ja: '`/kotae keys`', en: '`/kotae keys`' },
  'admin.what.keys': {
    ja: 'ワークスペースの LLM キーを入力するフォームを開きます',
    en: "open a form for the workspace's LLM keys",
  },
  'admin.usage.audit': { ja: '`/kotae audit`', en: '`/kotae audit`' },
  'admin.example.audit': { ja: '`/kotae audit`', en: '`/kotae audit`' },
  'admin.what.audit': { ja: '最近の管理者による変更を表示します', en: 'show recent admin changes' },

  'admin.status.title': { ja: 'このチャンネルの設定', en: "This channel's settings" },
  'admin.status.project': { ja: 'プロジェクト: {value}', en: 'Project: {value}' },
  'admin.status.datasets': { ja: 'データセット: {value}', en: 'Datasets: {value}' },
  'admin.status.location': { ja: 'ロケーション: {value}', en: 'Location: {value}' },
  'admin.status.cap': { ja: '1 クエリの上限: {value}', en: 'Byte cap per query: {value}' },
  'admin.status.source.channel': { ja: '（このチャンネルの設定）', en: "(this channel's mapping)" },
  'admin.status.source.default': { ja: '（ワークスペースの既定）', en: '(workspace default)' },
  'admin.status.source.configuration': { ja: '（サーバーの設定）', en: '(server configuration)' },
  'admin.status.unmapped': {
    ja: 'このチャンネルにはデータが設定されていません。',
    en: 'No data is mapped to this channel.',
  },
  'admin.status.model': { ja: 'モデル: {value}', en: 'Model: {value}' },
  'admin.status.modelDefault': { ja: '既定（{value}）', en: 'default ({value})' },
  'admin.status.admins': { ja: '管理者: {value}', en: 'Admins: {value}' },
  'admin.all': { ja: 'すべて', en: 'all' },
  'admin.none': { ja: 'なし', en: 'none' },

  'admin.map.saved': {
    ja: '{target} にデータセット {datasets} を設定しました（上限 {cap}）。',
    en: 'Mapped {target} to {datasets} (cap {cap}).',
  },
  'admin.map.target.channel': { ja: 'このチャンネル', en: 'this channel' },
  'admin.map.target.default': { ja: 'ワークスペースの既定', en: 'the workspace default' },
  'admin.map.noDataset': {
    ja: 'データセットを 1 つ以上指定してください。',
    en: 'Name at least one dataset.',
  },
  'admin.map.tooMany': {
    ja: '引数が多すぎます（データセットは {max} 個まで、各オプションは 1 回まで）。',
    en: 'Too many arguments (at most {max} datasets, each option once).',
  },
  'admin.map.unknownOption': {
    ja: '`{value}` というオプションはありません。',
    en: 'There is no option `{value}`.',
  },
  'admin.map.badSize': {
    ja: '`{value}` はサイズとして読めません（例: `10GB`, `500MB`）。',
    en: '`{value}` is not a size (e.g. `10GB`, `500MB`).',
  },
  'admin.map.overCap': {
    ja: '上限 {value} はサーバーの上限 {cap} を超えています。上限は下げることしかできません。',
    en: 'The cap {value} is above the server cap {cap}. A mapping can only lower the cap.',
  },
  'admin.map.unknownDataset': {
    ja: 'データセット `{value}` が見つからないか、読めません。',
    en: 'Dataset `{value}` does not exist or cannot be read.',
  },
  'admin.map.didYouMean': { ja: '`{value}` のことですか？', en: 'Did you mean `{value}`?' },
  'admin.map.badName': { ja: '`{value}` は正しい名前ではありません。', en: '`{value}` is not a valid name.' },
  'admin.map.list.title': { ja: 'ワークスペースの設定', en: "The workspace's mappings" },
  'admin.map.list.empty': { ja: '設定はまだありません。', en: 'There are no mappings yet.' },
  'admin.map.list.default': { ja: '既定', en: 'default' },

  'admin.unmap.confirm': {
    ja: '{target} の設定を削除しますか？確定するには下のボタンを押すか `{confirm}` を送ってください。',
    en: 'Remove the mapping of {target}? To confirm, press the button below or send `{confirm}`.',
  },
  'admin.unmap.done': { ja: '{target} の設定を削除しました。', en: 'Removed the mapping of {target}.' },
  'admin.unmap.nothing': { ja: '{target} には設定がありません。', en: '{target} has no mapping.' },
  'admin.confirm.button': { ja: '確定', en: 'Confirm' },
  'admin.confirm.expired': {
    ja: 'この確認は期限切れか、すでに使われています。もう一度コマンドを実行してください。',
    en: 'This confirmation expired or was already used. Please run the command again.',
  },

  'admin.admins.list': { ja: '管理者: {value}', en: 'Admins: {value}' },
  'admin.admins.added': { ja: '{user} を管理者に追加しました。', en: 'Added {user} as an admin.' },
  'admin.admins.already': { ja: '{user} はすでに管理者です。', en: '{user} is already an admin.' },
  'admin.admins.removeConfirm': {
    ja: '{user} を管理者から外しますか？確定するには下のボタンを押すか `{confirm}` を送ってください。',
    en: 'Remove {user} from the admins? To confirm, press the button below or send `{confirm}`.',
  },
  'admin.admins.removed': { ja: '{user} を管理者から外しました。', en: 'Removed {user} from the admins.' },
  'admin.admins.notAdmin': {
    ja: '{user} は管理者として登録されていません。',
    en: '{user} is not a registered admin.',
  },
  'admin.admins.last': {
    ja: '{user} は最後の管理者なので外せません。先に別の管理者を追加してください。',
    en: '{user} is the last admin and cannot be removed. Add another admin first.',
  },
  'admin.admins.badUser': {
    ja: '`{value}` はユーザーとして読めません。@メンションで指定してください。',
    en: '`{value}` is not a user. Name the user with an @mention.',
  },

  'admin.model.current': { ja: 'このワークスペースのモデル: {value}', en: "This workspace's model: {value}" },
  'admin.model.set': { ja: 'モデルを {value} に設定しました。', en: 'The model is now {value}.' },
  'admin.model.unknownProvider': {
    ja: '`{value}` は使えるプロバイダではありません。使えるもの: {providers}',
    en: '`{value}` is not an available provider. Available: {providers}',
  },

  'admin.audit.title': { ja: '最近の管理者による変更', en: 'Recent admin changes' },
  'admin.audit.empty': { ja: '変更はまだありません。', en: 'No changes yet.' },
  'admin.audit.line': {
    ja: '{when} {who}: {action} {target} {change}',
    en: '{when} {who}: {action} {target} {change}',
  },

  'admin.unmapped.production': {
    ja: 'このチャンネルにはまだデータが設定されていないため、質問に答えられません。管理者が `/kotae map <データセット>`（またはワークスペースの既定に `/kotae map default <データセット>`）で設定できます。',
    en: 'No data is mapped to this channel yet, so I cannot answer. An admin can map it with `/kotae map <dataset>` (or set a workspace default with `/kotae map default <dataset>`).',
  },
  'admin.keys.title': { ja: 'LLM キー', en: 'LLM keys' },
  'admin.keys.list': { ja: '登録済みのキー: {value}', en: 'Stored keys: {value}' },
  'admin.keys.opened': {
    ja: 'キーの入力フォームを開きました。キーはあなたにしか見えません。',
    en: 'I opened a form for the key. Only you can see it.',
  },
  'admin.keys.console': {
    ja: '下のフォームにキーを入力してください。キーはチャンネルには表示されません。',
    en: 'Enter the key in the form below. It is never shown in the channel.',
  },
  'admin.keys.pubsub': {
    ja: 'Google Chat は Pub/Sub でイベントを受け取るアプリのダイアログに対応していないため、ここではキーを入力できません。Slack かコンソールで `/kotae keys` を使ってください。',
    en: 'Google Chat does not support dialogs for apps that receive events through Pub/Sub, so keys cannot be entered here. Use `/kotae keys` in Slack or the console.',
  },
  'admin.keys.unavailable': {
    ja: 'この環境ではキーを保存できません。運用者が KOTAE_ENCRYPTION_KEYS を設定する必要があります。',
    en: 'Keys cannot be stored here: the operator must set KOTAE_ENCRYPTION_KEYS.',
  },
  'admin.keys.provider': { ja: 'プロバイダ', en: 'Provider' },
  'admin.keys.enter': { ja: 'キーを入力', en: 'Enter a key' },
  'admin.keys.key': { ja: 'API キー', en: 'API key' },
  'admin.keys.save': { ja: '保存', en: 'Save' },
  'admin.keys.cancel': { ja: 'キャンセル', en: 'Cancel' },
  'admin.keys.saved': {
    ja: '{provider} のキー {masked} を保存しました。このワークスペースの質問に使います。',
    en: 'Saved the {provider} key {masked}. This workspace’s questions will use it.',
  },
  'admin.keys.badKey': {
    ja: 'キーとして読めません（空白を含まない 20〜300 文字）。',
    en: 'That does not look like a key (20–300 characters, no spaces).',
  },
  'admin.keys.badProvider': {
    ja: '`{value}` は使えるプロバイダではありません。使えるもの: {providers}',
    en: '`{value}` is not an available provider. Available: {providers}',
  },
  'admin.keys.removeConfirm': {
    ja: '{provider} のキー {masked} を削除しますか？確定するには下のボタンを押すか `{confirm}` を送ってください。',
    en: 'Remove the {provider} key {masked}? To confirm, press the button below or send `{confirm}`.',
  },
  'admin.keys.removed': { ja: '{provider} のキーを削除しました。', en: 'Removed the {provider} key.' },
  'admin.keys.none': { ja: '{provider} のキーは登録されていません。', en: 'No {provider} key is stored.' },
} as const satisfies MessageTable;
