import { Button, Center, Code, Group, Loader, Stack, Table, Text } from '@mantine/core';
import type { DeadLetter } from '@understudy/contracts';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { notifyError, notifySuccess } from '../../../components/ui/notify';
import { formatDateTime } from '../../../lib/format-date';
import { useDeadLetters, useReplayAll } from '../api/dead-letters';
import { bodyLine } from '../utils/format-message';
import { DeadLetterModal } from './dead-letter-modal';

interface DeadLettersPanelProps {
  bridgeId: string;
  canEdit: boolean;
}

function LetterRow({ letter, onInspect }: { letter: DeadLetter; onInspect: () => void }) {
  return (
    <Table.Tr data-testid="dead-letter-row">
      <Table.Td>
        <Text size="xs" c="dimmed">
          {formatDateTime(letter.failedAt)}
        </Text>
      </Table.Td>
      <Table.Td maw={320}>
        <Code>{bodyLine(letter, 80)}</Code>
      </Table.Td>
      <Table.Td maw={360}>
        <Text size="sm" c="red.7" lineClamp={2}>
          {letter.error.kind}: {letter.error.message}
        </Text>
      </Table.Td>
      <Table.Td ta="right">{letter.attempts}</Table.Td>
      <Table.Td ta="right">
        <Button size="xs" variant="light" onClick={onInspect}>
          Inspect
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** What the mapper gave up on: inspect (error and traceback), edit and replay, replay all, discard. */
export function DeadLettersPanel({ bridgeId, canEdit }: DeadLettersPanelProps) {
  const letters = useDeadLetters(bridgeId);
  const replayAll = useReplayAll();
  const [open, setOpen] = useState<DeadLetter | null>(null);
  if (letters.isPending)
    return (
      <Center p="lg">
        <Loader size="sm" aria-label="Loading dead letters" />
      </Center>
    );
  if (letters.isError) return <ErrorAlert error={letters.error} title="Could not load the dead letters" />;
  const items = letters.data.items;
  const replayEvery = () =>
    replayAll.mutate(
      { bridgeId },
      {
        onSuccess: (r) =>
          notifySuccess(`Replayed ${r.replayed}; ${r.failed} failed again; ${r.remaining} left`),
        onError: (error) => notifyError('Could not replay the dead letters', error),
      },
    );
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Replaying runs a dead letter through the current mapper and publishes it; it is removed once
          published.
        </Text>
        <Button
          size="xs"
          onClick={replayEvery}
          loading={replayAll.isPending}
          disabled={!canEdit || items.length === 0}
        >
          Replay all
        </Button>
      </Group>
      {items.length === 0 ? (
        <Text c="dimmed" p="md">
          No dead letters. Messages the mapper keeps failing on land here.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table verticalSpacing="xs" aria-label="Dead letters">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Failed</Table.Th>
                <Table.Th>Input</Table.Th>
                <Table.Th>Error</Table.Th>
                <Table.Th ta="right">Attempts</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((letter) => (
                <LetterRow key={letter.id} letter={letter} onInspect={() => setOpen(letter)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {open && (
        <DeadLetterModal key={open.id} letter={open} canEdit={canEdit} onClose={() => setOpen(null)} />
      )}
    </Stack>
  );
}
