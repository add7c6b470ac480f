import { defineMessages } from '@/lib/i18n/define-messages';

// The phone's card list: its own catalogue, in the cards' chunk (the first load does not carry it).
export const leadCardsMessages = defineMessages(
  {
    cardsLabel: 'Leads',
    nextTask: 'Next task:',
    noTask: 'No task',
    noResponsible: 'No responsible user',
  },
  {
    es: {
      cardsLabel: 'Leads',
      nextTask: 'Próxima tarea:',
      noTask: 'Sin tarea',
      noResponsible: 'Sin responsable',
    },
    pt: {
      cardsLabel: 'Leads',
      nextTask: 'Próxima tarefa:',
      noTask: 'Sem tarefa',
      noResponsible: 'Sem responsável',
    },
  },
);
