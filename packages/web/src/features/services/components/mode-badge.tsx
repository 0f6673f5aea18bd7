import { Badge } from '@mantine/core';
import type { ServiceMode } from '@understudy/contracts';

const COLORS: Record<ServiceMode, string> = { mock: 'indigo', proxy: 'orange', partial: 'grape' };

interface ModeBadgeProps {
  mode: ServiceMode;
  /** Tests find the service's current mode by this; badges of past modes leave it out. */
  current?: boolean;
}

export function ModeBadge({ mode, current = true }: ModeBadgeProps) {
  return (
    <Badge variant="light" color={COLORS[mode]} data-testid={current ? 'mode-badge' : undefined}>
      {mode}
    </Badge>
  );
}
