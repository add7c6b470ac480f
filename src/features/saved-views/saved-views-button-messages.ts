// The words the first screen needs of saved views: the Views button, the views' names (the button
// names the view shown) and why a name cannot be used. The menu's other words load with its chunk.
import { defineMessages } from '@/lib/i18n/define-messages';

export const savedViewsButtonMessages = defineMessages(
  {
    button: 'Views',
    needsAttention: 'What needs my attention',
    myOpenLeads: 'My open leads',
    wonThisMonth: 'Won this month',
    lostThisMonth: 'Lost this month',
    overdueTasks: 'My overdue tasks',
    withoutTasks: 'Leads without tasks',
    errEmpty: 'Give the view a name',
    errTooLong: 'At most {max} characters',
    errDuplicate: 'A view with this name exists',
    buttonCurrent: 'Views: {name}',
  },
  {
    es: {
      button: 'Vistas',
      needsAttention: 'Lo que requiere mi atención',
      myOpenLeads: 'Mis leads abiertos',
      wonThisMonth: 'Leads ganados este mes',
      lostThisMonth: 'Leads perdidos este mes',
      overdueTasks: 'Mis tareas vencidas',
      withoutTasks: 'Leads sin tareas',
      errEmpty: 'Ponle un nombre a la vista',
      errTooLong: 'Como máximo {max} caracteres',
      errDuplicate: 'Ya existe una vista con este nombre',
      buttonCurrent: 'Vistas: {name}',
    },
    pt: {
      button: 'Visualizações',
      needsAttention: 'O que precisa da minha atenção',
      myOpenLeads: 'Meus leads abertos',
      wonThisMonth: 'Negócios ganhos este mês',
      lostThisMonth: 'Negócios perdidos este mês',
      overdueTasks: 'Minhas tarefas atrasadas',
      withoutTasks: 'Leads sem tarefas',
      errEmpty: 'Dê um nome à visualização',
      errTooLong: 'No máximo {max} caracteres',
      errDuplicate: 'Já existe uma visualização com este nome',
      buttonCurrent: 'Visualizações: {name}',
    },
  },
);

export type SavedViewsButtonMessageKey = keyof (typeof savedViewsButtonMessages)['en'];
export type SavedViewsButtonT = (key: SavedViewsButtonMessageKey, values?: Record<string, string | number>) => string;
