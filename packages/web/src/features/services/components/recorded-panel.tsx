import { Alert, Button, Center, Checkbox, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import type { Service, StubBulkAction } from '@understudy/contracts';
import { useState } from 'react';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { notifyError, notifySuccess } from '../../../components/ui/notify';
import { useBulkStubs } from '../api/bulk-stubs';
import { useRecordedStubs } from '../api/get-recorded-stubs';
import { useUpdateService } from '../api/update-service';
import { RecordedEmptyState } from './recorded-empty-state';
import { RecordedRow } from './recorded-row';

interface RecordedPanelProps {
  service: Service;
  canEdit: boolean;
}

const DONE: Record<StubBulkAction, string> = { enable: 'Enabled', disable: 'Disabled', delete: 'Discarded' };
const plural = (n: number) => `${n} recording${n === 1 ? '' : 's'}`;

/**
 * The Recorded tab: stubs the recorder made from the upstream's answers, disabled until reviewed.
 * Each can be enabled, edited first, or discarded; or all (or the selected ones) at once.
 */
export function RecordedPanel({ service, canEdit }: RecordedPanelProps) {
  const live = service.proxy.record && service.mode !== 'mock';
  const recorded = useRecordedStubs(service.name, live);
  const bulk = useBulkStubs();
  const switchMode = useUpdateService();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  if (recorded.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading recordings" />
      </Center>
    );
  }
  if (recorded.isError) return <ErrorAlert error={recorded.error} title="Could not load the recordings" />;

  const items = [...recorded.data.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const pending = items.filter((stub) => !stub.enabled);
  const enabledCount = items.length - pending.length;
  if (items.length === 0) return <RecordedEmptyState service={service} />;

  const chosen = pending.filter((stub) => selected.has(stub.id)).map((stub) => stub.id);
  const targets = chosen.length > 0 ? chosen : pending.map((stub) => stub.id);
  const scope = chosen.length > 0 ? `selected (${chosen.length})` : `all (${pending.length})`;

  const apply = (action: StubBulkAction, ids: string[]) =>
    bulk.mutate(
      { service: service.name, action, ids },
      {
        onSuccess: (result) => {
          setSelected(new Set());
          notifySuccess(`${DONE[action]} ${plural(result.ids.length)}`);
        },
        onError: (error) => notifyError('Could not change the recordings', error),
      },
    );
  const select = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const toMock = () =>
    switchMode.mutate(
      { name: service.name, patch: { mode: 'mock' } },
      { onError: (error) => notifyError(`Could not switch ${service.name} to mock`, error) },
    );

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={620}>
          Each distinct call the upstream answered while recording became a stub, disabled so that it answers
          only once you have looked at it. Enable the ones to keep; edit one first to loosen its conditions or
          change its answer.
        </Text>
        {pending.length > 0 && (
          <Group gap="xs">
            <Button onClick={() => apply('enable', targets)} loading={bulk.isPending} disabled={!canEdit}>
              Enable {scope}
            </Button>
            <ConfirmButton
              label={`Discard ${scope}`}
              size="sm"
              title={`Discard ${plural(targets.length)}?`}
              message="They are deleted. Calling the upstream again while recording records them again."
              onConfirm={() => apply('delete', targets)}
              disabled={!canEdit || bulk.isPending}
            />
          </Group>
        )}
      </Group>
      {pending.length === 0 && service.mode !== 'mock' && (
        <Alert color="teal" variant="light" title="Every recording is reviewed">
          <Group justify="space-between">
            <Text size="sm">
              {plural(enabledCount)} enabled. In mock mode they answer without the upstream.
            </Text>
            <Button onClick={toMock} loading={switchMode.isPending} disabled={!canEdit} size="xs">
              Switch to mock
            </Button>
          </Group>
        </Alert>
      )}
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" aria-label="Recorded stubs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <Checkbox
                    aria-label="Select every recording to review"
                    checked={pending.length > 0 && chosen.length === pending.length}
                    indeterminate={chosen.length > 0 && chosen.length < pending.length}
                    onChange={(event) =>
                      setSelected(new Set(event.currentTarget.checked ? pending.map((stub) => stub.id) : []))
                    }
                    disabled={!canEdit || pending.length === 0}
                  />
                </Table.Th>
                <Table.Th>Request</Table.Th>
                <Table.Th>Answer</Table.Th>
                <Table.Th w={150}>Recorded</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((stub) => (
                <RecordedRow
                  key={stub.id}
                  service={service.name}
                  stub={stub}
                  canEdit={canEdit}
                  selected={selected.has(stub.id)}
                  onSelect={(on) => select(stub.id, on)}
                  onEnable={() => apply('enable', [stub.id])}
                  onDiscard={() => apply('delete', [stub.id])}
                  busy={bulk.isPending}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
