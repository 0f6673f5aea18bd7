import { Button, Fieldset, Group, NumberInput, SimpleGrid, Stack, Textarea } from '@mantine/core';
import type { JournalSettings, Service } from '@understudy/contracts';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { detailsOf, inWords, messageAt, unplacedDetails } from '../../../lib/error-pointers';
import { useUpdateService } from '../api/update-service';
import { ClaimsFields, HOSTS_HINT, PATH_PREFIX_HINT, toClaims, type ClaimsValue } from './claims-fields';

const PLACED = ['/body/description', '/body/claims', '/body/journal'];
type JournalField = keyof JournalSettings;

const JOURNAL_FIELDS: { key: JournalField; label: string; description: string }[] = [
  { key: 'maxEntries', label: 'Keep at most (calls)', description: 'The oldest go first' },
  { key: 'maxAgeHours', label: 'Keep for (hours)', description: 'Older calls are dropped' },
  { key: 'bodyCapBytes', label: 'Body bytes kept', description: 'Per request and response' },
];

interface EditServiceFormProps {
  service: Service;
  onDone: () => void;
}

/** Description, mock-port claims and journal retention; the mode has its own one-click switch. */
export function EditServiceForm({ service, onDone }: EditServiceFormProps) {
  const [description, setDescription] = useState(service.description);
  const [claims, setClaims] = useState<ClaimsValue>({
    hosts: service.claims.hosts ?? [],
    pathPrefix: service.claims.pathPrefix ?? '',
  });
  const [journal, setJournal] = useState<JournalSettings>(service.journal);
  const update = useUpdateService();
  const details = detailsOf(update.error);
  const unplaced = unplacedDetails(details, PLACED);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { name: service.name, patch: { description: description.trim(), claims: toClaims(claims), journal } },
      { onSuccess: onDone },
    );
  };
  const setJournalField = (key: JournalField, value: string | number) =>
    setJournal((current) => ({ ...current, [key]: typeof value === 'number' ? value : undefined }));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {update.error && (details.length === 0 || unplaced.length > 0) && (
          <ErrorAlert error={update.error} title="Could not save the service" />
        )}
        <Textarea
          label="Description"
          autosize
          minRows={2}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          error={messageAt(details, '/body/description')}
        />
        <ClaimsFields
          value={claims}
          onChange={setClaims}
          errors={{
            hosts: inWords(messageAt(details, '/body/claims/hosts'), HOSTS_HINT),
            pathPrefix: inWords(messageAt(details, '/body/claims/pathPrefix'), PATH_PREFIX_HINT),
          }}
        />
        <Fieldset legend="Journal" variant="filled">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {JOURNAL_FIELDS.map(({ key, label, description: help }) => (
              <NumberInput
                key={key}
                label={label}
                description={help}
                min={0}
                allowDecimal={false}
                value={journal[key] ?? ''}
                onChange={(value) => setJournalField(key, value)}
                error={messageAt(details, `/body/journal/${key}`)}
              />
            ))}
          </SimpleGrid>
        </Fieldset>
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
