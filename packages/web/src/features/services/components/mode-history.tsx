import { Anchor, Code, Modal, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Service } from '@understudy/contracts';
import { formatDateTime } from '../../../lib/format-date';
import { ModeBadge } from './mode-badge';

/** Who last switched the service, and every switch before, behind a link. */
export function ModeHistory({ service }: { service: Service }) {
  const [opened, { open, close }] = useDisclosure(false);
  const switches = service.modeHistory;
  return (
    <>
      <Text size="xs" c="dimmed" mt="sm" data-testid="mode-changed">
        Set to <b>{service.mode}</b> by {service.modeChangedBy}, {formatDateTime(service.modeChangedAt)}
        {' · '}
        <Anchor component="button" type="button" size="xs" onClick={open}>
          History ({switches.length})
        </Anchor>
      </Text>
      <Modal opened={opened} onClose={close} title={`Switches of ${service.name}`} size="xl">
        <Text size="sm" c="dimmed" mb="sm">
          Each change of mode or upstream, newest first (the last 50 are kept).
        </Text>
        <Table aria-label="Switch history" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>Mode</Table.Th>
              <Table.Th>Upstream</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {switches.map((change) => (
              <Table.Tr
                key={`${change.at}-${change.mode}-${change.upstream ?? ''}`}
                data-testid="mode-history-row"
              >
                <Table.Td>{formatDateTime(change.at)}</Table.Td>
                <Table.Td>{change.by}</Table.Td>
                <Table.Td>
                  <ModeBadge mode={change.mode} current={false} />
                </Table.Td>
                <Table.Td>
                  {change.upstream ? (
                    <Code>{change.upstream}</Code>
                  ) : (
                    <Text size="sm" c="dimmed">
                      none
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Modal>
    </>
  );
}
