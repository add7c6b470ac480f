import type { StageBucket, UserBucket } from './compute-summary';
import type { SummaryT } from './summary-messages';

export type SummaryNames = {
  /** "Stage · Pipeline", or what is known of it. */
  stageName: (b: StageBucket) => string;
  /** On a pipeline's own chart the pipeline is in the title: the axis names the stage only. */
  stageShortName: (b: StageBucket) => string;
  userName: (b: UserBucket) => string;
};

/** How the summary names a bucket: unknown ids, inactive users and the unassigned said in words. */
export function summaryNames(t: SummaryT): SummaryNames {
  return {
    stageName: (b) =>
      b.statusId === null ? t('noStage') : b.statusName ? `${b.statusName} · ${b.pipelineName ?? ''}` : t('unknownStage', { id: b.statusId }),
    stageShortName: (b) => (b.statusId === null ? t('noStage') : (b.statusName ?? t('unknownStage', { id: b.statusId }))),
    userName: (b) =>
      b.userId === null
        ? t('unassigned')
        : b.name
          ? b.active === false
            ? t('inactive', { name: b.name })
            : b.name
          : t('unknownUser', { id: b.userId }),
  };
}
