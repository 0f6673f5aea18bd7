import { Button, Group, Input, SegmentedControl, Stack, TextInput } from '@mantine/core';
import type { Broker, BrokerKind, BrokerOptions } from '@understudy/contracts';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { ApiError } from '../../../lib/api-client';
import { detailsOf, inWords, messageAt, unplacedDetails } from '../../../lib/error-pointers';
import { useCreateBroker } from '../api/create-broker';
import { BROKER_KIND_ORDER } from '../../../lib/broker-kind-labels';
import { BROKER_KINDS, isBrokerKind, optionsFor } from '../utils/broker-kinds';
import { BrokerCredentialsFields, type CredentialsValue } from './broker-credentials-fields';
import { BrokerOptionsFields } from './broker-options-fields';

const NAME_HINT = 'Use lower-case letters, digits, dot, underscore and dash, starting with a letter or digit';
const PLACED = ['/body/name', '/body/kind', '/body/url', '/body/username', '/body/password', '/body/options'];
const KIND_DATA = BROKER_KIND_ORDER.map((kind) => ({ value: kind, label: BROKER_KINDS[kind].label }));

/** A kind this server has no adapter for: its message names the kinds it has, which says more. */
function kindError(error: Error | null, detail: string | undefined): string | undefined {
  return error instanceof ApiError && error.code === 'BROKER_KIND_UNSUPPORTED' ? error.message : detail;
}

interface CreateBrokerFormProps {
  onCreated: (broker: Broker) => void;
  onCancel: () => void;
}

export function CreateBrokerForm({ onCreated, onCancel }: CreateBrokerFormProps) {
  const [kind, setKind] = useState<BrokerKind>('rabbitmq');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [credentials, setCredentials] = useState<CredentialsValue>({
    username: '',
    password: '',
    removePassword: false,
  });
  const [options, setOptions] = useState<BrokerOptions>({});
  const [missing, setMissing] = useState<{ name?: string; url?: string }>({});
  const create = useCreateBroker();
  const details = detailsOf(create.error);
  const unplaced = unplacedDetails(details, PLACED);
  const look = BROKER_KINDS[kind];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = { name: name.trim(), url: url.trim() };
    const blank = {
      name: trimmed.name === '' ? 'Give the broker a name' : undefined,
      url: trimmed.url === '' ? `Enter the URL, e.g. ${look.placeholder}` : undefined,
    };
    setMissing(blank);
    if (blank.name || blank.url) return;
    const username = credentials.username.trim();
    create.mutate(
      {
        name: trimmed.name,
        kind,
        url: trimmed.url,
        ...(username && { username }),
        ...(credentials.password && { password: credentials.password }),
        options: optionsFor(kind, options),
      },
      { onSuccess: onCreated },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {create.error && (details.length === 0 || unplaced.length > 0) && (
          <ErrorAlert error={create.error} title="Could not register the broker" />
        )}
        <Input.Wrapper label="Kind" error={kindError(create.error, messageAt(details, '/body/kind'))}>
          <SegmentedControl
            aria-label="Kind"
            fullWidth
            mt={4}
            data={KIND_DATA}
            value={kind}
            onChange={(value) => isBrokerKind(value) && setKind(value)}
          />
        </Input.Wrapper>
        <TextInput
          label="Name"
          description="How queue mocks and bridges refer to it"
          placeholder="local"
          required
          data-autofocus
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={missing.name ?? inWords(messageAt(details, '/body/name'), NAME_HINT)}
        />
        <TextInput
          label="URL"
          description={look.urlHelp}
          placeholder={look.placeholder}
          required
          value={url}
          onChange={(event) => setUrl(event.currentTarget.value)}
          error={missing.url ?? messageAt(details, '/body/url')}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <BrokerCredentialsFields
          kind={kind}
          value={credentials}
          onChange={setCredentials}
          errors={{
            username: messageAt(details, '/body/username'),
            password: messageAt(details, '/body/password'),
          }}
        />
        <BrokerOptionsFields
          kind={kind}
          value={options}
          onChange={setOptions}
          errorOf={(key) => messageAt(details, `/body/options/${key}`)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Register broker
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
