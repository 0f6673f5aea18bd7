import { Badge, Group } from '@mantine/core';
import type { Service } from '@understudy/contracts';
import { useRecordedStubs } from '../api/get-recorded-stubs';

/** "Recorded", with how many recordings wait for review. */
export function RecordedTabLabel({ service }: { service: Service }) {
  const recorded = useRecordedStubs(service.name, service.proxy.record && service.mode !== 'mock');
  const pending = recorded.data?.items.filter((stub) => !stub.enabled).length ?? 0;
  return (
    <Group gap={6} wrap="nowrap">
      Recorded
      {pending > 0 && (
        <Badge size="sm" circle={pending < 10} color="red" aria-label={`${pending} to review`}>
          {pending}
        </Badge>
      )}
    </Group>
  );
}
