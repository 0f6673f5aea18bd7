import { Anchor, Stack, Text } from '@mantine/core';
import { PythonCodeFields } from '../../../components/ui/python-code-fields';
import { detailsOf, messageAt } from '../../../lib/error-pointers';
import { useTryHandler, type HandlerTryRequest } from '../api/try-handler';
import { HANDLER_TEMPLATE, type PythonForm } from '../utils/response-form';
import type { ErrorAt } from './error-at';
import { HandlerTryPanel } from './handler-try-panel';

interface PythonResponseFieldsProps {
  value: PythonForm;
  onChange: (value: PythonForm) => void;
  errorAt: ErrorAt;
}

/** A response computed by the user's `handler(body, headers)`, with a Run button to try it unsaved. */
export function PythonResponseFields({ value, onChange, errorAt }: PythonResponseFieldsProps) {
  const tryIt = useTryHandler();
  const set = (change: Partial<PythonForm>) => onChange({ ...value, ...change });
  // A syntax error from saving, or from the last run (the try endpoint checks the code the same way).
  const triedThisCode = tryIt.variables?.code === value.code;
  const codeError =
    errorAt('/body/response/code') ??
    (triedThisCode ? messageAt(detailsOf(tryIt.error), '/body/code') : undefined);
  const run = (request: HandlerTryRequest) =>
    tryIt.mutate({
      code: value.code,
      request,
      ...(value.timeoutMs !== '' && { timeoutMs: value.timeoutMs }),
    });
  // A syntax error shows in the editor; anything else (e.g. no sandbox on this server) in the panel.
  const tryError = messageAt(detailsOf(tryIt.error), '/body/code') ? null : tryIt.error;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        <code>handler(body, headers)</code> gets the parsed JSON body (or the text) and the headers with
        lower-case names. Return a value (200, JSON), <code>(status, body)</code> or{' '}
        <code>(status, body, headers)</code>. It runs in a sandbox: no network, no files.{' '}
        {value.code !== HANDLER_TEMPLATE && (
          <Anchor component="button" type="button" size="sm" onClick={() => set({ code: HANDLER_TEMPLATE })}>
            Start again from the example
          </Anchor>
        )}
      </Text>
      <PythonCodeFields
        label="Handler"
        code={value.code}
        onCode={(code) => set({ code })}
        codeError={codeError}
        minHeight="220px"
        timeoutMs={value.timeoutMs}
        onTimeoutMs={(timeoutMs) => set({ timeoutMs })}
        timeoutError={errorAt('/body/response/timeoutMs')}
        timeoutDescription="Per call; the default applies when empty"
        timeoutPlaceholder="default"
      />
      <HandlerTryPanel onRun={run} running={tryIt.isPending} result={tryIt.data} error={tryError} />
    </Stack>
  );
}
