import type { MessageReply, QueueMessage } from '@understudy/contracts';
import { describe, expect, it } from 'vitest';
import { matchesFilters, mergeMessages } from './live-messages';

function message(id: string, body: unknown, headers: Record<string, unknown> = {}): QueueMessage {
  return {
    id,
    body,
    bodyEncoding: typeof body === 'string' ? 'text' : 'json',
    size: 1,
    truncated: false,
    headers,
    properties: {},
    routingKey: 'q',
    exchange: '',
    redelivered: false,
    receivedAt: '2026-11-28T08:00:00.000Z',
    brokerMessageId: null,
    reply: null,
  };
}

describe('live messages', () => {
  it('applies the server filters to streamed messages: body text, headers (as text) and time', () => {
    const m = message('1', { Type: 'Express' }, { 'x-tenant': 'acme', 'x-count': 7 });
    expect(matchesFilters(m, { q: 'express' })).toBe(true);
    expect(matchesFilters(m, { q: 'standard' })).toBe(false);
    expect(matchesFilters(m, { header: ['x-tenant:acme', 'x-count: 7'] })).toBe(true);
    expect(matchesFilters(m, { header: ['x-tenant:globex'] })).toBe(false);
    expect(matchesFilters(m, { header: ['x-missing:1'] })).toBe(false);
    expect(matchesFilters(m, { since: '2026-11-28T09:00:00.000Z' })).toBe(false);
    expect(matchesFilters(m, { until: '2026-11-28T09:00:00.000Z' })).toBe(true);
  });

  it('merges streamed and fetched messages newest first, each once, with replies that came later', () => {
    const reply: MessageReply = {
      replyTo: 'r',
      correlationId: 'c',
      messageId: null,
      body: { ok: true },
      bodyEncoding: 'json',
      headers: {},
      sentAt: '2026-11-28T08:00:01.000Z',
      error: null,
    };
    const merged = mergeMessages(
      [message('3', 'c'), message('2', 'b')],
      [message('2', 'b'), message('1', 'a')],
      new Map([['2', reply]]),
    );
    expect(merged.map((m) => m.id)).toEqual(['3', '2', '1']);
    expect(merged[1]?.reply).toEqual(reply);
  });
});
