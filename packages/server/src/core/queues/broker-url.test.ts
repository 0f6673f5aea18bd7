import { describe, expect, it } from 'vitest';
import { splitCredentials, withCredentials } from './broker-url.js';

describe('splitCredentials', () => {
  it('moves user and password out of the URL', () => {
    expect(splitCredentials('rabbitmq', 'amqp://guest:s3cr%40t@127.0.0.1:5672/vh')).toEqual({
      url: 'amqp://127.0.0.1:5672/vh',
      username: 'guest',
      password: 's3cr@t',
    });
  });

  it('leaves a URL without credentials as it is', () => {
    expect(splitCredentials('redis', 'redis://cache:6379')).toEqual({
      url: 'redis://cache:6379',
      username: null,
      password: null,
    });
  });

  it('refuses a scheme of another kind, pointing at the URL', () => {
    expect(() => splitCredentials('rabbitmq', 'nats://127.0.0.1:4222')).toThrow(/amqp:\/\//);
  });

  it('refuses text that is not a URL without echoing a password in it', () => {
    let message = '';
    try {
      splitCredentials('rabbitmq', 'amqp//user:hunter2@host');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/not a URL/);
    expect(message).not.toContain('hunter2');
  });
});

describe('withCredentials', () => {
  it('round-trips characters that need encoding', () => {
    const url = withCredentials('amqp://h:5672', 'a b', 'p@ss:/word');
    expect(splitCredentials('rabbitmq', url)).toEqual({
      url: 'amqp://h:5672',
      username: 'a b',
      password: 'p@ss:/word',
    });
  });

  it('returns the URL unchanged when there is nothing to add', () => {
    expect(withCredentials('amqp://h', null, null)).toBe('amqp://h');
  });
});
