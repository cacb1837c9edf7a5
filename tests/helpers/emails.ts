/** E-mails written for tests: a message with a hostile HTML body and an attachment, and a reply to it. */
export const HOSTILE_EMAIL = [
  'From: Alice Analyst <alice@fusion.example.gov>',
  'To: Bob Desk <bob@police.example.gov>',
  'Subject: Protest watch list',
  'Date: Tue, 26 May 2020 10:00:00 -0500',
  'Message-ID: <m1@fusion.example.gov>',
  'Received: from mail.internal.example (10.1.2.3) by relay.example',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="XX"',
  '',
  '--XX',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>See the attached list.</p><script>document.title="pwned";fetch("https://evil.example/x")</script>',
  '<img src="https://tracker.example/pixel.gif" width="1" height="1"><p onclick="document.title=\'clicked\'">Regards</p>',
  '--XX',
  'Content-Type: text/plain; name="watch-list.txt"',
  'Content-Disposition: attachment; filename="watch-list.txt"',
  '',
  'Organizers to watch: the list is pending review.',
  '--XX--',
  '',
].join('\r\n');

export const REPLY_EMAIL = [
  'From: Bob Desk <bob@police.example.gov>',
  'To: Alice Analyst <alice@fusion.example.gov>',
  'Subject: Re: Protest watch list',
  'Date: Tue, 26 May 2020 11:30:00 -0500',
  'Message-ID: <m2@police.example.gov>',
  'In-Reply-To: <m1@fusion.example.gov>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Received, thanks.',
  '',
].join('\r\n');

export const EMAIL_SIDECAR = (title: string) =>
  `---\ntitle: "${title}"\naudit:\n  - rule: pii-email\n    reason: "Official addresses of the agencies."\n    reviewer: "Test desk"\n---\n`;

/** A multipart/alternative message whose plain-text part only says to view the HTML part. */
function htmlAlternativeEmail(subject: string, date: string, html: string): string {
  return [
    'From: Desk <desk@police.example.gov>',
    'To: Records <records@police.example.gov>',
    `Subject: ${subject}`,
    `Date: ${date}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="ALT"',
    '',
    '--ALT',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Please view the HTML version.',
    '--ALT',
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    '--ALT--',
    '',
  ].join('\r\n');
}

/**
 * A message whose plain-text alternative says nothing while the HTML part,
 * which readers are shown, carries personal information.
 */
export const HTML_ONLY_PII_EMAIL = htmlAlternativeEmail(
  'Complainant details',
  'Wed, 27 May 2020 09:00:00 -0500',
  '<p>Write to <b>jane.roe@example.org</b> or call (202) 456-1414.</p><p>Her number is SSN 219-09-9999.</p>',
);

/** A message with a plain-text alternative and an HTML body that says something else, and a Date: header no parser understands. */
export const ALTERNATIVE_BAD_DATE_EMAIL = htmlAlternativeEmail('Meeting moved', 'the day after the protest', '<p>The briefing moved to <b>Thursday</b>.</p>');

/**
 * A message from and to official addresses, whose body gives a private
 * address and whose attachment is a sheet of private addresses: accepting
 * the header addresses must let neither through.
 */
export const HEADERS_ACCEPTED_EMAIL = [
  'From: Records Desk <records@police.example.gov>',
  'To: Press Office <press@police.example.gov>',
  'Subject: Complainants',
  'Date: Thu, 28 May 2020 09:00:00 -0500',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="XX"',
  '',
  '--XX',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'The complainant asked us to write to jane.roe@example.org only.',
  '--XX',
  'Content-Type: text/csv; name="complainants.csv"',
  'Content-Disposition: attachment; filename="complainants.csv"',
  '',
  'name,email',
  'Jane Roe,jane.roe@example.org',
  'John Doe,john.doe@example.net',
  '--XX--',
  '',
].join('\r\n');

/** The sidecar of HEADERS_ACCEPTED_EMAIL: it accepts the addresses of the From and To headers, nothing else. */
export const HEADERS_ACCEPTED_SIDECAR =
  '---\ntitle: "Complainants"\naudit:\n' +
  '  - rule: pii-email\n    reason: "Official addresses of the police department."\n    reviewer: "Test desk"\n    field: from\n' +
  '  - rule: pii-email\n    reason: "Official addresses of the police department."\n    reviewer: "Test desk"\n    field: to\n---\n';
