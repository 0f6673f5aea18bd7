import type { BridgeOutEndpoint, OutgoingMessage } from '../../core/ports/index.js';
import type { OutMessage } from '../../core/bridging/mapper-io.js';
import type { BrokerConnections } from '../queues/broker-connections.js';

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Publishes one OUT message with its derived id through the OUT broker's confirming publisher;
 * resolves once the broker confirmed. A broker that is not connected rejects (never throws).
 */
export async function publishOut(
  connections: BrokerConnections,
  out: BridgeOutEndpoint,
  message: OutMessage,
  messageId: string,
): Promise<void> {
  const client = connections.client(out.broker);
  const outgoing: OutgoingMessage = {
    body: asBuffer(message.body),
    headers: message.headers,
    properties: { ...message.properties, messageId },
  };
  if (out.exchange !== undefined) {
    await client.publish(out.routingKey ?? '', outgoing, { kind: 'rabbitmq', exchange: out.exchange });
  } else {
    await client.publish(out.queue ?? '', outgoing);
  }
}
