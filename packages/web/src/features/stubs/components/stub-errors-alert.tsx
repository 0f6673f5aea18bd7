import { Alert, Code, List, Text } from '@mantine/core';
import type { ErrorDetail } from '@understudy/contracts';

interface StubErrorsAlertProps {
  /** The failure as a whole (its message is shown when it has no details, e.g. a network error). */
  error: Error | null;
  /** Details no field on screen shows, listed here with their pointer. */
  unplaced: readonly ErrorDetail[];
  /** Whether some details sit under fields below. */
  placedCount: number;
}

/** Above the editor: why the stub was not saved, for what the fields below don't show themselves. */
export function StubErrorsAlert({ error, unplaced, placedCount }: StubErrorsAlertProps) {
  if (!error && unplaced.length === 0 && placedCount === 0) return null;
  const title = error ? 'The stub was not saved' : 'Fix the stub first';
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      {unplaced.length === 0 && placedCount > 0 && <Text size="sm">See the marked fields below.</Text>}
      {unplaced.length === 0 && placedCount === 0 && error && <Text size="sm">{error.message}</Text>}
      {unplaced.length > 0 && (
        <List size="sm" spacing={2}>
          {unplaced.map((detail) => (
            <List.Item key={`${detail.path}:${detail.message}`}>
              <Code>{detail.path.replace(/^\/body/, '') || '/'}</Code> {detail.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
