/** Seconds read again before the anchor: equal timestamps, and changes Kommo reports a little late. */
export const REFRESH_OVERLAP_SECONDS = 300;
