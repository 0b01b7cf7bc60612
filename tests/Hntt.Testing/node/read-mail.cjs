// Reads e-mails as mail clients do: each file through mailparser (the MIME parser of Nodemailer's family), each
// calendar part and .ics attachment through Mozilla's ical.js (the parser behind Thunderbird's calendar).
// Usage: node read-mail.cjs FILE.eml...   Prints one JSON line per mail; exits 1 naming the file and what failed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { simpleParser } = require('mailparser');
const ICAL = require('ical.js');

function readCalendar(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('the calendar has no VEVENT');
  const event = new ICAL.Event(vevent);
  const method = calendar.getFirstPropertyValue('method');
  if (!method || !event.uid || !event.startDate) throw new Error('METHOD, UID and DTSTART are required (RFC 5546)');
  const start = vevent.getFirstProperty('dtstart');
  return {
    method,
    uid: event.uid,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue('status'),
    summary: event.summary,
    start: start.getFirstValue().toString(),
    startZone: start.getParameter('tzid') ?? null,
    zones: calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
    organizer: vevent.getFirstPropertyValue('organizer'),
    attendees: vevent.getAllProperties('attendee').map((p) => p.getFirstValue()),
    alarms: vevent.getAllSubcomponents('valarm').length,
  };
}

function isCalendar(attachment) {
  return attachment.contentType === 'text/calendar' || attachment.contentType === 'application/ics' || /\.ics$/i.test(attachment.filename ?? '');
}

async function readMail(file) {
  const mail = await simpleParser(fs.readFileSync(file));
  const missing = ['messageId', 'subject', 'from', 'to', 'text', 'date'].filter((field) => !mail[field]);
  if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}`);
  return {
    file: path.basename(file),
    messageId: mail.messageId,
    subject: mail.subject,
    from: mail.from.value.map((a) => a.address),
    to: mail.to.value.map((a) => a.address),
    autoSubmitted: mail.headers.get('auto-submitted') ?? null,
    text: mail.text,
    calendars: mail.attachments.filter(isCalendar).map((a) => ({ contentType: a.contentType, ...readCalendar(a.content.toString('utf8')) })),
  };
}

(async () => {
  for (const file of process.argv.slice(2)) {
    try {
      process.stdout.write(JSON.stringify(await readMail(file)) + '\n');
    } catch (error) {
      process.stderr.write(`${file}: ${error.message}\n`);
      process.exitCode = 1;
    }
  }
})();
