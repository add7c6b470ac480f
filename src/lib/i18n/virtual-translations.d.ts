// The per-language chunks made by scripts/split-catalogues.ts: each catalogue's words by its key.
declare module 'virtual:klb-translations/*' {
  const table: Record<string, Record<string, string>>;
  export default table;
}
