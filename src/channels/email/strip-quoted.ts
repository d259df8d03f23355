/** Lines that open the quoted message in a reply, by the mail programs and languages seen most. */
const REPLY_HEADERS: readonly RegExp[] = [
  /^On\s.{1,300}\bwrote:\s*$/i, // Gmail, Apple Mail, Thunderbird
  /^Le\s.{1,300}\ba écrit\s?:\s*$/i,
  /^Am\s.{1,300}\bschrieb\s.{0,200}:\s*$/i,
  /^El\s.{1,300}\bescribió:\s*$/i,
  /^Il giorno\s.{1,300}\bha scritto:\s*$/i,
  /^Op\s.{1,300}\bschreef\s.{0,200}:\s*$/i,
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/, // Outlook's rule above the quoted headers
];

/** "From: …" followed within a few lines by "Sent:"/"Date:" and "To:"/"Subject:": Outlook's quoted headers. */
const isOutlookHeader = (lines: readonly string[], i: number): boolean =>
  /^\*?(From|Von|De):\*?\s/i.test(lines[i] ?? '') &&
  lines.slice(i + 1, i + 5).some((l) => /^\*?(Sent|Date|Gesendet|Envoyé):\*?\s/i.test(l));

const SIGNATURE = /^(--|-- )$|^Sent from my \w+|^Get Outlook for /i;

/**
 * The new text of an email reply: everything before the quoted message (a reply header such as
 * "On Mon, … wrote:", possibly wrapped over two lines, Outlook's quoted headers, or a block of
 * `>` lines at the end), without the signature (`-- ` and the mobile-client footers). Text that
 * is quoted throughout gives an empty string.
 */
export const stripQuoted = (text: string): string => {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? '';
    const joined = `${line} ${lines[i + 1]?.trim() ?? ''}`;
    if (
      REPLY_HEADERS.some((r) => r.test(line)) ||
      (/^On\s/i.test(line) && /\bwrote:\s*$/i.test(joined)) ||
      isOutlookHeader(
        lines.map((l) => l.trim()),
        i,
      ) ||
      SIGNATURE.test(lines[i] ?? '')
    ) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end);
  // Trailing quoted lines (and blank lines between them) belong to the history.
  while (kept.length > 0 && /^\s*(>.*)?$/.test(kept[kept.length - 1] ?? '')) kept.pop();
  return kept.join('\n').trim();
};
