import { Paper, Table, Text } from '@mantine/core';
import type { Service } from '@understudy/contracts';
import { ServiceRow } from './service-row';

interface ServicesTableProps {
  services: readonly Service[];
}

export function ServicesTable({ services }: ServicesTableProps) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={1060}>
        <Table verticalSpacing="sm" highlightOnHover aria-label="Services">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Mode</Table.Th>
              <Table.Th>Upstream</Table.Th>
              <Table.Th ta="right">Stubs</Table.Th>
              <Table.Th ta="right">Calls</Table.Th>
              <Table.Th>Last call</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>URL to call</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {services.map((service) => (
              <ServiceRow key={service.name} service={service} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" px="md" pb="xs">
        Calls counts what each journal keeps; the oldest calls go as its retention settings say.
      </Text>
    </Paper>
  );
}
