import { useEffect, useState } from 'react';
import { api, SIGNED_OUT } from './api.js';
import { AccountsPage } from './pages/accounts-page.js';
import { CampaignsPage } from './pages/campaigns-page.js';
import { CriteriaPage } from './pages/criteria-page.js';
import { LeadPage } from './pages/lead-page.js';
import { LeadsPage } from './pages/leads-page.js';
import { MetricsPage } from './pages/metrics-page.js';
import { ReviewPage } from './pages/review-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { useHashRoute } from './use-hash-route.js';

const PAGES = [
  { page: 'leads', label: 'Leads' },
  { page: 'review', label: 'Review queue' },
  { page: 'accounts', label: 'Accounts' },
  { page: 'campaigns', label: 'Campaigns' },
  { page: 'criteria', label: 'Criteria' },
  { page: 'metrics', label: 'Metrics' },
] as const;

/** The dashboard: sign-in until there is a session, then the pages behind a top bar. */
export const App = () => {
  // Unknown until the server says whether this browser's cookie is a session.
  const [signedIn, setSignedIn] = useState<boolean>();
  const route = useHashRoute();
  useEffect(() => {
    api('/v1/session', { quiet: true }).then(
      () => setSignedIn(true),
      () => setSignedIn(false),
    );
    const onSignedOut = () => setSignedIn(false);
    window.addEventListener(SIGNED_OUT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT, onSignedOut);
  }, []);
  if (signedIn === undefined) return null;
  if (!signedIn) return <SignInPage onSignedIn={() => setSignedIn(true)} />;
  const current = route.page === 'lead' ? 'leads' : route.page;
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="#/leads">
          <span className="brand-mark" />
          leadsift
        </a>
        <nav>
          {PAGES.map((p) => (
            <a key={p.page} href={`#/${p.page}`} className={current === p.page ? 'active' : undefined}>
              {p.label}
            </a>
          ))}
        </nav>
        <button
          type="button"
          className="link"
          onClick={() => {
            void api('/v1/session', { method: 'DELETE', quiet: true })
              .catch(() => undefined)
              .then(() => setSignedIn(false));
          }}
        >
          Sign out
        </button>
      </header>
      <main>
        {route.page === 'lead' && route.id !== undefined ? (
          <LeadPage id={route.id} />
        ) : route.page === 'review' ? (
          <ReviewPage />
        ) : route.page === 'accounts' ? (
          <AccountsPage />
        ) : route.page === 'campaigns' ? (
          <CampaignsPage />
        ) : route.page === 'criteria' ? (
          <CriteriaPage />
        ) : route.page === 'metrics' ? (
          <MetricsPage />
        ) : (
          <LeadsPage />
        )}
      </main>
    </div>
  );
};
