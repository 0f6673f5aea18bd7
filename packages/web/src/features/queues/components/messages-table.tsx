import { Badge, Group, Paper, Table, Text } from '@mantine/core';
import type { QueueMessage } from '@understudy/contracts';
import { SelectableRow } from '../../../components/ui/selectable-row';
import { bodyPreview, formatBytes } from '../utils/message-body';
import { formatArrival } from '../utils/format-time';

interface MessagesTableProps {
  messages: readonly QueueMessage[];
  selectedId: string | null;
  onSelect: (message: QueueMessage) => void;
}

/** One row per message, newest first; a row opens the message. */
export function MessagesTable({ messages, selectedId, onSelect }: MessagesTableProps) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing={6} highlightOnHover aria-label="Messages" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={150}>Received</Table.Th>
              <Table.Th w={180}>Routing key</Table.Th>
              <Table.Th>Body</Table.Th>
              <Table.Th w={80} ta="right">
                Size
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {messages.map((message) => (
              <SelectableRow
                key={message.id}
                selected={message.id === selectedId}
                onSelect={() => onSelect(message)}
                data-testid="message-row"
              >
                <Table.Td ff="monospace" fz="sm" title={message.receivedAt}>
                  {formatArrival(message.receivedAt)}
                </Table.Td>
                <Table.Td ff="monospace" fz="sm">
                  <Text fz="sm" ff="monospace" truncate="end" title={message.routingKey}>
                    {message.routingKey}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {message.bodyEncoding !== 'json' && (
                      <Badge size="xs" variant="outline" color="gray">
                        {message.bodyEncoding}
                      </Badge>
                    )}
                    {message.redelivered && (
                      <Badge size="xs" variant="light" color="yellow">
                        redelivered
                      </Badge>
                    )}
                    {message.reply && (
                      <Badge size="xs" variant="light" color={message.reply.error ? 'red' : 'grape'}>
                        {message.reply.error ? 'reply failed' : 'replied'}
                      </Badge>
                    )}
                    <Text fz="sm" ff="monospace" truncate="end" style={{ minWidth: 0 }}>
                      {bodyPreview(message.body, message.bodyEncoding)}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td ta="right" fz="sm" c="dimmed">
                  {formatBytes(message.size)}
                </Table.Td>
              </SelectableRow>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
