import { python } from '@codemirror/lang-python';
import { Input } from '@mantine/core';
import { useId } from '@mantine/hooks';
import CodeMirror, { Decoration, EditorView, type Extension } from '@uiw/react-codemirror';
import { useMemo } from 'react';

export type CodeLanguage = 'python' | 'json';

interface CodeEditorProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  language: CodeLanguage;
  /** 1-based line to mark as wrong (a syntax error the server found). */
  errorLine?: number | null;
  error?: string | null;
  description?: string;
  minHeight?: string;
  readOnly?: boolean;
}

const errorLineMark = Decoration.line({ class: 'cm-error-line' });

const theme = EditorView.theme({
  '&': { fontSize: '13px', border: '1px solid var(--mantine-color-gray-4)', borderRadius: '6px' },
  '&.cm-focused': { outline: '2px solid var(--mantine-color-indigo-4)', outlineOffset: '-1px' },
  '.cm-scroller': { fontFamily: 'var(--mantine-font-family-monospace)' },
  '.cm-error-line': { backgroundColor: 'var(--mantine-color-red-1)' },
  '.cm-gutters': { borderTopLeftRadius: '6px', borderBottomLeftRadius: '6px' },
});

/** Marks one line, when it exists (the code may have changed since the error was found). */
function markLine(line: number): Extension {
  return EditorView.decorations.of((view) => {
    if (line < 1 || line > view.state.doc.lines) return Decoration.none;
    return Decoration.set([errorLineMark.range(view.state.doc.line(line).from)]);
  });
}

/** CodeMirror with a label and an error, like the other form inputs. */
export function CodeEditor({
  label,
  value,
  onChange,
  language,
  errorLine,
  error,
  description,
  minHeight = '160px',
  readOnly = false,
}: CodeEditorProps) {
  const id = useId();
  const extensions = useMemo(() => {
    // The error is tied to the editable area as Mantine ties it to an input, for screen readers (and tests).
    const attributes: Record<string, string> = { 'aria-label': label };
    if (error) Object.assign(attributes, { 'aria-describedby': `${id}-error`, 'aria-invalid': 'true' });
    const list: Extension[] = [theme, EditorView.contentAttributes.of(attributes)];
    if (language === 'python') list.push(python());
    if (errorLine) list.push(markLine(errorLine));
    return list;
  }, [id, label, error, language, errorLine]);

  return (
    <Input.Wrapper id={id} label={label} description={description} error={error}>
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={extensions}
        minHeight={minHeight}
        readOnly={readOnly}
        // Brackets and completions that appear while typing get in the way of pasted code.
        basicSetup={{ autocompletion: false, closeBrackets: false, foldGutter: false }}
        style={{ marginTop: description ? 6 : 4, marginBottom: error ? 6 : 0 }}
      />
    </Input.Wrapper>
  );
}
