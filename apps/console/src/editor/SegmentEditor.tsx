/**
 * The segment-language editor (CodeMirror 6): highlighting, completion of the names seen in the
 * data, and the errors it is given underlined at their positions. The page owns the text and the
 * errors (it validates through the API); this component only shows them. Tab is left to the
 * browser, so the keyboard can move on past the editor (Escape first closes a completion list).
 */
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
} from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { bracketMatching } from "@codemirror/language";
import { type Diagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, placeholder as placeholderText } from "@codemirror/view";
import { Box } from "@mantine/core";
import { useEffect, useRef } from "react";
import { type Fields, segmentCompletions } from "./completion.js";
import { segmentLanguageSupport } from "./language.js";
import { errorRange, offsetOf } from "./positions.js";

/** An error of the text it was found in: shown only while the text is still that text. */
export interface EditorError {
  text: string;
  line: number;
  column: number;
  message: string;
}

export interface SegmentEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Field names for completion (`GET /v1/fields`); none yet is fine. */
  fields?: Fields;
  errors?: EditorError[];
  /** The accessible name of the text area. */
  label: string;
  /** The id of the element that describes the text (its error), for screen readers. */
  describedBy?: string;
  placeholder?: string;
  testId?: string;
  minHeight?: number;
}

const theme = EditorView.theme({
  "&": {
    fontSize: "14px",
    border: "1px solid var(--mantine-color-gray-4)",
    borderRadius: "var(--mantine-radius-sm)",
    backgroundColor: "var(--mantine-color-body)",
  },
  "&.cm-focused": { outline: "2px solid var(--mantine-color-blue-6)", outlineOffset: "1px" },
  ".cm-content": { fontFamily: "var(--mantine-font-family-monospace)", padding: "8px 0" },
  ".cm-scroller": { overflow: "auto" },
  ".cm-placeholder": { color: "var(--mantine-color-gray-6)" },
});

function diagnosticsFor(text: string, errors: EditorError[]): Diagnostic[] {
  return errors
    .filter((e) => e.text === text)
    .map((e) => {
      const { from, to } = errorRange(text, offsetOf(text, e.line, e.column));
      return { from, to, severity: "error", message: e.message, source: "segment language" };
    });
}

export function SegmentEditor({
  value,
  onChange,
  fields,
  errors = [],
  label,
  describedBy,
  placeholder,
  testId,
  minHeight = 120,
}: SegmentEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const fieldsRef = useRef(fields);
  fieldsRef.current = fields;

  // The view is made once; later props reach it through refs and the effects below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (!host.current) return;
    const attributes: Record<string, string> = { "aria-label": label, "aria-multiline": "true" };
    if (describedBy) attributes["aria-describedby"] = describedBy;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          closeBrackets(),
          bracketMatching(),
          segmentLanguageSupport(),
          autocompletion({ override: [segmentCompletions(() => fieldsRef.current)], icons: false }),
          lintGutter(),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of(attributes),
          placeholderText(placeholder ?? ""),
          theme,
          EditorView.theme({ ".cm-content, .cm-gutter": { minHeight: `${minHeight}px` } }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  // A new value from outside (a loaded segment) replaces the text; the editor's own edits are
  // already there.
  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const current = editor.state.doc.toString();
    if (current !== value) editor.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    editor.dispatch(setDiagnostics(editor.state, diagnosticsFor(editor.state.doc.toString(), errors)));
  }, [errors]);

  return <Box ref={host} data-testid={testId} />;
}
