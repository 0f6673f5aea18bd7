import { Loader, Table, Text, Tooltip } from '@mantine/core';
import { formatDateTime } from '../../../lib/format-date';
import { useServiceActivity } from '../api/get-service-activity';
import { timeAgo } from '../utils/time-ago';

/** The Calls and Last call cells of a service's row, from its journal. */
export function ServiceActivityCells({ service }: { service: string }) {
  const activity = useServiceActivity(service);
  if (!activity.data) {
    const placeholder = activity.isError ? (
      <Text size="sm" c="dimmed" title={activity.error.message}>
        ?
      </Text>
    ) : (
      <Loader size="xs" aria-label={`Loading the activity of ${service}`} />
    );
    return (
      <>
        <Table.Td ta="right">{placeholder}</Table.Td>
        <Table.Td>{placeholder}</Table.Td>
      </>
    );
  }
  const { calls, lastCallAt } = activity.data;
  return (
    <>
      <Table.Td ta="right" data-testid="service-calls">
        {calls}
      </Table.Td>
      <Table.Td data-testid="service-last-call">
        {lastCallAt ? (
          <Tooltip label={formatDateTime(lastCallAt)}>
            <Text size="sm">{timeAgo(lastCallAt)}</Text>
          </Tooltip>
        ) : (
          <Text size="sm" c="dimmed">
            never
          </Text>
        )}
      </Table.Td>
    </>
  );
}
