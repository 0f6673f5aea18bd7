import { describe } from 'vitest';
import { serviceAvailable } from '../../testing/services.js';
import { describeBrokerClientContract } from '../broker-client.contract.js';
import { natsHarness } from './nats-test-clients.fixture.js';

const up = await serviceAvailable('nats');

describe.skipIf(!up)('NatsBrokerClient', () => {
  describeBrokerClientContract('nats', natsHarness);
});
