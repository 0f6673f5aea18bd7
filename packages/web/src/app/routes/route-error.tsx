import { Alert, Anchor, Center, Code, Stack } from '@mantine/core';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Last resort when a screen crashes: say so plainly instead of a blank page. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <Center mih="100vh" p="md">
      <Alert color="red" title="This screen failed to load" maw={560}>
        <Stack gap="xs">
          <Code block>{message}</Code>
          <Anchor href={import.meta.env.BASE_URL}>Reload Understudy</Anchor>
        </Stack>
      </Alert>
    </Center>
  );
}
