import { Badge, Paper, Table, Text } from '@mantine/core';
import type { JournalEntry } from '@understudy/contracts';
import { SelectableRow } from '../../../components/ui/selectable-row';
import { answeredBy, formatTime, statusColor } from '../utils/format-entry';

interface JournalTableProps {
  entries: readonly JournalEntry[];
  selectedId: string | null;
  onSelect: (entry: JournalEntry) => void;
}

/** One row per call, newest first; a row opens the call's details. */
export function JournalTable({ entries, selectedId, onSelect }: JournalTableProps) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing={6} highlightOnHover aria-label="Journal">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={130}>Time</Table.Th>
              <Table.Th w={90}>Method</Table.Th>
              <Table.Th>Path</Table.Th>
              <Table.Th w={80}>Status</Table.Th>
              <Table.Th>Answered by</Table.Th>
              <Table.Th w={90} ta="right">
                Latency
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <SelectableRow
                key={entry.id}
                selected={entry.id === selectedId}
                onSelect={() => onSelect(entry)}
                data-testid="journal-row"
              >
                <Table.Td ff="monospace" fz="sm" title={entry.receivedAt}>
                  {formatTime(entry.receivedAt)}
                </Table.Td>
                <Table.Td ff="monospace" fz="sm" fw={600}>
                  {entry.method}
                </Table.Td>
                <Table.Td ff="monospace" fz="sm" style={{ wordBreak: 'break-all' }}>
                  {entry.path}
                </Table.Td>
                <Table.Td>
                  <Badge color={statusColor(entry.status)} variant="light">
                    {entry.status}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {entry.kind === 'unmatched' ? (
                    <Badge color="red" variant="outline">
                      no match
                    </Badge>
                  ) : (
                    <Text size="sm">{answeredBy(entry)}</Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" fz="sm" c="dimmed">
                  {entry.latencyMs.toFixed(1)} ms
                </Table.Td>
              </SelectableRow>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
