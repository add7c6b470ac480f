// The attention column's stage age, in the stage-age chunk only (the first load has no room for it).
import { defineMessages } from '@/lib/i18n/define-messages';

export const stageAgeMessages = defineMessages(
  {
    stageDays: '{count, plural, one {# day in this stage} other {# days in this stage}}',
    stageUnknown: 'stage age unknown',
    stageFromEvent: "Since its last move into this stage, from Kommo's event log",
    stageFromCreated: "No stage move in Kommo's event log: in this stage since it was created",
    stageUnknownTitle: "Kommo's event log does not say when this lead entered its stage",
    stageRefusedTitle: 'Kommo does not let your user read the event log',
  },
  {
    es: {
      stageDays: '{count, plural, one {# día en esta etapa} other {# días en esta etapa}}',
      stageUnknown: 'tiempo en la etapa desconocido',
      stageFromEvent: 'Desde su último paso a esta etapa, según el registro de eventos de Kommo',
      stageFromCreated: 'Sin cambios de etapa en el registro de eventos de Kommo: en esta etapa desde su creación',
      stageUnknownTitle: 'El registro de eventos de Kommo no dice cuándo entró este lead en su etapa',
      stageRefusedTitle: 'Kommo no permite a tu usuario leer el registro de eventos',
    },
    pt: {
      stageDays: '{count, plural, one {# dia nesta etapa} other {# dias nesta etapa}}',
      stageUnknown: 'tempo na etapa desconhecido',
      stageFromEvent: 'Desde a última entrada nesta etapa, pelo registro de eventos do Kommo',
      stageFromCreated: 'Nenhuma mudança de etapa no registro de eventos do Kommo: nesta etapa desde a criação',
      stageUnknownTitle: 'O registro de eventos do Kommo não diz quando este lead entrou na etapa',
      stageRefusedTitle: 'O Kommo não permite que seu usuário leia o registro de eventos',
    },
  },
);
