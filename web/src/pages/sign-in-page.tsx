import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, ApiError } from '../api.js';

/** Paste an API key; the server exchanges it for a session cookie (the page does not keep the key). */
export const SignInPage = ({ onSignedIn }: { readonly onSignedIn: () => void }) => {
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await api('/v1/session', { method: 'POST', json: { key: key.trim() }, quiet: true });
      setKey('');
      onSignedIn();
    } catch (error) {
      setProblem(
        error instanceof ApiError && error.status === 401
          ? 'That key was not accepted. Create one with `leadsift keys create` or copy the one `npm start` printed.'
          : error instanceof Error
            ? error.message
            : String(error),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="sign-in">
      <form className="card sign-in-card" onSubmit={(e) => void submit(e)}>
        <div className="brand large">
          <span className="brand-mark" />
          leadsift
        </div>
        <p className="muted">
          Sign in with an API key to see your leads, the review queue, criteria and metrics.
        </p>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          placeholder="lsk_…"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          autoFocus
        />
        {problem === undefined ? null : (
          <div className="error-note" role="alert">
            {problem}
          </div>
        )}
        <button type="submit" className="primary" disabled={busy || key.trim() === ''}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <p className="hint">
          The key is sent once, to this server, for a session that lasts 12 hours; this page does not keep it.
        </p>
      </form>
    </div>
  );
};
