import { Badge, Stack, Text, Tooltip } from '@mantine/core';
import type { BridgeStatus } from '@understudy/contracts';
import { formatDateTime } from '../../../lib/format-date';

const COLORS: Record<BridgeStatus['state'], string> = {
  running: 'teal',
  starting: 'blue',
  paused: 'gray',
  waiting: 'yellow',
};

const WAITING_LABEL = {
  in: 'waiting for IN',
  out: 'waiting for OUT',
  mapper: 'waiting for mapper',
  store: 'waiting for database',
};

interface BridgeStatusBadgeProps {
  status: BridgeStatus;
  /** Shows the reason under the badge (tables, header); otherwise only in the tooltip. */
  showReason?: boolean;
}

/** Running, paused, starting, or waiting for IN/OUT/the mapper/the database, with why. */
export function BridgeStatusBadge({ status, showReason = true }: BridgeStatusBadgeProps) {
  const label =
    status.state === 'waiting' && status.waitingFor ? WAITING_LABEL[status.waitingFor] : status.state;
  const reason = status.state === 'waiting' ? status.message : null;
  return (
    <Stack gap={2} align="flex-start">
      <Tooltip
        label={`${status.message} (since ${formatDateTime(status.since)})`}
        multiline
        maw={420}
        withArrow
      >
        <Badge
          color={COLORS[status.state]}
          variant="light"
          data-testid="bridge-status"
          data-state={status.state}
        >
          {label}
        </Badge>
      </Tooltip>
      {showReason && reason && (
        <Text size="xs" c="yellow.9" lineClamp={2} maw={360} data-testid="bridge-status-reason">
          {reason}
        </Text>
      )}
    </Stack>
  );
}
