import { createHash } from 'node:crypto';
import type { MqttDeclareOptions } from '../../core/ports/broker-client.js';
import { invalidOption } from '../consume-options.js';

/** MQTT strings are length-prefixed with 16 bits. */
const MAX_BYTES = 65_535;

function checkLength(path: string, value: string): void {
  if (value === '' || Buffer.byteLength(value) > MAX_BYTES || value.includes('\u0000')) {
    throw invalidOption(path, 'must be 1 to 65535 bytes of UTF-8 without NUL');
  }
}

/** A topic filter: `+` only as a whole level, `#` only as the whole last level (MQTT 5 §4.7.1). */
export function checkTopicFilter(filter: string): void {
  checkLength('/queue', filter);
  if (filter.startsWith('$share/')) {
    throw invalidOption(
      '/queue',
      'give the plain filter; a shared subscription is asked for with shareGroup',
    );
  }
  const levels = filter.split('/');
  const bad = levels.some(
    (level, i) =>
      (level.includes('+') && level !== '+') ||
      (level.includes('#') && (level !== '#' || i !== levels.length - 1)),
  );
  if (bad) throw invalidOption('/queue', `${JSON.stringify(filter)} is not a valid MQTT topic filter`);
}

/** A topic name to publish to: no wildcards (MQTT 5 §4.7.3). */
export function checkTopicName(topic: string): void {
  checkLength('/queue', topic);
  if (topic.includes('+') || topic.includes('#')) {
    throw invalidOption('/queue', 'a message is published to a topic name, which holds no + or #');
  }
}

export function checkDeclaration(filter: string, options: MqttDeclareOptions): void {
  checkTopicFilter(filter);
  if (options.sessionId !== undefined) checkLength('/sessionId', options.sessionId);
  const group = options.shareGroup;
  if (group !== undefined && (group === '' || /[/+#]/.test(group))) {
    throw invalidOption('/shareGroup', 'must be non-empty and hold no /, + or #');
  }
}

/**
 * The session of a filter declared without a sessionId. With a share group, one per node
 * (`<group>-<node id>`): nodes sharing one client id would keep taking the session over from each
 * other, and a node must find its own session again after a restart. Without one, the same on every
 * client, derived from the filter, so any can consume it.
 */
export function defaultSessionId(filter: string, node: string, options?: MqttDeclareOptions): string {
  if (options?.shareGroup) return `${options.shareGroup}-${node}`;
  return `understudy-${createHash('sha256').update(filter).digest('hex').slice(0, 20)}`;
}

/** What is actually subscribed: `$share/<group>/<filter>` lets several nodes share one queue mock. */
export function subscriptionFilter(filter: string, options: MqttDeclareOptions | undefined): string {
  return options?.shareGroup ? `$share/${options.shareGroup}/${filter}` : filter;
}
