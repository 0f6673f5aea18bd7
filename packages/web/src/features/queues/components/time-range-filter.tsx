import { Button, Group, Popover, Stack, TextInput } from '@mantine/core';

const SHORT = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A datetime-local value ("2026-11-28T08:30") in the reader's words. */
function short(local: string): string {
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? local : SHORT.format(ms);
}

interface TimeRangeFilterProps {
  /** datetime-local values in the reader's time zone; '' when open-ended. */
  since: string;
  until: string;
  onChange: (range: { since: string; until: string }) => void;
}

/** "Any time", or the chosen range, on a button that opens the two pickers. */
export function TimeRangeFilter({ since, until, onChange }: TimeRangeFilterProps) {
  const label =
    since || until ? `${since ? short(since) : 'Start'} – ${until ? short(until) : 'now'}` : 'Any time';
  return (
    <Popover position="bottom-start" shadow="md" withArrow>
      <Popover.Target>
        <Button variant={since || until ? 'light' : 'default'} aria-label="Time range" fw={500}>
          {label}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <TextInput
            type="datetime-local"
            label="Received from"
            value={since}
            onChange={(event) => onChange({ since: event.currentTarget.value, until })}
          />
          <TextInput
            type="datetime-local"
            label="Received until"
            value={until}
            onChange={(event) => onChange({ since, until: event.currentTarget.value })}
          />
          <Group justify="flex-end">
            <Button size="xs" variant="subtle" onClick={() => onChange({ since: '', until: '' })}>
              Any time
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
