import { useEffect, useState } from 'react';

/** A page of the dashboard as the URL's hash names it: `#/leads`, `#/leads/<id>`, … */
export interface HashRoute {
  readonly page: string;
  readonly id?: string;
}

const read = (): HashRoute => {
  const [page = 'leads', id] = window.location.hash.replace(/^#\/?/, '').split('/');
  return id === undefined || id === '' ? { page: page || 'leads' } : { page, id: decodeURIComponent(id) };
};

/** The current hash route, updated on navigation. Hash routes need no server fallback. */
export const useHashRoute = (): HashRoute => {
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
};

export const go = (path: string): void => {
  window.location.hash = `#/${path}`;
};
