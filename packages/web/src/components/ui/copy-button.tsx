import { Button, type ButtonProps } from '@mantine/core';
import { useState } from 'react';
import { copyText } from '../../lib/clipboard';

const COPIED_FOR_MS = 2000;

interface CopyButtonProps extends Omit<ButtonProps, 'onClick' | 'children'> {
  value: string;
  label?: string;
  'aria-label'?: string;
}

/** A small button that copies `value`, for tables and headers where a whole CopyField is too much. */
export function CopyButton({ value, label = 'Copy', ...buttonProps }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!(await copyText(value))) return;
    setCopied(true);
    setTimeout(() => setCopied(false), COPIED_FOR_MS);
  };
  return (
    <Button
      size="compact-xs"
      variant={copied ? 'filled' : 'light'}
      color={copied ? 'teal' : undefined}
      {...buttonProps}
      onClick={copy}
    >
      {copied ? 'Copied' : label}
    </Button>
  );
}
