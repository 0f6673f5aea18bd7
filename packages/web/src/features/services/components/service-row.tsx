import { Anchor, Badge, Code, Group, Stack, Table, Text } from '@mantine/core';
import type { Service } from '@understudy/contracts';
import { Link } from 'react-router';
import { CopyButton } from '../../../components/ui/copy-button';
import { servicePaths } from '../../../config/paths';
import { mockPortCalls } from '../utils/mock-port-calls';
import { ModeBadge } from './mode-badge';
import { ServiceActivityCells } from './service-activity-cells';

/** A service in the list: mode, upstream, how much it is called, and where to call it. */
export function ServiceRow({ service }: { service: Service }) {
  const mockPort = mockPortCalls(service);
  return (
    <Table.Tr data-testid="service-row">
      <Table.Td>
        <Anchor component={Link} to={servicePaths.stubs(service.name)} fw={600}>
          {service.name}
        </Anchor>
        {service.description && (
          <Text size="xs" c="dimmed" lineClamp={1} maw={260}>
            {service.description}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <ModeBadge mode={service.mode} />
          {service.proxy.record && service.mode !== 'mock' && (
            <Badge color="red" variant="dot" size="sm">
              recording
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        {service.upstream ? (
          <Text size="sm" ff="monospace" lineClamp={1} maw={220} title={service.upstream}>
            {service.upstream}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">{service.stubCount}</Table.Td>
      <ServiceActivityCells service={service.name} />
      <Table.Td>{service.owner.username}</Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Group gap="xs" wrap="nowrap">
            <Code>{service.url}/</Code>
            <CopyButton value={`${service.url}/`} aria-label={`Copy the URL of ${service.name}`} />
          </Group>
          {mockPort.map((call) => (
            <Group key={call.claim} gap="xs" wrap="nowrap">
              <Text size="xs" c="dimmed">
                mock port {call.claim}
              </Text>
              <CopyButton
                value={call.curl ?? call.value}
                aria-label={`Copy how to call ${service.name} by its ${call.claim}`}
              />
            </Group>
          ))}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
