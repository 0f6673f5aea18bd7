import { describe } from 'vitest';
import { serviceAvailable } from '../../testing/services.js';
import { describeBrokerClientContract } from '../broker-client.contract.js';
import { redisHarness } from './redis-test-clients.fixture.js';

const up = await serviceAvailable('redis');

describe.skipIf(!up)('RedisBrokerClient', () => {
  describeBrokerClientContract('redis', redisHarness);
});
