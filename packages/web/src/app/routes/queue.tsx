import { Alert, Anchor, Center, Loader } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ui/error-alert';
import { paths } from '../../config/paths';
import { useQueueMock } from '../../features/queues/api/get-queue-mock';
import { QueuePage } from '../../features/queues/components/queue-page';
import { ApiError } from '../../lib/api-client';
import { useCanChange } from './use-can-change';

/** One queue mock, by id; says so plainly when it is gone. */
export function QueueRoute() {
  const { id = '' } = useParams();
  const mock = useQueueMock(id);
  const canChange = useCanChange();
  if (mock.data) return <QueuePage key={id} mock={mock.data} canEdit={canChange(mock.data)} />;
  if (!mock.error) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading the queue mock" />
      </Center>
    );
  }
  if (mock.error instanceof ApiError && mock.error.status === 404) {
    return (
      <Alert color="yellow" title="There is no such queue mock">
        It may have been deleted.{' '}
        <Anchor component={Link} to={paths.queues}>
          See all queue mocks
        </Anchor>
      </Alert>
    );
  }
  return <ErrorAlert error={mock.error} title="Could not load the queue mock" />;
}
