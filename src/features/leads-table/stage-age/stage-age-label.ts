// What the attention cell draws of a lead's time in its stage, made by the stage-age chunk, so the
// first load carries neither the event log's reading nor its words.
import type { ReactNode } from 'react';

/** Per lead on screen: "· 40 days in this stage" (or "stage age unknown"), drawn as the chunk made it. */
export type StageAgeLabels = ReadonlyMap<number, ReactNode>;
