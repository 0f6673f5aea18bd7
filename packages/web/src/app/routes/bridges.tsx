import { Button, Group, Stack } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { bridgePaths } from '../../config/paths';
import { useBrokers } from '../../features/brokers/api/get-brokers';
import { BridgesList } from '../../features/bridges/components/bridges-list';

export function BridgesRoute() {
  const hasBrokers = (useBrokers().data?.items.length ?? 0) > 0;
  const create = (label: string) => (
    <Button component={Link} to={bridgePaths.new} disabled={!hasBrokers}>
      {hasBrokers ? label : 'Register a broker first'}
    </Button>
  );
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <PageHeader
          title="Bridges"
          description="Read everything from an IN queue, map it, publish it to an OUT queue: at least once, failures kept for replay."
        />
        {create('New bridge')}
      </Group>
      <BridgesList createAction={create('Create your first bridge')} />
    </Stack>
  );
}
