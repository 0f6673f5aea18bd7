import { Badge } from '@mantine/core';
import type { ServiceMode } from '@understudy/contracts';

const COLORS: Record<ServiceMode, string> = { mock: 'indigo', proxy: 'orange', partial: 'grape' };

export function ModeBadge({ mode }: { mode: ServiceMode }) {
  return (
    <Badge variant="light" color={COLORS[mode]} data-testid="mode-badge">
      {mode}
    </Badge>
  );
}
