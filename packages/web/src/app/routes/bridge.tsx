import { Alert, Anchor, Center, Loader } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ui/error-alert';
import { paths } from '../../config/paths';
import { useBridge } from '../../features/bridges/api/get-bridge';
import { BridgePage } from '../../features/bridges/components/bridge-page';
import { ApiError } from '../../lib/api-client';
import { useCanChange } from './use-can-change';

/** One bridge, by id, polled every second; says so plainly when it is gone. */
export function BridgeRoute() {
  const { id = '' } = useParams();
  const bridge = useBridge(id);
  const canChange = useCanChange();
  if (bridge.data) {
    return (
      <BridgePage
        key={id}
        bridge={bridge.data}
        readAt={bridge.dataUpdatedAt}
        canEdit={canChange(bridge.data)}
      />
    );
  }
  if (!bridge.error) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading the bridge" />
      </Center>
    );
  }
  if (bridge.error instanceof ApiError && bridge.error.status === 404) {
    return (
      <Alert color="yellow" title="There is no such bridge">
        It may have been deleted.{' '}
        <Anchor component={Link} to={paths.bridges}>
          See all bridges
        </Anchor>
      </Alert>
    );
  }
  return <ErrorAlert error={bridge.error} title="Could not load the bridge" />;
}
