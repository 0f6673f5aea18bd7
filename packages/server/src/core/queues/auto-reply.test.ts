import { describe, expect, it } from 'vitest';
import type { QueueMessageRecord } from '../ports/queue-message-store.js';
import { isDirectReplyToReturn, replyTargetOf, staticReply } from './auto-reply.js';

function request(properties: QueueMessageRecord['properties']): QueueMessageRecord {
  return {
    queueId: 'q',
    receivedAt: 1,
    routingKey: 'rpc',
    exchange: '',
    redelivered: false,
    brokerMessageId: null,
    body: { encoding: 'json', value: { n: 1 }, size: 7, truncated: false },
    headers: {},
    properties,
  };
}

describe('replyTargetOf', () => {
  it('answers a message with replyTo on that address with the same correlation id', () => {
    expect(replyTargetOf(request({ replyTo: 'amq.rabbitmq.reply-to.abc', correlationId: 'c-7' }))).toEqual({
      target: 'amq.rabbitmq.reply-to.abc',
      correlationId: 'c-7',
    });
    expect(replyTargetOf(request({ replyTo: 'replies' }))).toEqual({
      target: 'replies',
      correlationId: null,
    });
  });

  it('does not answer a message without replyTo', () => {
    expect(replyTargetOf(request({ correlationId: 'c' }))).toBeNull();
  });
});

describe('staticReply', () => {
  const settings = { kind: 'static' as const, body: { ok: true }, headers: { 'x-mock': 'yes' } };

  it('sends the constant body as JSON with its headers, on the correlation id', () => {
    const message = staticReply(settings, request({ replyTo: 'r', correlationId: 'c-7' }));
    expect(message.body.toString()).toBe('{"ok":true}');
    expect(message.headers).toEqual({ 'x-mock': 'yes' });
    expect(message.properties).toEqual({ contentType: 'application/json', correlationId: 'c-7' });
  });

  it('keeps a content type the user chose', () => {
    const message = staticReply(
      { ...settings, body: 'pong', contentType: 'text/x-pong' },
      request({ replyTo: 'r' }),
    );
    expect(message.properties).toEqual({ contentType: 'text/x-pong' });
    expect(message.body.toString()).toBe('pong');
  });
});

describe('isDirectReplyToReturn', () => {
  it('forgives NO_ROUTE only for the direct reply-to pseudo-queue', () => {
    expect(isDirectReplyToReturn('amq.rabbitmq.reply-to.g1h2AA', 'NO_ROUTE')).toBe(true);
    expect(isDirectReplyToReturn('replies', 'NO_ROUTE')).toBe(false);
    expect(isDirectReplyToReturn('amq.rabbitmq.reply-to.g1h2AA', 'ACCESS_REFUSED')).toBe(false);
  });
});
