import { Badge, Button, Checkbox, Code, Group, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Stub } from '@understudy/contracts';
import { EditLinkButton } from '../../../components/ui/edit-link-button';
import { formatDateTime } from '../../../lib/format-date';
import { previewRequest, previewResponse, shorten } from '../utils/recorded-preview';
import { editRecordedPath } from '../utils/recorded-paths';

interface RecordedRowProps {
  service: string;
  stub: Stub;
  canEdit: boolean;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onEnable: () => void;
  onDiscard: () => void;
  busy: boolean;
}

// Enough to read any real answer; a huge binary one is cut rather than laid out.
const DETAIL_CHARS = 20_000;
const detail = (value: unknown) => shorten(JSON.stringify(value, null, 2), DETAIL_CHARS);

function statusColor(status: number | null): string {
  if (status === null) return 'gray';
  return status < 300 ? 'teal' : status < 400 ? 'blue' : status < 500 ? 'orange' : 'red';
}

/** One recording: the request it answers, a preview of its answer, and what to do with it. */
export function RecordedRow(props: RecordedRowProps) {
  const { service, stub, canEdit, selected, onSelect, onEnable, onDiscard, busy } = props;
  const [open, { toggle }] = useDisclosure(false);
  const request = previewRequest(stub);
  const response = previewResponse(stub);
  const label = stub.name ?? request.line;

  return (
    <>
      <Table.Tr data-testid="recorded-row" bg={selected ? 'var(--mantine-color-blue-light)' : undefined}>
        <Table.Td>
          <Checkbox
            aria-label={`Select ${label}`}
            checked={selected}
            onChange={(event) => onSelect(event.currentTarget.checked)}
            disabled={!canEdit || stub.enabled}
          />
        </Table.Td>
        <Table.Td>
          <Stack gap={4}>
            <Group gap={6}>
              <Text ff="monospace" size="sm" fw={500}>
                {request.line}
              </Text>
              {request.more > 0 && (
                <Badge variant="outline" color="gray" size="sm">
                  +{request.more} more
                </Badge>
              )}
              {stub.enabled && (
                <Badge variant="light" color="teal" size="sm">
                  enabled
                </Badge>
              )}
            </Group>
            {request.body && (
              <Text size="xs" ff="monospace" c="dimmed" lineClamp={2}>
                body {request.body}
              </Text>
            )}
          </Stack>
        </Table.Td>
        <Table.Td>
          <Stack gap={4}>
            <Group gap={6} wrap="nowrap">
              {response.status !== null && (
                <Badge variant="light" color={statusColor(response.status)}>
                  {response.status}
                </Badge>
              )}
              <Text size="xs" c="dimmed">
                {response.type}
              </Text>
            </Group>
            {response.body && (
              <Text size="xs" ff="monospace" lineClamp={2} data-testid="recorded-response-preview">
                {response.body}
              </Text>
            )}
          </Stack>
        </Table.Td>
        <Table.Td>
          <Text size="xs" c="dimmed">
            {formatDateTime(stub.createdAt)}
          </Text>
        </Table.Td>
        <Table.Td>
          <Group gap="xs" justify="flex-end" wrap="nowrap">
            <Button
              variant="subtle"
              size="xs"
              onClick={toggle}
              aria-expanded={open}
              aria-label={`Details of ${label}`}
            >
              {open ? 'Less' : 'Details'}
            </Button>
            {!stub.enabled && (
              <Button size="xs" onClick={onEnable} disabled={!canEdit || busy} aria-label={`Enable ${label}`}>
                Enable
              </Button>
            )}
            <EditLinkButton to={editRecordedPath(service, stub.id)} canEdit={canEdit} label={label} />
            <Button
              color="red"
              variant="light"
              size="xs"
              onClick={onDiscard}
              disabled={!canEdit || busy}
              aria-label={`Discard ${label}`}
            >
              Discard
            </Button>
          </Group>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr>
          <Table.Td colSpan={5}>
            <Group align="flex-start" grow aria-label={`Recorded ${label}`}>
              <Stack gap={4}>
                <Text size="xs" fw={600}>
                  When a request matches
                </Text>
                <Code block>{detail(stub.request)}</Code>
              </Stack>
              <Stack gap={4}>
                <Text size="xs" fw={600}>
                  Answer
                </Text>
                <Code block>{detail(stub.response)}</Code>
              </Stack>
            </Group>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
