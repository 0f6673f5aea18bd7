import { NumberInput } from '@mantine/core';
import { codeErrorLine } from '../../lib/code-error-line';
import { CodeEditor } from './code-editor';

interface PythonCodeFieldsProps {
  /** What the code is: "Handler", "Mapper", "Reply handler". */
  label: string;
  code: string;
  onCode: (code: string) => void;
  /** The server's message; a syntax error ("line L, column C: …") also marks its line. */
  codeError?: string;
  minHeight?: string;
  timeoutMs: number | '';
  onTimeoutMs: (timeoutMs: number | '') => void;
  timeoutError?: string;
  /** What happens to a call over the limit. */
  timeoutDescription: string;
  timeoutPlaceholder: string;
}

/** The user's Python code and its time limit per call: the same pair for handlers, replies and mappers. */
export function PythonCodeFields({
  label,
  code,
  onCode,
  codeError,
  minHeight = '200px',
  timeoutMs,
  onTimeoutMs,
  timeoutError,
  timeoutDescription,
  timeoutPlaceholder,
}: PythonCodeFieldsProps) {
  return (
    <>
      <CodeEditor
        label={label}
        language="python"
        value={code}
        onChange={onCode}
        error={codeError}
        errorLine={codeErrorLine(codeError)}
        minHeight={minHeight}
      />
      <NumberInput
        label="Time limit (ms)"
        description={timeoutDescription}
        placeholder={timeoutPlaceholder}
        min={1}
        max={30_000}
        allowDecimal={false}
        value={timeoutMs}
        onChange={(value) => onTimeoutMs(typeof value === 'number' ? value : '')}
        error={timeoutError}
        w={260}
      />
    </>
  );
}
