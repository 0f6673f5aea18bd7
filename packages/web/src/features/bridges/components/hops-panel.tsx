import { Badge, Center, Code, Loader, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { BridgeHop } from '@understudy/contracts';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useHops } from '../api/get-hops';
import { bodyLine } from '../utils/format-message';

const OUTCOME_COLORS: Record<BridgeHop['outcome'], string> = {
  published: 'teal',
  dropped: 'gray',
  'dead-letter': 'red',
};
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

function HopRow({ hop }: { hop: BridgeHop }) {
  return (
    <Table.Tr data-testid="hop-row">
      <Table.Td>
        <Text size="xs" c="dimmed">
          {time.format(new Date(hop.at))}
        </Text>
      </Table.Td>
      <Table.Td maw={340}>
        <Code data-testid="hop-input">{bodyLine(hop.input, 90)}</Code>
      </Table.Td>
      <Table.Td maw={400}>
        <Stack gap={2}>
          {hop.outputs.map((o, i) => (
            <Tooltip key={i} label={`message id ${o.messageId ?? ''}`}>
              <Code data-testid="hop-output">{bodyLine(o, 90)}</Code>
            </Tooltip>
          ))}
          {hop.error && (
            <Text size="xs" c="red.7" lineClamp={2}>
              {hop.error.message}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Badge size="sm" variant="light" color={OUTCOME_COLORS[hop.outcome]}>
          {hop.outcome}
        </Badge>
      </Table.Td>
    </Table.Tr>
  );
}

/** The last input → output pairs on this server, newest first. */
export function HopsPanel({ bridgeId }: { bridgeId: string }) {
  const hops = useHops(bridgeId);
  if (hops.isPending)
    return (
      <Center p="lg">
        <Loader size="sm" aria-label="Loading hops" />
      </Center>
    );
  if (hops.isError) return <ErrorAlert error={hops.error} title="Could not load the last hops" />;
  if (hops.data.items.length === 0) {
    return (
      <Text c="dimmed" p="md">
        No message has passed yet. Publish to IN and it shows here, input → output.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table verticalSpacing="xs" aria-label="Last hops">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>At</Table.Th>
            <Table.Th>Input</Table.Th>
            <Table.Th>Output</Table.Th>
            <Table.Th>Outcome</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {hops.data.items.map((hop, i) => (
            <HopRow key={`${hop.at}-${hop.messageId}-${i}`} hop={hop} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
