import { Button, Checkbox, Collapse, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { PublishFormValue, NumberProperty, TextProperty } from '../utils/publish-form';

const TEXT_LABELS: Record<TextProperty, { label: string; placeholder: string }> = {
  contentType: { label: 'Content type', placeholder: 'follows the body format' },
  correlationId: { label: 'Correlation id', placeholder: 'ties a reply to its request' },
  replyTo: { label: 'Reply to', placeholder: 'queue for the answer' },
  messageId: { label: 'Message id', placeholder: 'a new UUID' },
  type: { label: 'Type', placeholder: 'order.created' },
  appId: { label: 'App id', placeholder: 'checkout' },
};
const NUMBER_LABELS: Record<NumberProperty, { label: string; placeholder: string }> = {
  priority: { label: 'Priority', placeholder: '0–255' },
  expirationMs: { label: 'Expires after (ms)', placeholder: 'never' },
};

interface PublishPropertiesFieldsProps {
  value: PublishFormValue;
  onChange: (value: PublishFormValue) => void;
  errorOf: (key: string) => string | undefined;
}

function anySet(value: PublishFormValue): boolean {
  return (
    Object.values(value.text).some((v) => v !== '') || Object.values(value.numbers).some((v) => v !== '')
  );
}

/** The message properties (AMQP names; other kinds carry what they can), folded unless some are set. */
export function PublishPropertiesFields({ value, onChange, errorOf }: PublishPropertiesFieldsProps) {
  const [opened, { toggle }] = useDisclosure(anySet(value));
  const keys = [...Object.keys(TEXT_LABELS), ...Object.keys(NUMBER_LABELS)];
  const shown = opened || keys.some((key) => errorOf(key) !== undefined);
  return (
    <Stack gap={6}>
      <div>
        <Button variant="subtle" size="compact-sm" onClick={toggle} aria-expanded={shown}>
          {shown ? '− Hide properties' : '+ Properties (correlation id, reply to, priority…)'}
        </Button>
      </div>
      <Collapse expanded={shown}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
            {(Object.keys(TEXT_LABELS) as TextProperty[]).map((key) => (
              <TextInput
                key={key}
                label={TEXT_LABELS[key].label}
                placeholder={TEXT_LABELS[key].placeholder}
                value={value.text[key]}
                onChange={(event) =>
                  onChange({ ...value, text: { ...value.text, [key]: event.currentTarget.value } })
                }
                error={errorOf(key)}
              />
            ))}
            {(Object.keys(NUMBER_LABELS) as NumberProperty[]).map((key) => (
              <NumberInput
                key={key}
                label={NUMBER_LABELS[key].label}
                placeholder={NUMBER_LABELS[key].placeholder}
                min={0}
                allowDecimal={false}
                value={value.numbers[key]}
                onChange={(n) =>
                  onChange({ ...value, numbers: { ...value.numbers, [key]: typeof n === 'number' ? n : '' } })
                }
                error={errorOf(key)}
              />
            ))}
          </SimpleGrid>
          <Checkbox
            label="Persistent: the broker writes it to disk"
            checked={value.persistent}
            onChange={(event) => onChange({ ...value, persistent: event.currentTarget.checked })}
          />
        </Stack>
      </Collapse>
    </Stack>
  );
}
