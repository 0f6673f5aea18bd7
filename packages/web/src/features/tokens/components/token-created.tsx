import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import type { ApiTokenCreated } from '@understudy/contracts';
import { CopyField } from '../../../components/ui/copy-field';

interface TokenCreatedProps {
  token: ApiTokenCreated;
  onDone: () => void;
}

/** The one moment the secret is visible: the server keeps only its hash. */
export function TokenCreated({ token, onDone }: TokenCreatedProps) {
  return (
    <Alert color="yellow" variant="light" title={`Token "${token.name}" created`}>
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          Copy it now. It won't be shown again.
        </Text>
        <CopyField label="API token" value={token.token} />
        <Text size="sm" c="dimmed">
          Send it as <Code>Authorization: Bearer &lt;token&gt;</Code> to call the admin API from scripts.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            I have copied it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
