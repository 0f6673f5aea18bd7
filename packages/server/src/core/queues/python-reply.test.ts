import { describe, expect, it } from 'vitest';
import type { HandlerResponse } from '../ports/handler-runner.js';
import type { QueueMessageRecord } from '../ports/queue-message-store.js';
import { handlerArgsOf, replyFromHandler } from './python-reply.js';

const request: QueueMessageRecord = {
  queueId: 'q',
  receivedAt: 1,
  routingKey: 'rpc.orders',
  exchange: 'orders',
  redelivered: true,
  brokerMessageId: 'm-1',
  body: { encoding: 'json', value: { n: 1 }, size: 7, truncated: false },
  headers: { 'X-Tenant': 'acme', 'x-retries': 2, 'x-path': ['a', 'b'] },
  properties: { replyTo: 'r', correlationId: 'c-7', timestamp: Date.UTC(2024, 0, 2) },
};

function response(change: Partial<HandlerResponse>): HandlerResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: { type: 'json', value: { total: 3 } },
    ...change,
  };
}

describe('handlerArgsOf', () => {
  it('passes the parsed body, lower-case text headers and the message as request', () => {
    expect(handlerArgsOf(request, 'orders.rpc')).toEqual({
      body: { n: 1 },
      headers: { 'x-tenant': 'acme', 'x-retries': '2', 'x-path': '["a","b"]' },
      request: {
        queue: 'orders.rpc',
        routingKey: 'rpc.orders',
        exchange: 'orders',
        redelivered: true,
        properties: { replyTo: 'r', correlationId: 'c-7', timestamp: '2024-01-02T00:00:00.000Z' },
      },
    });
  });

  it('passes a text body as the string', () => {
    const text = {
      ...request,
      body: { encoding: 'text' as const, value: 'ping', size: 4, truncated: false },
    };
    expect(handlerArgsOf(text, 'q').body).toBe('ping');
  });
});

describe('replyFromHandler', () => {
  it('sends a plain value as JSON with the plain content type and the correlation id', () => {
    const message = replyFromHandler(response({}), 'c-7');
    expect(message.body.toString()).toBe('{"total":3}');
    expect(message.headers).toEqual({});
    expect(message.properties).toEqual({ contentType: 'application/json', correlationId: 'c-7' });
  });

  it('sends a status other than 200 as x-status, headers as AMQP headers', () => {
    const message = replyFromHandler(
      response({ status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-why': 'gone' } }),
      undefined,
    );
    expect(message.headers).toEqual({ 'x-why': 'gone', 'x-status': 404 });
    expect(message.properties).toEqual({ contentType: 'text/plain' });
  });

  it('keeps a content type the handler chose, bytes as they are, and None as an empty body', () => {
    const bytes = replyFromHandler(
      response({
        headers: { 'content-type': 'application/x-thing' },
        body: { type: 'bytes', base64: 'AAEC' },
      }),
      'c',
    );
    expect(bytes.properties?.contentType).toBe('application/x-thing');
    expect([...bytes.body]).toEqual([0, 1, 2]);
    const none = replyFromHandler(response({ status: 204, headers: {}, body: null }), 'c');
    expect(none.body.length).toBe(0);
    expect(none.headers).toEqual({ 'x-status': 204 });
    expect(none.properties).toEqual({ correlationId: 'c' });
  });
});
