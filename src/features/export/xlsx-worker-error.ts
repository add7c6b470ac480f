/** The XLSX worker stopped: an error it reported, or a worker that died without saying why (its script failed to load, memory ran out). */
export class XlsxWorkerError extends Error {
  override readonly name = 'XlsxWorkerError';
}
