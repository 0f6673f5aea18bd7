import { Button, Collapse, NumberInput, SimpleGrid, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { BrokerKind, BrokerOptions } from '@understudy/contracts';
import { optionFields, type OptionKey } from '../utils/broker-kinds';

interface BrokerOptionsFieldsProps {
  kind: BrokerKind;
  value: BrokerOptions;
  onChange: (value: BrokerOptions) => void;
  /** The server's message for `/body/options/<key>`. */
  errorOf: (key: OptionKey) => string | undefined;
}

/** Tuning most people never touch: folded away unless something is set or wrong. */
export function BrokerOptionsFields({ kind, value, onChange, errorOf }: BrokerOptionsFieldsProps) {
  const fields = optionFields(kind);
  const anyError = fields.some((field) => errorOf(field.key) !== undefined);
  const [opened, { toggle }] = useDisclosure(Object.keys(value).length > 0);
  const set = (key: OptionKey, input: string | number) =>
    onChange({ ...value, [key]: typeof input === 'number' ? input : undefined });

  return (
    <Stack gap={6}>
      <div>
        <Button variant="subtle" size="compact-sm" onClick={toggle} aria-expanded={opened || anyError}>
          {opened || anyError ? '− Hide connection options' : '+ Connection options'}
        </Button>
      </div>
      <Collapse expanded={opened || anyError}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {fields.map(({ key, label, description }) => (
            <NumberInput
              key={key}
              label={label}
              description={description}
              min={0}
              allowDecimal={false}
              placeholder="default"
              value={value[key] ?? ''}
              onChange={(input) => set(key, input)}
              error={errorOf(key)}
            />
          ))}
        </SimpleGrid>
      </Collapse>
    </Stack>
  );
}
