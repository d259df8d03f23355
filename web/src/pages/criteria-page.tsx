import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api.js';
import type { ApiIssue } from '../api.js';
import { ErrorNote } from '../components/error-note.js';
import { dateTime, humanize } from '../format.js';
import type { CriteriaVersion } from '../types.js';
import { useApi } from '../use-api.js';

/** The editor's line height in pixels (styles.css: `.editor textarea`, `.gutter`). */
const LINE_HEIGHT = 20;

/** The criteria file: edit the YAML, see each problem on its line, save a version, restore any. */
export const CriteriaPage = () => {
  const active = useApi<CriteriaVersion>('/v1/criteria');
  const versions = useApi<{ versions: Array<Omit<CriteriaVersion, 'text'>> }>('/v1/criteria/versions');
  const [text, setText] = useState<string>();
  const [issues, setIssues] = useState<readonly ApiIssue[]>([]);
  const [note, setNote] = useState<string>();
  const [failure, setFailure] = useState<Error>();
  const [saving, setSaving] = useState(false);
  const [preview, setPreview] = useState<CriteriaPreview>();
  const gutter = useRef<HTMLDivElement>(null);
  const editor = useRef<HTMLTextAreaElement>(null);

  /** Scroll the editor so that a line sits near the top, and put the cursor at its start. */
  const showLine = (line: number) => {
    const area = editor.current;
    if (area === null) return;
    const start = area.value
      .split('\n')
      .slice(0, line - 1)
      .reduce((n, l) => n + l.length + 1, 0);
    area.focus();
    area.setSelectionRange(start, start);
    area.scrollTop = Math.max(0, (line - 4) * LINE_HEIGHT);
    if (gutter.current !== null) gutter.current.scrollTop = area.scrollTop;
  };
  // A refused file opens at its first problem.
  useEffect(() => {
    const first = issues.find((i) => i.line !== undefined)?.line;
    if (first !== undefined) showLine(first);
  }, [issues]);

  useEffect(() => {
    if (active.data !== undefined) setText(active.data.text);
  }, [active.data]);

  const value = text ?? '';
  const lines = value.split('\n').length;
  const badLines = new Set(issues.map((i) => i.line).filter((l): l is number => l !== undefined));
  const dirty = active.data !== undefined && value !== active.data.text;

  const showProblems = (error: unknown) => {
    if (error instanceof ApiError && error.status === 422)
      setIssues(error.issues.length > 0 ? error.issues : [{ problem: error.message }]);
    else setFailure(error instanceof Error ? error : new Error(String(error)));
  };
  const runPreview = async () => {
    setNote(undefined);
    setFailure(undefined);
    setIssues([]);
    setPreview(undefined);
    try {
      setPreview(
        await api<CriteriaPreview>('/v1/criteria/preview?sample=200', { method: 'POST', text: value }),
      );
    } catch (error) {
      showProblems(error);
    }
  };
  const save = async () => {
    setSaving(true);
    setNote(undefined);
    setFailure(undefined);
    setIssues([]);
    setPreview(undefined);
    try {
      const saved = await api<{ version: string; previous?: string }>('/v1/criteria', {
        method: 'PUT',
        text: value,
      });
      setNote(
        saved.previous === saved.version
          ? 'No change: this version is already active.'
          : `Saved and activated ${saved.version}.`,
      );
      active.reload();
      versions.reload();
    } catch (error) {
      showProblems(error);
    } finally {
      setSaving(false);
    }
  };
  const restore = async (version: string) => {
    setFailure(undefined);
    setIssues([]);
    try {
      await api(`/v1/criteria/versions/${encodeURIComponent(version)}/activate`, { method: 'POST' });
      setNote(`Restored ${version}.`);
      setText(undefined);
      active.reload();
      versions.reload();
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
    }
  };

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Criteria</h1>
          <div className="muted">
            {active.data === undefined
              ? 'Loading…'
              : `${active.data.name} · active version ${active.data.version}`}
          </div>
        </div>
        <div className="actions">
          <button type="button" disabled={!dirty} onClick={() => setText(active.data?.text)}>
            Discard changes
          </button>
          <button type="button" disabled={!dirty} onClick={() => void runPreview()}>
            Preview effect
          </button>
          <button type="button" className="primary" disabled={saving || !dirty} onClick={() => void save()}>
            {saving ? 'Saving…' : 'Save and activate'}
          </button>
        </div>
      </div>
      {note === undefined ? null : <div className="ok-note">{note}</div>}
      <ErrorNote error={failure ?? active.error} />
      {issues.length === 0 ? null : (
        <div className="issues card" role="alert">
          <b>
            The file was not saved: {issues.length} problem{issues.length === 1 ? '' : 's'}
          </b>
          <ul>
            {issues.map((issue, i) => (
              <li key={i}>
                {issue.line === undefined ? null : (
                  <button type="button" className="line-ref" onClick={() => showLine(issue.line ?? 1)}>
                    line {issue.line}
                  </button>
                )}
                {issue.path === undefined || issue.path === '' ? null : <code>{issue.path}</code>}{' '}
                {issue.problem}
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview === undefined ? null : <PreviewPanel preview={preview} />}
      <div className="criteria-layout">
        <div className="editor card">
          <div className="gutter" ref={gutter} aria-hidden="true">
            {Array.from({ length: lines }, (_, i) => (
              <div key={i} className={badLines.has(i + 1) ? 'bad-line' : undefined}>
                {i + 1}
              </div>
            ))}
          </div>
          <textarea
            ref={editor}
            aria-label="Criteria YAML"
            spellCheck={false}
            value={value}
            onChange={(e) => setText(e.target.value)}
            onScroll={(e) => {
              if (gutter.current !== null) gutter.current.scrollTop = e.currentTarget.scrollTop;
            }}
          />
        </div>
        <div className="card versions">
          <h2>Versions</h2>
          <ul className="plain">
            {versions.data?.versions.map((v) => (
              <li key={v.version} className={v.active ? 'active-version' : undefined}>
                <div>
                  <code>{v.version}</code>{' '}
                  {v.active ? <span className="badge badge-qualified">active</span> : null}
                </div>
                <div className="muted small">
                  {v.name} · {dateTime(v.createdAt)}
                  {v.createdBy === undefined ? '' : ` · ${v.createdBy}`}
                </div>
                {v.active ? null : (
                  <button type="button" className="small-button" onClick={() => void restore(v.version)}>
                    Restore
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
};

interface CriteriaPreview {
  readonly sampled: number;
  readonly changed: number;
  readonly changes: ReadonlyArray<{ from: string; to: string; count: number }>;
  readonly examples: ReadonlyArray<{
    leadId: string;
    name: string;
    from: string;
    to: string;
    fromScore: number;
    toScore: number;
    reason?: string;
  }>;
}

/** What saving would change on a sample of stored leads, before saving. */
const PreviewPanel = ({ preview }: { readonly preview: CriteriaPreview }) => (
  <div className="card preview" data-preview>
    <b>
      {preview.changed} of {preview.sampled} sampled leads would change verdict
    </b>
    {preview.changes.length === 0 ? null : (
      <ul className="plain">
        {preview.changes.map((c) => (
          <li key={`${c.from}>${c.to}`}>
            {humanize(c.from)} → <b>{humanize(c.to)}</b>: {c.count}
          </li>
        ))}
      </ul>
    )}
    {preview.examples.length === 0 ? null : (
      <>
        <h3>Examples</h3>
        <ul className="plain">
          {preview.examples.map((e) => (
            <li key={e.leadId}>
              <a href={`#/lead/${e.leadId}`}>{e.name}</a> {humanize(e.from)} ({e.fromScore}) →{' '}
              <b>{humanize(e.to)}</b> ({e.toScore}){e.reason === undefined ? '' : ` · ${e.reason}`}
            </li>
          ))}
        </ul>
      </>
    )}
  </div>
);
