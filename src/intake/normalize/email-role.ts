/**
 * Local parts of shared mailboxes, written without separators ("no-reply", "no_reply" and
 * "no.reply" all reduce to "noreply"). Our own list: the RFC 2142 mailbox names (info, sales,
 * support, abuse, postmaster, webmaster, …) plus the shared inboxes that show up in B2B forms.
 */
const ROLE_LOCAL_PARTS: ReadonlySet<string> = new Set([
  // RFC 2142 business and network mailboxes
  'info',
  'marketing',
  'sales',
  'support',
  'abuse',
  'noc',
  'security',
  'postmaster',
  'hostmaster',
  'usenet',
  'news',
  'webmaster',
  'www',
  'uucp',
  'ftp',
  // shared inboxes seen on lead forms
  'admin',
  'administrator',
  'contact',
  'contactus',
  'hello',
  'hi',
  'office',
  'noreply',
  'donotreply',
  'billing',
  'invoice',
  'invoices',
  'accounts',
  'accounting',
  'finance',
  'jobs',
  'careers',
  'recruiting',
  'recruitment',
  'hr',
  'team',
  'enquiries',
  'enquiry',
  'inquiries',
  'inquiry',
  'help',
  'helpdesk',
  'service',
  'services',
  'customerservice',
  'newsletter',
  'press',
  'media',
  'pr',
  'legal',
  'privacy',
  'compliance',
  'orders',
  'shop',
  'store',
  'booking',
  'bookings',
  'reservations',
  'reception',
  'feedback',
  'partners',
  'events',
  'all',
  'everyone',
  'staff',
  'general',
  'mail',
  'email',
  'root',
  'system',
  'it',
]);

/**
 * True when `local` (a lowercased email local part) names a shared mailbox rather than a person:
 * "info", "sales+eu", "no-reply", "Customer.Service". A "+tag" suffix and ".", "-", "_" are ignored.
 */
export const isRoleLocalPart = (local: string): boolean => {
  const plus = local.indexOf('+');
  let key = plus === -1 ? local : local.slice(0, plus);
  if (ROLE_LOCAL_PARTS.has(key)) return true;
  if (!/[._-]/.test(key)) return false;
  key = key.replace(/[._-]/g, '');
  return ROLE_LOCAL_PARTS.has(key);
};
