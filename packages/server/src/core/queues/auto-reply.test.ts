import { describe, expect, it } from 'vitest';
import type { QueueMessageRecord } from '../ports/queue-message-store.js';
import { isDirectReplyToReturn, planReply } from './auto-reply.js';

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

describe('planReply', () => {
  const settings = { kind: 'static' as const, body: { ok: true }, headers: { 'x-mock': 'yes' } };

  it('answers a message with replyTo on that address with the same correlation id', () => {
    const plan = planReply(settings, request({ replyTo: 'amq.rabbitmq.reply-to.abc', correlationId: 'c-7' }));
    expect(plan?.target).toBe('amq.rabbitmq.reply-to.abc');
    expect(plan?.correlationId).toBe('c-7');
    expect(plan?.message.body.toString()).toBe('{"ok":true}');
    expect(plan?.message.headers).toEqual({ 'x-mock': 'yes' });
    expect(plan?.message.properties).toEqual({ contentType: 'application/json', correlationId: 'c-7' });
  });

  it('does not answer a message without replyTo, nor when auto-reply is off', () => {
    expect(planReply(settings, request({ correlationId: 'c' }))).toBeNull();
    expect(planReply(null, request({ replyTo: 'r' }))).toBeNull();
  });

  it('keeps a content type the user chose', () => {
    const plan = planReply(
      { ...settings, body: 'pong', contentType: 'text/x-pong' },
      request({ replyTo: 'r' }),
    );
    expect(plan?.message.properties).toEqual({ contentType: 'text/x-pong' });
    expect(plan?.message.body.toString()).toBe('pong');
  });
});

describe('isDirectReplyToReturn', () => {
  it('forgives NO_ROUTE only for the direct reply-to pseudo-queue', () => {
    expect(isDirectReplyToReturn('amq.rabbitmq.reply-to.g1h2AA', 'NO_ROUTE')).toBe(true);
    expect(isDirectReplyToReturn('replies', 'NO_ROUTE')).toBe(false);
    expect(isDirectReplyToReturn('amq.rabbitmq.reply-to.g1h2AA', 'ACCESS_REFUSED')).toBe(false);
  });
});
