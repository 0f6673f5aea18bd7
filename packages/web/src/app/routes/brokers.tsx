import { Group, Stack } from '@mantine/core';
import { PageHeader } from '../../components/ui/page-header';
import { BrokersList } from '../../features/brokers/components/brokers-list';
import { CreateBrokerButton } from '../../features/brokers/components/create-broker-button';
import { useCanChange } from './use-can-change';

export function BrokersRoute() {
  const canChange = useCanChange();
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <PageHeader
          title="Brokers"
          description="The message brokers Understudy connects to, one connection each, with their live status."
        />
        <CreateBrokerButton />
      </Group>
      <BrokersList
        createAction={<CreateBrokerButton label="Register your first broker" />}
        canEdit={canChange}
      />
    </Stack>
  );
}
