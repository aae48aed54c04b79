// The policy editor: a JSON document typed into a <textarea> laid over its highlighted copy, with
// Access Analyzer's findings for the draft marked on the text they are about and listed below it;
// choosing a finding selects that text. Findings for an older draft are not marked on a newer one.
import { useId, useRef, type ReactNode } from 'react';
import { marksOf, whereOf, type EditorPolicyType, type Mark } from '../policy-editor/findings.ts';
import { tokenize, type Token } from '../policy-editor/json-tokens.ts';
import { useFindings } from '../policy-editor/use-findings.ts';
import { ErrorAlert } from './error-alert.tsx';

export interface PolicyEditorProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  policyType: EditorPolicyType;
  id?: string;
}

export function PolicyEditor({ label, value, onChange, policyType, id }: PolicyEditorProps) {
  const ownId = useId();
  const editorId = id ?? ownId;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const copy = useRef<HTMLPreElement>(null);
  const validation = useFindings(value, policyType);
  const current = validation.checked === value;
  const marks = current ? marksOf(validation.findings, value.length) : [];

  const select = (mark: Pick<Mark, 'start' | 'end'>) => {
    textarea.current?.focus();
    textarea.current?.setSelectionRange(mark.start, mark.end);
  };

  return (
    <div className="field policy-editor">
      <label htmlFor={editorId}>{label}</label>
      <div className="policy-editor-frame">
        <pre ref={copy} className="policy-editor-copy" aria-hidden="true">
          {highlighted(value, marks)}
          {/* a last line that ends in a newline still needs its height */}
          {'\n'}
        </pre>
        <textarea
          ref={textarea}
          id={editorId}
          className="policy-editor-input"
          value={value}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
          onScroll={(event) => {
            if (!copy.current) return;
            copy.current.scrollTop = event.currentTarget.scrollTop;
            copy.current.scrollLeft = event.currentTarget.scrollLeft;
          }}
          aria-describedby={`${editorId}-findings`}
        />
      </div>
      <ErrorAlert error={validation.error} />
      <section id={`${editorId}-findings`} aria-label="Policy findings" aria-live="polite">
        <p className="hint">
          {!current
            ? 'Checking…'
            : validation.findings.length === 0
              ? 'No findings: the policy is valid.'
              : `${validation.findings.length} finding${validation.findings.length === 1 ? '' : 's'}`}
        </p>
        {current && validation.findings.length > 0 ? (
          <ul className="policy-findings">
            {validation.findings.map((finding, i) => {
              const span = finding.locations[0]?.span;
              return (
                <li key={i} className={`policy-finding finding-${finding.findingType.toLowerCase()}`}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => span && select({ start: span.start.offset, end: span.end.offset })}
                  >
                    <strong>{finding.findingType.replace('_', ' ')}</strong> {finding.issueCode} (
                    {whereOf(finding)})
                  </button>
                  <span className="policy-finding-details">{finding.findingDetails}</span>
                </li>
              );
            })}
          </ul>
        ) : null}
      </section>
    </div>
  );
}

/** The text as highlighted tokens, each finding's range wrapped in one <mark>. */
function highlighted(text: string, marks: readonly Mark[]): ReactNode[] {
  const tokens = tokenize(text);
  const out: ReactNode[] = [];
  let at = 0;
  for (const mark of marks) {
    out.push(...pieces(text, tokens, at, mark.start));
    out.push(
      <mark
        key={`mark-${mark.start}`}
        className={`finding-mark finding-${mark.finding.findingType.toLowerCase()}`}
        data-offset-start={mark.start}
        data-offset-end={mark.end}
        title={mark.finding.findingDetails}
      >
        {pieces(text, tokens, mark.start, mark.end)}
      </mark>,
    );
    at = mark.end;
  }
  out.push(...pieces(text, tokens, at, text.length));
  return out;
}

/** The tokens between two offsets, cut at them. */
function pieces(text: string, tokens: readonly Token[], from: number, to: number): ReactNode[] {
  const out: ReactNode[] = [];
  for (const token of tokens) {
    const start = Math.max(token.start, from);
    const end = Math.min(token.end, to);
    if (end <= start) continue;
    out.push(
      <span key={start} className={`tok-${token.kind}`}>
        {text.slice(start, end)}
      </span>,
    );
  }
  return out;
}
