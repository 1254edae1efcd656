/**
 * `/kotae`, the answer's buttons and the assistant side panel. If these break, `/kotae help`
 * shows Slack's "dispatch_failed", "Show SQL" shows nothing or someone else's SQL, votes
 * pile up instead of replacing each other, or the assistant panel opens empty.
 */
import { describe, expect, it, vi } from 'vitest';
import { fixture, TEAM, useSlackHarness } from '../../support/slack-harness.ts';

const ctx = useSlackHarness({ clear: ['task', 'feedback'] });

function command(
  text: string,
  triggerId = '13345224609.738474920.8088930838d88f008e0',
): Record<string, string> {
  return { ...fixture<Record<string, string>>('slash_command'), text, trigger_id: triggerId };
}

async function finishedTask(sql: string[], team = TEAM): Promise<{ id: string }> {
  const workspace = await ctx.slack.workspaces.ensure('slack', team, {
    locale: 'ja',
    timeZone: 'Asia/Tokyo',
  });
  const { task } = await ctx.slack.tasks.create({
    kind: 'QUESTION',
    idempotencyKey: `slack:${team}:Ev${Math.random()}`,
    workspaceId: workspace.id,
    thread: { platform: 'slack', workspaceId: team, channelId: 'C123ABC456', threadId: '1515449522.000016' },
    userId: 'U061F7AUR',
    question: '先月の売上は？',
    locale: 'ja',
    timeZone: 'Asia/Tokyo',
    maxAttempts: 3,
  });
  const result = {
    reply: {
      kind: 'answer',
      locale: 'ja',
      text: '1.2億円',
      provenance: { sql, bytesProcessed: 1, rows: 1, durationMs: 5 },
    },
  };
  return await ctx.db.prisma.task.update({ where: { id: task.id }, data: { status: 'COMPLETED', result } });
}

function clickPayload(actionId: string, value: string, responseId: string): Record<string, unknown> {
  const payload = fixture<{ actions: Array<Record<string, unknown>>; response_url: string }>('block_actions');
  payload.actions[0]!.action_id = actionId;
  payload.actions[0]!.value = value;
  payload.response_url = ctx.slack.fake.responseUrl(responseId);
  return payload;
}

