// Mail the feedback loops of mailbox providers send: a spam complaint as an ARF report.

/**
 * A feedback report as a mailbox provider's feedback loop sends it (RFC 5965 §2): a readable
 * part, the machine-readable `message/feedback-report`, and the original message — whole and
 * inline (`message/rfc822`), or only its headers (`text/rfc822-headers`).
 */
export const arf = (report: {
  readonly id: string;
  readonly type?: string;
  readonly recipient: string;
  readonly original: string;
  readonly headersOnly?: boolean;
}): string =>
  [
    'From: Hotmail Staff <staff@hotmail.example>',
    'To: fbl@replies.acme.example',
    'Date: Thu, 26 Nov 2026 12:00:00 +0000',
    `Message-ID: ${report.id}`,
    'Subject: complaint about message from 192.0.2.1',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=feedback-report; boundary="arf-boundary"',
    '',
    '--arf-boundary',
    'Content-Type: text/plain; charset="US-ASCII"',
    '',
    'This is an email abuse report for an email message received from IP 192.0.2.1.',
    '',
    '--arf-boundary',
    'Content-Type: message/feedback-report',
    '',
    `Feedback-Type: ${report.type ?? 'abuse'}`,
    'User-Agent: Hotmail FBL/1.0',
    'Version: 1',
    'Original-Mail-From: <dana@replies.acme.example>',
    `Original-Rcpt-To: <${report.recipient}>`,
    'Arrival-Date: Thu, 26 Nov 2026 09:01:00 +0000',
    'Source-IP: 192.0.2.1',
    'Reported-Domain: acme.example',
    '',
    '--arf-boundary',
    report.headersOnly === true ? 'Content-Type: text/rfc822-headers' : 'Content-Type: message/rfc822',
    'Content-Disposition: inline',
    '',
    report.original.replace(/\r\n/g, '\n').trimEnd(),
    '--arf-boundary--',
    '',
  ].join('\r\n');
