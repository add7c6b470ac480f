// The Views menu's own words, in its lazy chunk; the button's words and the views' names are in
// saved-views-button-messages.ts (the first screen's).
import { defineMessages } from '@/lib/i18n/define-messages';
import type { SavedViewsButtonMessageKey } from './saved-views-button-messages';

export const savedViewsMessages = defineMessages(
  {
    builtInTitle: 'Built-in views',
    savedTitle: 'My views',
    noSaved: 'No saved views yet. Name the current view below to keep it in this browser.',
    needsAttentionHint:
      "My open leads, worst first: a task overdue (red), no task, no change for 14 days (from the lead's closest task and Updated at, which any edit moves). Days in the stage come from Kommo's event log, for the leads on screen, and do not change the order. All my open leads must be loaded for the order: Load all when there are more.",
    myOpenLeadsHint: 'You are responsible, in any open stage (each stage is loaded separately and merged)',
    wonThisMonthHint: '"Closed - won" in every pipeline, closed this month',
    lostThisMonthHint: '"Closed - lost" in every pipeline, closed this month, with the loss reason',
    overdueTasksHint: 'My open leads whose next task was due before now, the most overdue first, with the due date beside the name',
    withoutTasksHint:
      'Open leads with no task planned, stalest first. Kommo cannot filter this: the browser checks each page, so a large account is paged through.',
    noCurrentUser: 'The account did not say who the current user is, so "my" leads cannot be chosen.',
    noPipelines: "Waiting for the account's pipelines.",
    saveLabel: 'Name the current view',
    savePlaceholder: 'e.g. Big deals this quarter',
    save: 'Save',
    apply: 'Apply view {name}',
    rename: 'Rename {name}',
    renameLabel: 'New name for {name}',
    renameSave: 'Save name',
    cancel: 'Cancel',
    delete: 'Delete {name}',
    notStored: 'This browser did not keep it (storage is blocked or full); it lasts until you close the tab.',
    current: 'shown now',
    deleted: 'Deleted “{name}”',
    undo: 'Undo',
    viewCount: '{name} ({count})',
    viewCountAtLeast: '{name} ({count}+)',
  },
  {
    es: {
      builtInTitle: 'Vistas incluidas',
      savedTitle: 'Mis vistas',
      noSaved: 'Aún no hay vistas guardadas. Pon nombre a la vista actual abajo para guardarla en este navegador.',
      needsAttentionHint:
        'Mis leads abiertos, lo peor primero: una tarea vencida (en rojo), sin tarea, sin cambios en 14 días (según la próxima tarea del lead y su fecha de actualización, que cualquier edición mueve). Los días en la etapa vienen del registro de eventos de Kommo, para los leads en pantalla, y no cambian el orden. El orden necesita todos mis leads abiertos: Cargar todo cuando hay más.',
      myOpenLeadsHint: 'Eres responsable, en cualquier etapa abierta (cada etapa se carga por separado y se combinan)',
      wonThisMonthHint: '«Cerrado - ganado» en cada embudo, cerrados este mes',
      lostThisMonthHint: '«Cerrado - perdido» en cada embudo, cerrados este mes, con el motivo de pérdida',
      overdueTasksHint: 'Mis leads abiertos cuya próxima tarea vencía antes de ahora, los más atrasados primero, con la fecha junto al nombre',
      withoutTasksHint:
        'Leads abiertos sin tarea prevista, los más olvidados primero. Kommo no puede filtrarlo: el navegador revisa cada página, así que recorre toda una cuenta grande.',
      noCurrentUser: 'La cuenta no indicó quién es el usuario actual, así que no se pueden elegir «mis» leads.',
      noPipelines: 'Esperando los embudos de la cuenta.',
      saveLabel: 'Pon nombre a la vista actual',
      savePlaceholder: 'p. ej. Grandes negocios este trimestre',
      save: 'Guardar',
      apply: 'Aplicar la vista {name}',
      rename: 'Renombrar {name}',
      renameLabel: 'Nuevo nombre para {name}',
      renameSave: 'Guardar nombre',
      cancel: 'Cancelar',
      delete: 'Eliminar {name}',
      notStored: 'Este navegador no la guardó (almacenamiento bloqueado o lleno); dura hasta que cierres la pestaña.',
      current: 'mostrada ahora',
      deleted: 'Se eliminó «{name}»',
      undo: 'Deshacer',
      viewCount: '{name} ({count})',
      viewCountAtLeast: '{name} ({count}+)',
    },
    pt: {
      builtInTitle: 'Visualizações incluídas',
      savedTitle: 'Minhas visualizações',
      noSaved: 'Nenhuma visualização salva ainda. Dê um nome à visualização atual abaixo para guardá-la neste navegador.',
      needsAttentionHint:
        'Meus leads abertos, o pior primeiro: uma tarefa atrasada (em vermelho), sem tarefa, sem alterações há 14 dias (pela próxima tarefa do lead e pela data de atualização, que qualquer edição move). Os dias na etapa vêm do registro de eventos do Kommo, para os leads na tela, e não mudam a ordem. A ordem precisa de todos os meus leads abertos: Carregar tudo quando houver mais.',
      myOpenLeadsHint: 'Você é o responsável, em qualquer etapa aberta (cada etapa é carregada separadamente e mescladas)',
      wonThisMonthHint: '"Fechado - ganho" em cada funil, fechados este mês',
      lostThisMonthHint: '"Fechado - perdido" em cada funil, fechados este mês, com o motivo de perda',
      overdueTasksHint: 'Meus leads abertos cuja próxima tarefa venceu antes de agora, os mais atrasados primeiro, com a data ao lado do nome',
      withoutTasksHint:
        'Leads abertos sem tarefa prevista, os mais esquecidos primeiro. O Kommo não consegue filtrar isso: o navegador verifica cada página, então percorre toda uma conta grande.',
      noCurrentUser: 'A conta não informou quem é o usuário atual, então "meus" leads não podem ser escolhidos.',
      noPipelines: 'Aguardando os funis da conta.',
      saveLabel: 'Dê um nome à visualização atual',
      savePlaceholder: 'ex.: Grandes negócios neste trimestre',
      save: 'Salvar',
      apply: 'Aplicar a visualização {name}',
      rename: 'Renomear {name}',
      renameLabel: 'Novo nome para {name}',
      renameSave: 'Salvar nome',
      cancel: 'Cancelar',
      delete: 'Excluir {name}',
      notStored: 'Este navegador não a guardou (armazenamento bloqueado ou cheio); ela dura até você fechar a aba.',
      current: 'exibida agora',
      deleted: 'Excluída: “{name}”',
      undo: 'Desfazer',
      viewCount: '{name} ({count})',
      viewCountAtLeast: '{name} ({count}+)',
    },
  },
);

export type SavedViewsMessageKey = keyof (typeof savedViewsMessages)['en'];
/** The menu's words with the Views button's (saved-views-button-messages): the dropdown reads both. */
export type SavedViewsT = (key: SavedViewsMessageKey | SavedViewsButtonMessageKey, values?: Record<string, string | number>) => string;
