import { Badge, Button } from '@mantine/core';
import type { StreamStatus } from '../../lib/use-event-stream';

const STATUS: Record<StreamStatus, { label: string; color: string }> = {
  connecting: { label: 'Connecting…', color: 'gray' },
  live: { label: 'Live', color: 'teal' },
  reconnecting: { label: 'Reconnecting…', color: 'yellow' },
  closed: { label: 'Not live: reload the page', color: 'red' },
};

interface LiveFeedControlsProps {
  status: StreamStatus;
  paused: boolean;
  /** How many items arrived during the pause. */
  heldCount: number;
  onTogglePause: () => void;
  /** The test id of the status badge. */
  'data-testid'?: string;
}

/** A live list's stream status badge and its Pause / Resume button (place them in a Group). */
export function LiveFeedControls({
  status,
  paused,
  heldCount,
  onTogglePause,
  ...rest
}: LiveFeedControlsProps) {
  const shown = paused ? { label: 'Paused', color: 'gray' } : STATUS[status];
  return (
    <>
      <Badge color={shown.color} variant="dot" size="lg" data-testid={rest['data-testid']}>
        {shown.label}
      </Badge>
      <Button variant="default" size="xs" onClick={onTogglePause}>
        {paused ? `Resume${heldCount > 0 ? ` (${heldCount} new)` : ''}` : 'Pause'}
      </Button>
    </>
  );
}
