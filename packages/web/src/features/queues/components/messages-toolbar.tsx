import { Button, Group, TagsInput, TextInput } from '@mantine/core';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { LiveFeedControls } from '../../../components/ui/live-feed-controls';
import type { StreamStatus } from '../../../lib/use-event-stream';
import { TimeRangeFilter } from './time-range-filter';

/** The filters as typed; the panel turns them into API filters. */
export interface FilterInputs {
  text: string;
  headers: string[];
  /** datetime-local values, in the reader's time zone. */
  since: string;
  until: string;
}

export const NO_FILTERS: FilterInputs = { text: '', headers: [], since: '', until: '' };

interface MessagesToolbarProps {
  inputs: FilterInputs;
  onInputs: (inputs: FilterInputs) => void;
  status: StreamStatus;
  paused: boolean;
  heldCount: number;
  onTogglePause: () => void;
  onClear: () => void;
  clearing: boolean;
  canClear: boolean;
}

export function MessagesToolbar(props: MessagesToolbarProps) {
  const { inputs, onInputs } = props;
  const set = (change: Partial<FilterInputs>) => onInputs({ ...inputs, ...change });
  const filtered = JSON.stringify(inputs) !== JSON.stringify(NO_FILTERS);

  return (
    <Group justify="space-between" gap="sm" align="center">
      <Group gap="sm" align="center">
        <TextInput
          aria-label="Body contains"
          placeholder="Body contains…"
          value={inputs.text}
          onChange={(event) => set({ text: event.currentTarget.value })}
          w={200}
        />
        <TagsInput
          aria-label="Header filters"
          placeholder={inputs.headers.length === 0 ? 'Header name:value, Enter' : ''}
          value={inputs.headers}
          onChange={(headers) => set({ headers: headers.filter((h) => /^[^:]+:/.test(h)).slice(0, 10) })}
          clearable
          w={300}
          // The typing field may shrink beside a filter or two instead of wrapping below them.
          styles={{ inputField: { minWidth: 60 } }}
        />
        <TimeRangeFilter since={inputs.since} until={inputs.until} onChange={set} />
        {filtered && (
          <Button variant="subtle" size="xs" onClick={() => onInputs(NO_FILTERS)}>
            Reset
          </Button>
        )}
      </Group>
      <Group gap="sm">
        <LiveFeedControls
          status={props.status}
          paused={props.paused}
          heldCount={props.heldCount}
          onTogglePause={props.onTogglePause}
          data-testid="messages-status"
        />
        <ConfirmButton
          label="Clear"
          aria-label="Clear the kept messages"
          title="Clear the kept messages?"
          message="Every message Understudy kept for this queue mock is forgotten. The queue on the broker is not touched."
          onConfirm={props.onClear}
          loading={props.clearing}
          disabled={!props.canClear}
        />
      </Group>
    </Group>
  );
}
