import { Alert, Badge, Button, Divider, Group, Stack, Text, Title } from '@mantine/core';
import type { JournalEntry } from '@understudy/contracts';
import { Link } from 'react-router';
import { KeyValueTable, SectionLabel } from '../../../components/ui/key-value-table';
import { servicePaths } from '../../../config/paths';
import { formatDateTime } from '../../../lib/format-date';
import { answeredBy, statusColor } from '../utils/format-entry';
import { CapturedBodyView } from './captured-body-view';
import { HandlerOutputView } from './handler-output-view';
import { NearMissesView } from './near-misses-view';

/** A header or query parameter may repeat: its values on one line. */
const joined = (value: string | readonly string[]) => (typeof value === 'string' ? value : value.join(', '));

interface EntryDetailProps {
  entry: JournalEntry;
  canCreateStub: boolean;
}

/** One recorded call: why it was answered as it was, then the request and the response. */
export function EntryDetail({ entry, canCreateStub }: EntryDetailProps) {
  const newStub = `${servicePaths.newStub(entry.service)}?${new URLSearchParams({ method: entry.method, path: entry.path })}`;
  return (
    <Stack gap="md" data-testid="journal-entry">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Badge color={statusColor(entry.status)} size="lg" variant="light">
          {entry.status}
        </Badge>
        <Text ff="monospace" fw={600} style={{ wordBreak: 'break-all' }}>
          {entry.method} {entry.path}
        </Text>
      </Group>
      <Text size="sm" c="dimmed">
        {formatDateTime(entry.receivedAt)} · {entry.latencyMs.toFixed(1)} ms · answered by{' '}
        <Text span fw={600} c={entry.kind === 'unmatched' ? 'red' : undefined}>
          {answeredBy(entry)}
        </Text>
      </Text>
      {canCreateStub && (
        <div>
          <Button component={Link} to={newStub} variant="light" size="xs">
            Create a stub from this call
          </Button>
        </div>
      )}
      {entry.error && (
        <Alert color="red" variant="light" title="What went wrong">
          {entry.error}
        </Alert>
      )}
      {entry.kind === 'unmatched' && (
        <Stack gap="xs">
          <Title order={5}>Near misses</Title>
          <NearMissesView nearMisses={entry.nearMisses} />
        </Stack>
      )}
      {entry.handler && (
        <Stack gap="xs">
          <Title order={5}>Handler output</Title>
          <HandlerOutputView handler={entry.handler} />
        </Stack>
      )}
      <Divider />
      <Stack gap={6}>
        <Title order={5}>Request</Title>
        {Object.keys(entry.query).length > 0 && <SectionLabel>Query</SectionLabel>}
        <KeyValueTable label="Request query" values={entry.query} format={joined} />
        <SectionLabel>Headers</SectionLabel>
        <KeyValueTable label="Request headers" values={entry.headers} format={joined} />
        <SectionLabel>Body</SectionLabel>
        <CapturedBodyView body={entry.body} label="Request body" />
      </Stack>
      <Divider />
      <Stack gap={6}>
        <Title order={5}>Response</Title>
        {Object.keys(entry.response.headers).length > 0 && <SectionLabel>Headers</SectionLabel>}
        <KeyValueTable label="Response headers" values={entry.response.headers} format={joined} />
        <SectionLabel>Body</SectionLabel>
        <CapturedBodyView body={entry.response.body} label="Response body" />
      </Stack>
    </Stack>
  );
}
