// Who signed in (or was refused, and why), who signed out, who exported what: one JSON object a
// line, to AUDIT_LOG's file or to stdout. Only the fields named here are written, so a token, a
// cookie or a secret cannot reach the log through a free-form message.
import { appendFile } from 'node:fs/promises';

export type AuditEvent =
  | { event: 'sign-in'; outcome: 'accepted'; userId: number; accountId: number; address: string; via: 'kommo' | 'demo' }
  | { event: 'sign-in'; outcome: 'refused'; reason: string; userId?: number; address: string; via: 'kommo' | 'demo' }
  | { event: 'sign-out'; userId: number; address: string }
  | { event: 'session-ended'; userId: number; reason: 'inactive-user' | 'unknown-user' }
  | { event: 'export'; userId: number | null; address: string; format: string; view: string; leads: number };

export type AuditLog = { record(event: AuditEvent): void };

export type AuditSink = (line: string) => void;

export function createAuditLog(sink: AuditSink, now: () => number = Date.now): AuditLog {
  return { record: (event) => sink(JSON.stringify({ time: new Date(now()).toISOString(), ...event })) };
}

/** AUDIT_LOG: a file appended to (created if missing), else stdout. Write failures go to stderr, never crash the server. */
export function auditSink(file: string | null): AuditSink {
  if (file === null) return (line) => process.stdout.write(`${line}\n`);
  let chain = Promise.resolve();
  return (line) => {
    chain = chain
      .then(() => appendFile(file, `${line}\n`, { mode: 0o600 }))
      .catch((error: unknown) => {
        process.stderr.write(`audit log: cannot write to ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      });
  };
}
