import { Button, Group, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { Service, ServiceMode } from '@understudy/contracts';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { detailsOf, inWords, messageAt, unplacedDetails } from '../../../lib/error-pointers';
import { useCreateService } from '../api/create-service';
import { ClaimsFields, HOSTS_HINT, PATH_PREFIX_HINT, toClaims, type ClaimsValue } from './claims-fields';
import { MODE_HELP, MODE_OPTIONS, isServiceMode } from './mode-options';

const NAME_HINT = 'Use lower-case letters, digits, dot, underscore and dash, starting with a letter or digit';
const PLACED = ['/body/name', '/body/description', '/body/mode', '/body/upstream', '/body/claims'];

interface CreateServiceFormProps {
  onCreated: (service: Service) => void;
  onCancel: () => void;
}

export function CreateServiceForm({ onCreated, onCancel }: CreateServiceFormProps) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [mode, setMode] = useState<ServiceMode>('mock');
  const [upstream, setUpstream] = useState('');
  const [claims, setClaims] = useState<ClaimsValue>({ hosts: [], pathPrefix: '' });
  const [nameMissing, setNameMissing] = useState(false);
  const create = useCreateService();
  const details = detailsOf(create.error);
  const unplaced = unplacedDetails(details, PLACED);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    setNameMissing(trimmed === '');
    if (trimmed === '') return;
    create.mutate(
      {
        name: trimmed,
        description: description.trim(),
        mode,
        upstream: upstream.trim() || null,
        claims: toClaims(claims),
      },
      { onSuccess: onCreated },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {create.error && (details.length === 0 || unplaced.length > 0) && (
          <ErrorAlert error={create.error} title="Could not create the service" />
        )}
        <TextInput
          label="Name"
          description="Part of the URL: lower-case letters, digits, dot, underscore and dash"
          placeholder="payments"
          required
          data-autofocus
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={
            nameMissing ? 'Give the service a name' : inWords(messageAt(details, '/body/name'), NAME_HINT)
          }
        />
        <Textarea
          label="Description"
          placeholder="What this service does, and who to ask about it"
          autosize
          minRows={2}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          error={messageAt(details, '/body/description')}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Mode
          </Text>
          <SegmentedControl
            aria-label="Mode"
            data={MODE_OPTIONS}
            value={mode}
            onChange={(value) => isServiceMode(value) && setMode(value)}
          />
          <Text size="xs" c="dimmed">
            {MODE_HELP[mode]}
          </Text>
        </Stack>
        <TextInput
          label="Upstream"
          description={
            mode === 'mock' ? 'Optional in mock mode: the real service, for later' : 'The real service'
          }
          placeholder="https://payments.example.com/api"
          required={mode !== 'mock'}
          value={upstream}
          onChange={(event) => setUpstream(event.currentTarget.value)}
          error={messageAt(details, '/body/upstream')}
        />
        <ClaimsFields
          value={claims}
          onChange={setClaims}
          errors={{
            hosts: inWords(messageAt(details, '/body/claims/hosts'), HOSTS_HINT),
            pathPrefix: inWords(messageAt(details, '/body/claims/pathPrefix'), PATH_PREFIX_HINT),
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create service
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
