import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useServices } from '../api/get-services';
import { ServicesEmptyState } from './services-empty-state';
import { ServicesTable } from './services-table';

/** All services, or an explanation of what one is when there are none yet. */
export function ServicesList({ createAction }: { createAction: ReactNode }) {
  const services = useServices();
  if (services.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading services" />
      </Center>
    );
  }
  if (services.isError) return <ErrorAlert error={services.error} title="Could not load the services" />;
  if (services.data.items.length === 0) return <ServicesEmptyState action={createAction} />;
  return <ServicesTable services={services.data.items} />;
}
