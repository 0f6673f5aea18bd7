import { Button, Group, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';

const COPIED_FOR_MS = 2000;

interface CopyFieldProps {
  label: string;
  value: string;
}

/**
 * A read-only value with a copy button. The Clipboard API exists only in secure contexts, and a
 * self-hosted server is often reached over plain http, so fall back to selecting the text and copying.
 */
export function CopyField({ label, value }: CopyFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    input.current?.select();
    try {
      if (navigator.clipboard) await navigator.clipboard.writeText(value);
      else if (!document.execCommand('copy')) return;
    } catch {
      // The text is selected: the user can still press Ctrl+C.
      return;
    }
    setCopied(true);
    setTimeout(() => setCopied(false), COPIED_FOR_MS);
  };

  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <TextInput
        ref={input}
        label={label}
        value={value}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        style={{ flex: 1 }}
      />
      <Button variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy}>
        {copied ? 'Copied' : 'Copy'}
      </Button>
    </Group>
  );
}
