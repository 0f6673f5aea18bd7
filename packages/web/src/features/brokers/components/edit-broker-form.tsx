import { Button, Group, Stack, TextInput } from '@mantine/core';
import type { Broker, BrokerOptions, BrokerPatch } from '@understudy/contracts';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { detailsOf, messageAt, unplacedDetails } from '../../../lib/error-pointers';
import { useUpdateBroker } from '../api/update-broker';
import { BROKER_KINDS } from '../utils/broker-kinds';
import { optionsPatch } from '../utils/broker-options-patch';
import { BrokerCredentialsFields, type CredentialsValue } from './broker-credentials-fields';
import { BrokerOptionsFields } from './broker-options-fields';

const PLACED = ['/body/url', '/body/username', '/body/password', '/body/options'];

interface EditBrokerFormProps {
  broker: Broker;
  onDone: () => void;
}

/** Credentials only when changed (a blank password keeps the stored one); a cleared option as null. */
function toPatch(
  broker: Broker,
  url: string,
  credentials: CredentialsValue,
  options: BrokerOptions,
): BrokerPatch {
  const username = credentials.username.trim();
  return {
    url: url.trim(),
    ...(username !== (broker.username ?? '') && { username: username || null }),
    ...(credentials.password && { password: credentials.password }),
    ...(credentials.removePassword && { password: null }),
    options: optionsPatch(broker.kind, broker.options, options),
  };
}

/** URL, credentials and options; the name and kind stay (queue mocks refer to them). */
export function EditBrokerForm({ broker, onDone }: EditBrokerFormProps) {
  const [url, setUrl] = useState(broker.url);
  const [credentials, setCredentials] = useState<CredentialsValue>({
    username: broker.username ?? '',
    password: '',
    removePassword: false,
  });
  const [options, setOptions] = useState<BrokerOptions>(broker.options);
  const update = useUpdateBroker();
  const details = detailsOf(update.error);
  const unplaced = unplacedDetails(details, PLACED);
  const look = BROKER_KINDS[broker.kind];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { name: broker.name, patch: toPatch(broker, url, credentials, options) },
      { onSuccess: onDone },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {update.error && (details.length === 0 || unplaced.length > 0) && (
          <ErrorAlert error={update.error} title="Could not save the broker" />
        )}
        <TextInput
          label="URL"
          description={`${look.urlHelp}. Saving reconnects the broker; its queue mocks resume.`}
          placeholder={look.placeholder}
          required
          value={url}
          onChange={(event) => setUrl(event.currentTarget.value)}
          error={messageAt(details, '/body/url')}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <BrokerCredentialsFields
          kind={broker.kind}
          value={credentials}
          onChange={setCredentials}
          hasPassword={broker.hasPassword}
          errors={{
            username: messageAt(details, '/body/username'),
            password: messageAt(details, '/body/password'),
          }}
        />
        <BrokerOptionsFields
          kind={broker.kind}
          value={options}
          onChange={setOptions}
          errorOf={(key) => messageAt(details, `/body/options/${key}`)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