describe('/kotae', () => {
  it('answers help in the ack itself, only to the caller', async () => {
    const response = await ctx.slack.sendForm(command('help'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('/kotae ask');
  });

  it('queues `ask`, confirms privately, and starts a thread in the channel for the answer', async () => {
    const response = await ctx.slack.sendForm(command('ask 今年の都道府県別売上は？'));
    const body = (await response.json()) as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    const task = await ctx.db.prisma.task.findFirstOrThrow();
    expect(task).toMatchObject({
      question: '今年の都道府県別売上は？',
      channelId: 'C2147483705',
      threadId: '',
    });
    await vi.waitFor(() => expect(ctx.slack.fake.messages('C2147483705')).toHaveLength(1));
    expect(ctx.slack.fake.messages('C2147483705')[0]!.threadTs).toBeUndefined();

    // Slack retries a slow command with the same trigger_id: still one question.
    await ctx.slack.sendForm(command('ask 今年の都道府県別売上は？'));
    expect(await ctx.db.prisma.task.count()).toBe(1);
  });

  it('says what went wrong for an unknown verb', async () => {
    const body = (await (await ctx.slack.sendForm(command('frobnicate'))).json()) as { text: string };
    expect(body.text).toContain('frobnicate');
  });
});

describe('Show SQL', () => {
  it('posts the SQL behind the answer only to the person who clicked', async () => {
    const task = await finishedTask(['SELECT prefecture, SUM(amount) FROM orders GROUP BY 1']);
    expect((await ctx.slack.sendInteraction(clickPayload('kotae_show_sql', task.id, 'r1'))).status).toBe(200);
    await vi.waitFor(() => expect(ctx.slack.fake.state.responseUrlPosts).toHaveLength(1));
    const posted = ctx.slack.fake.state.responseUrlPosts[0]!;
    expect(posted.id).toBe('r1');
    expect(posted.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    // Formatted: one clause per line.
    expect(JSON.stringify(posted.body.blocks)).toContain(
      JSON.stringify('SELECT\n  prefecture,\n  SUM(amount)\nFROM\n  orders\nGROUP BY\n  1').slice(1, -1),
    );
    expect(String(posted.body.text)).toContain('この回答に使った SQL');
  });

  it('reveals nothing for a task of another workspace', async () => {
    const task = await finishedTask(['SELECT secret FROM other_team'], 'T0THERTEAM');
    await ctx.slack.sendInteraction(clickPayload('kotae_show_sql', task.id, 'r2'));
    await vi.waitFor(() => expect(ctx.slack.fake.state.responseUrlPosts).toHaveLength(1));
    const text = JSON.stringify(ctx.slack.fake.state.responseUrlPosts[0]!.body);
    expect(text).not.toContain('other_team');
    expect(text).toContain('見つかりませんでした');
  });
});

describe('feedback', () => {
  it('keeps one vote per task and person, the latest one', async () => {
    const task = await finishedTask(['SELECT 1']);
    await ctx.slack.sendInteraction(clickPayload('kotae_feedback_up', task.id, 'f1'));
    await vi.waitFor(() => expect(ctx.slack.fake.state.responseUrlPosts).toHaveLength(1));
    await ctx.slack.sendInteraction(clickPayload('kotae_feedback_down', task.id, 'f2'));
    await vi.waitFor(() => expect(ctx.slack.fake.state.responseUrlPosts).toHaveLength(2));
    const votes = await ctx.db.prisma.feedback.findMany();
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ taskId: task.id, userId: 'U061F7AUR', value: 'down' });
    expect(String(ctx.slack.fake.state.responseUrlPosts[0]!.body.text)).toContain('👍');
  });
});

describe('assistant threads', () => {
  it('offers suggested prompts when a thread starts', async () => {
    expect((await ctx.slack.sendEvent(fixture('assistant_thread_started'))).status).toBe(200);
    await vi.waitFor(() =>
      expect(ctx.slack.fake.calls('assistant.threads.setSuggestedPrompts')).toHaveLength(1),
    );
    const call = ctx.slack.fake.calls('assistant.threads.setSuggestedPrompts')[0]!;
    expect(call.params).toMatchObject({ channel_id: 'D123ABC456', thread_ts: '1729999327.187299' });
    const prompts = call.params.prompts as Array<{ title: string; message: string }>;
    expect(prompts).toHaveLength(3);
    expect(prompts[0]!.message).toBe('先月の売上トップ10の店舗は？');
  });

  it('queues the question, titles the thread and shows the thinking status', async () => {
    expect((await ctx.slack.sendEvent(fixture('assistant_user_message'))).status).toBe(200);
    const task = await ctx.db.prisma.task.findFirstOrThrow();
    expect(task).toMatchObject({ channelId: 'D123ABC456', threadId: '1729999327.187299' });
    await vi.waitFor(() => {
      expect(ctx.slack.fake.calls('assistant.threads.setStatus')).toHaveLength(1);
      expect(ctx.slack.fake.calls('assistant.threads.setTitle')).toHaveLength(1);
    });
    expect(ctx.slack.fake.calls('assistant.threads.setTitle')[0]!.params.title).toBe(
      '今月の売上を店舗別に教えて',
    );
    expect(ctx.slack.fake.calls('assistant.threads.setStatus')[0]!.params).toMatchObject({
      channel_id: 'D123ABC456',
      thread_ts: '1729999327.187299',
      status: '考え中…',
    });
    // The status comes after the placeholder: posting in the thread clears it.
    const order = ctx.slack.fake.calls().map((call) => call.method);
    expect(order.indexOf('assistant.threads.setStatus')).toBeGreaterThan(order.indexOf('chat.postMessage'));
  });
});
