import { Alert, Anchor, Center, Loader } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ui/error-alert';
import { paths } from '../../config/paths';
import { ApiError } from '../../lib/api-client';

/** While a service loads, or why it could not be shown. */
export function ServiceLoadState({ name, error }: { name: string; error: Error | null }) {
  if (!error) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading the service" />
      </Center>
    );
  }
  if (error instanceof ApiError && error.status === 404) {
    return (
      <Alert color="yellow" title={`There is no service named "${name}"`}>
        It may have been deleted.{' '}
        <Anchor component={Link} to={paths.services}>
          See all services
        </Anchor>
      </Alert>
    );
  }
  return <ErrorAlert error={error} title="Could not load the service" />;
}
