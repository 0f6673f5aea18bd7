import { describe } from 'vitest';
import { serviceAvailable } from '../../testing/services.js';
import { describeBrokerClientContract } from '../broker-client.contract.js';
import { rabbitmqHarness } from './rabbitmq-test-clients.fixture.js';

const up = await serviceAvailable('rabbitmq');

describe.skipIf(!up)('RabbitmqBrokerClient', () => {
  describeBrokerClientContract('rabbitmq', rabbitmqHarness);
});
