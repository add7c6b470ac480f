import { defineMessages } from '@/lib/i18n/define-messages';

export const exportMessages = defineMessages(
  {
    exportCsv: 'Export CSV',
    exportHint: 'Download every lead of this view with the visible columns (loads all first). Comma-separated, decimal point',
    exportXlsx: 'Export XLSX',
    exportXlsxHint: 'Download every lead of this view as an Excel workbook: numbers and dates as real cells (loads all first)',
    sheetName: 'Leads',
    exporting: 'Preparing the file…',
    exportFailed: 'The export failed: {detail}',
    cancel: 'Cancel export',
    cancelled: 'Export cancelled: no file was written',
    progressLabel: 'Export progress',
    writingRows: 'Writing {done} of {total, plural, one {# lead} other {# leads}}…',
    zipping: 'Compressing the workbook…',
    writerFailed: 'the workbook writer stopped ({message}). The page and the loaded leads are unaffected; try again, or export CSV',
  },
  {
    es: {
      exportCsv: 'Exportar CSV',
      exportHint:
        'Descargar todos los leads de esta vista con las columnas visibles (primero los carga todos). Separado por «;» y con coma decimal, como lo abre Excel en español',
      exportXlsx: 'Exportar XLSX',
      exportXlsxHint: 'Descargar todos los leads de esta vista como libro de Excel: números y fechas como celdas reales (primero los carga todos)',
      sheetName: 'Leads',
      exporting: 'Preparando el archivo…',
      exportFailed: 'La exportación falló: {detail}',
      cancel: 'Cancelar exportación',
      cancelled: 'Exportación cancelada: no se escribió ningún archivo',
      progressLabel: 'Progreso de la exportación',
      writingRows: 'Escribiendo {done} de {total, plural, one {# lead} other {# leads}}…',
      zipping: 'Comprimiendo el libro…',
      writerFailed: 'el generador del libro se detuvo ({message}). La página y los leads cargados siguen intactos; inténtelo de nuevo o exporte CSV',
    },
    pt: {
      exportCsv: 'Exportar CSV',
      exportHint:
        'Baixar todos os leads desta visualização com as colunas visíveis (carrega todos antes). Separado por «;» e com vírgula decimal, como o Excel em português abre',
      exportXlsx: 'Exportar XLSX',
      exportXlsxHint:
        'Baixar todos os leads desta visualização como pasta de trabalho do Excel: números e datas como células reais (carrega todos antes)',
      sheetName: 'Leads',
      exporting: 'Preparando o arquivo…',
      exportFailed: 'A exportação falhou: {detail}',
      cancel: 'Cancelar exportação',
      cancelled: 'Exportação cancelada: nenhum arquivo foi gravado',
      progressLabel: 'Progresso da exportação',
      writingRows: 'Gravando {done} de {total, plural, one {# lead} other {# leads}}…',
      zipping: 'Compactando a pasta de trabalho…',
      writerFailed:
        'o gerador da pasta de trabalho parou ({message}). A página e os leads carregados continuam intactos; tente de novo ou exporte CSV',
    },
  },
);
