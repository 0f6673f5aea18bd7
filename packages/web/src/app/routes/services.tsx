import { Group, Stack } from '@mantine/core';
import type { Service } from '@understudy/contracts';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { servicePaths } from '../../config/paths';
import { CreateServiceButton } from '../../features/services/components/create-service-button';
import { ServicesList } from '../../features/services/components/services-list';

export function ServicesRoute() {
  const navigate = useNavigate();
  const created = (service: Service) => void navigate(servicePaths.stubs(service.name));
  const createButton = <CreateServiceButton onCreated={created} />;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <PageHeader
          title="Services"
          description="The HTTP services your code depends on, answered by Understudy with stubs or the real upstream."
        />
        {createButton}
      </Group>
      <ServicesList
        createAction={<CreateServiceButton onCreated={created} label="Create your first service" />}
      />
    </Stack>
  );
}
