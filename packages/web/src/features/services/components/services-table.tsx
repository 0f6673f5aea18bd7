import { Anchor, Code, Group, Paper, Table, Text } from '@mantine/core';
import type { Service } from '@understudy/contracts';
import { Link } from 'react-router';
import { CopyButton } from '../../../components/ui/copy-button';
import { servicePaths } from '../../../config/paths';
import { ModeBadge } from './mode-badge';

interface ServicesTableProps {
  services: readonly Service[];
}

export function ServicesTable({ services }: ServicesTableProps) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="sm" highlightOnHover aria-label="Services">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Mode</Table.Th>
              <Table.Th>Upstream</Table.Th>
              <Table.Th ta="right">Stubs</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>URL to call</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {services.map((service) => (
              <Table.Tr key={service.name}>
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
                  <ModeBadge mode={service.mode} />
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
                <Table.Td>{service.owner.username}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Code>{service.url}</Code>
                    <CopyButton value={service.url} aria-label={`Copy the URL of ${service.name}`} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
