import { useEffect, useState } from 'react';

/**
 * State kept in the tab's session storage under `key`, so that a page shows what the person left
 * it with when they come back to it (the lead list's filters after opening a lead).
 */
export const useSessionState = <T>(
  key: string,
  initial: T,
): [T, (value: T | ((previous: T) => T)) => void] => {
  const [value, setValue] = useState<T>(() => {
    const stored = sessionStorage.getItem(key);
    if (stored === null) return initial;
    try {
      return JSON.parse(stored) as T;
    } catch {
      return initial;
    }
  });
  useEffect(() => sessionStorage.setItem(key, JSON.stringify(value)), [key, value]);
  return [value, setValue];
};
