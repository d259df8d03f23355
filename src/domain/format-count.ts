/**
 * A number with thousands separators, as people read counts: 1234567 → "1,234,567". Written
 * without Intl, which costs microseconds a call where reasons are built for every lead.
 */
export const formatCount = (n: number): string => {
  const [whole = '', fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
};
