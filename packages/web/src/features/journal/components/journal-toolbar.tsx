import { Group, SegmentedControl, Select, TextInput } from '@mantine/core';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { LiveFeedControls } from '../../../components/ui/live-feed-controls';
import type { StreamStatus } from '../../../lib/use-event-stream';
import type { JournalFilters } from '../api/get-journal';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const MATCHED = [
  { value: 'all', label: 'All' },
  { value: 'matched', label: 'Matched' },
  { value: 'unmatched', label: 'No match' },
];

interface JournalToolbarProps {
  /** The path filter as typed (applied after a pause in typing). */
  pathText: string;
  onPathText: (text: string) => void;
  filters: JournalFilters;
  onFilters: (filters: JournalFilters) => void;
  status: StreamStatus;
  paused: boolean;
  heldCount: number;
  onTogglePause: () => void;
  onClear: () => void;
  clearing: boolean;
  canClear: boolean;
}

export function JournalToolbar(props: JournalToolbarProps) {
  const { filters, onFilters } = props;
  const matched = filters.matched === undefined ? 'all' : filters.matched ? 'matched' : 'unmatched';
  const setMatched = (value: string) =>
    onFilters({ ...filters, matched: value === 'all' ? undefined : value === 'matched' });

  return (
    <Group justify="space-between" gap="sm">
      <Group gap="sm">
        <Select
          aria-label="Method filter"
          placeholder="Any method"
          data={METHODS}
          value={filters.method ?? null}
          onChange={(method) => onFilters({ ...filters, method: method ?? undefined })}
          clearable
          w={140}
        />
        <TextInput
          aria-label="Path contains"
          placeholder="Path contains…"
          value={props.pathText}
          onChange={(event) => props.onPathText(event.currentTarget.value)}
          w={220}
        />
        <SegmentedControl aria-label="Matched filter" data={MATCHED} value={matched} onChange={setMatched} />
      </Group>
      <Group gap="sm">
        <LiveFeedControls
          status={props.status}
          paused={props.paused}
          heldCount={props.heldCount}
          onTogglePause={props.onTogglePause}
          data-testid="journal-status"
        />
        <ConfirmButton
          label="Clear"
          aria-label="Clear the journal"
          title="Clear the journal?"
          message="Every recorded call of this service is forgotten. This cannot be undone."
          onConfirm={props.onClear}
          loading={props.clearing}
          disabled={!props.canClear}
        />
      </Group>
    </Group>
  );
}
