import type { ErrorDetail } from '../errors.js';
import type { BridgeInEndpoint, BridgeOutEndpoint } from '../ports/bridge-store.js';
import type { BrokerKind } from '../ports/broker-client.js';
import { BridgeInvalidError } from './bridge-errors.js';

export interface EndpointKinds {
  in: BrokerKind;
  out: BrokerKind;
}

function outProblems(out: BridgeOutEndpoint, kind: BrokerKind): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (out.queue !== undefined && out.exchange !== undefined) {
    problems.push({ path: '/body/out/exchange', message: 'give either a queue or an exchange, not both' });
  }
  if (out.queue === undefined && out.exchange === undefined) {
    problems.push({ path: '/body/out/queue', message: 'is required (or, on RabbitMQ, an exchange)' });
  }
  if (out.routingKey !== undefined && out.exchange === undefined) {
    problems.push({ path: '/body/out/routingKey', message: 'needs an exchange' });
  }
  if (out.exchange !== undefined && kind !== 'rabbitmq') {
    problems.push({
      path: '/body/out/exchange',
      message: `is for RabbitMQ brokers only (this one is ${kind})`,
    });
  }
  if (out.create && (out.queue === undefined || kind !== 'rabbitmq')) {
    problems.push({ path: '/body/out/create', message: 'declares a RabbitMQ OUT queue only' });
  }
  return problems;
}

/** What the schema cannot say about IN and OUT; checked at save time, with pointers into the body. */
export function checkEndpoints(input: BridgeInEndpoint, out: BridgeOutEndpoint, kinds: EndpointKinds): void {
  const problems = outProblems(out, kinds.out);
  if (input.broker === out.broker && out.queue === input.queue) {
    problems.push({ path: '/body/out/queue', message: 'is the IN queue: the bridge would feed itself' });
  }
  if (problems.length > 0) throw new BridgeInvalidError(problems);
}
