import { Alert, List } from '@mantine/core';
import { ApiError } from '../../lib/api-client';

interface ErrorAlertProps {
  error: Error | null;
  title?: string;
}

/** Shows a failed call readably: the server's message, and its per-field details when it sent any. */
export function ErrorAlert({ error, title = 'Something went wrong' }: ErrorAlertProps) {
  if (!error) return null;
  const details = error instanceof ApiError ? error.details : [];
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      {error.message}
      {details.length > 0 && (
        <List size="sm" mt="xs">
          {details.map((detail) => (
            <List.Item key={`${detail.path}:${detail.message}`}>
              {readablePath(detail.path)}: {detail.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** `/body/password` reads as `password` to a person filling in a form. */
function readablePath(path: string): string {
  return path.replace(/^\/(body|query|params)\//, '').replaceAll('/', '.') || 'request';
}
