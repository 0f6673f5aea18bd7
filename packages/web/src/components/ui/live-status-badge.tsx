import { Badge, Stack, Text, Tooltip } from '@mantine/core';
import type { BrokerState, LiveStatus } from '@understudy/contracts';
import { formatDateTime } from '../../lib/format-date';

const LOOK: Record<BrokerState, { label: string; color: string }> = {
  connected: { label: 'connected', color: 'teal' },
  connecting: { label: 'connecting', color: 'blue' },
  reconnecting: { label: 'reconnecting', color: 'yellow' },
  failed: { label: 'failed', color: 'red' },
  closed: { label: 'closed', color: 'gray' },
};

interface LiveStatusBadgeProps {
  status: LiveStatus;
  /** Shows the last error under the badge (tables); otherwise only in the tooltip. */
  showError?: boolean;
  'data-testid'?: string;
}

/** The live status of a broker connection or a queue mock's consumer, with the last error when it has one. */
export function LiveStatusBadge({ status, showError = true, ...rest }: LiveStatusBadgeProps) {
  const look = LOOK[status.state];
  const error = status.state === 'connected' ? undefined : status.lastError;
  // Broker messages often start with their code already ("ACCESS_REFUSED - Login was refused…").
  const reason =
    error && (error.message.startsWith(error.code) ? error.message : `${error.code}: ${error.message}`);
  const tip = error
    ? `${reason} (${formatDateTime(error.at)})`
    : status.since
      ? `Since ${formatDateTime(status.since)}`
      : null;
  return (
    <Stack gap={2} align="flex-start">
      <Tooltip label={tip} disabled={!tip} multiline maw={420} withArrow>
        <Badge color={look.color} variant="light" data-testid={rest['data-testid']} data-state={status.state}>
          {look.label}
        </Badge>
      </Tooltip>
      {showError && error && (
        <Text size="xs" c={status.state === 'failed' ? 'red.8' : 'yellow.9'} lineClamp={2} maw={360}>
          {reason}
        </Text>
      )}
    </Stack>
  );
}
