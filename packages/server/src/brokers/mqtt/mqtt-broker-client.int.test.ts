import { describe } from 'vitest';
import { serviceAvailable } from '../../testing/services.js';
import { describeBrokerClientContract } from '../broker-client.contract.js';
import { mqttHarness } from './mqtt-test-clients.fixture.js';

const up = await serviceAvailable('mqtt');

describe.skipIf(!up)('MqttBrokerClient', () => {
  describeBrokerClientContract('mqtt', mqttHarness);
});
