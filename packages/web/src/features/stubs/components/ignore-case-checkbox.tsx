import { Checkbox, Tooltip } from '@mantine/core';

interface IgnoreCaseCheckboxProps {
  /** Names the condition for screen readers, e.g. "Header 1". */
  of: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}

/** The small "Aa" box beside a text condition: compare ignoring letter case. */
export function IgnoreCaseCheckbox({ of, checked, disabled = false, onChange }: IgnoreCaseCheckboxProps) {
  return (
    <Tooltip label={disabled ? 'Only text comparisons can ignore case' : 'Ignore case'} withArrow>
      <Checkbox
        label="Aa"
        aria-label={`${of} ignores case`}
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.currentTarget.checked)}
        mt={8}
      />
    </Tooltip>
  );
}
