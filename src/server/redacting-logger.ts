// One logger for the server: every line passes through redaction so neither the upstream token nor
// an Authorization header value can reach the console, whatever the caller formats into the message.

export type Logger = {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
};

export type LogSink = (level: 'info' | 'warn' | 'error', line: string) => void;

const REDACTED = '[redacted]';

/** Replaces every secret and every bearer credential in a text. Secrets shorter than 4 characters are ignored (they would shred ordinary text). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(
    /(authorization\s*[:=]\s*)("?)(bearer\s+)?[^\s",;]+/gi,
    (_m, head: string, quote: string, scheme: string | undefined) => `${head}${quote}${scheme ?? ''}${REDACTED}`,
  );
  out = out.replace(/\bbearer\s+[A-Za-z0-9._~+/=-]+/gi, `Bearer ${REDACTED}`);
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

const consoleSink: LogSink = (level, line) => {
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
};

export function createLogger(secrets: readonly string[], sink: LogSink = consoleSink): Logger {
  const emit = (level: 'info' | 'warn' | 'error', message: string) => sink(level, redactSecrets(message, secrets));
  return {
    info: (m) => emit('info', m),
    warn: (m) => emit('warn', m),
    error: (m) => emit('error', m),
  };
}
