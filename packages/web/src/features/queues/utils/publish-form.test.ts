import type { QueueMessage } from '@understudy/contracts';
import { describe, expect, it } from 'vitest';
import { emptyPublishForm, formFromMessage, republishRequest, toPublishRequest } from './publish-form';

const kept: QueueMessage = {
  id: '7',
  body: { orderId: 7 },
  bodyEncoding: 'json',
  size: 13,
  truncated: false,
  headers: { 'x-tenant': 'acme', 'x-count': 3 },
  properties: {
    contentType: 'application/json',
    messageId: 'm-1',
    correlationId: 'c-1',
    replyTo: 'replies',
    persistent: true,
    timestamp: '2026-11-28T08:00:00.000Z',
    userId: 'guest',
  },
  routingKey: 'orders',
  exchange: '',
  redelivered: false,
  receivedAt: '2026-11-28T08:00:00.100Z',
  brokerMessageId: 'm-1',
  reply: null,
};

describe('the publish form model', () => {
  it('sends a JSON body parsed, headers by name and only the properties given', () => {
    const form = emptyPublishForm();
    form.body = '{"a": [1, 2]}';
    form.headers = [
      { key: 'h', name: ' x-tenant ', value: 'acme' },
      { key: 'i', name: '', value: 'ignored' },
    ];
    form.text.correlationId = ' c-9 ';
    form.numbers.priority = 5;
    expect(toPublishRequest(form)).toEqual({
      ok: true,
      request: {
        body: { a: [1, 2] },
        bodyEncoding: 'json',
        headers: { 'x-tenant': 'acme' },
        properties: { persistent: true, correlationId: 'c-9', priority: 5 },
      },
    });
  });

  it('says in words why a body cannot be sent', () => {
    const json = { ...emptyPublishForm(), body: '{"a": ' };
    expect(toPublishRequest(json)).toMatchObject({
      ok: false,
      bodyError: expect.stringMatching(/^Not valid JSON/),
    });
    const bytes = { ...emptyPublishForm(), encoding: 'base64' as const, body: 'not base64!' };
    expect(toPublishRequest(bytes)).toMatchObject({
      ok: false,
      bodyError: expect.stringMatching(/^Not valid base64/),
    });
    const text = { ...emptyPublishForm(), encoding: 'text' as const, body: '' };
    expect(toPublishRequest(text)).toMatchObject({ ok: true, request: { body: '', bodyEncoding: 'text' } });
  });

  it('re-publishes a kept message as it came, but with a new id and without broker-set properties', () => {
    expect(republishRequest(kept)).toEqual({
      body: { orderId: 7 },
      bodyEncoding: 'json',
      headers: { 'x-tenant': 'acme', 'x-count': 3 },
      properties: {
        contentType: 'application/json',
        correlationId: 'c-1',
        replyTo: 'replies',
        persistent: true,
      },
    });
  });

  it('fills the form from a kept message, ready to publish again', () => {
    const form = formFromMessage(kept);
    expect(form.body).toBe('{\n  "orderId": 7\n}');
    expect(form.headers.map((h) => [h.name, h.value])).toEqual([
      ['x-tenant', 'acme'],
      ['x-count', '3'],
      ['', ''],
    ]);
    expect(form.text).toMatchObject({ correlationId: 'c-1', replyTo: 'replies', messageId: '' });
    expect(toPublishRequest(form)).toMatchObject({ ok: true, request: { body: { orderId: 7 } } });
  });
});
