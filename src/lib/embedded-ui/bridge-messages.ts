// UI strings of the embedding: the mode badge (where the data comes from) and the start error.
import { defineMessages } from '@/lib/i18n/define-messages';

export const bridgeMessages = defineMessages(
  {
    modeDemo: 'Demo account',
    modeDemoHint: 'Generated demo data served by this server: nothing here is a real customer.',
    modeKommo: 'Kommo',
    modeKommoLabel: 'Kommo · {account}',
    modeStandaloneHint: 'Data comes through this server’s Kommo connection.',
    modeEmbeddedLabel: 'In Kommo · {account} · {user}',
    modeEmbeddedHint: 'Account {subdomain}, signed in as {user}. Data comes with your own Kommo rights.',
    errorTitle: 'Cannot connect to Kommo',
    errorConfig: 'The dashboard could not load its settings. Reload the page; if it persists, check the dashboard server.',
    errorParent: 'This page ({origin}) is not allowed to embed the dashboard. Add it to FRAME_ANCESTORS on the dashboard server.',
    errorNoAnswer:
      'The Kommo widget did not answer. Reload the page; if it persists, check that the widget is installed and its dashboard URL is right.',
    unknownOrigin: 'unknown origin',
  },
  {
    es: {
      modeDemo: 'Cuenta de demostración',
      modeDemoHint: 'Datos de demostración generados por este servidor: nada aquí es un cliente real.',
      modeKommo: 'Kommo',
      modeKommoLabel: 'Kommo · {account}',
      modeStandaloneHint: 'Los datos llegan por la conexión a Kommo de este servidor.',
      modeEmbeddedLabel: 'En Kommo · {account} · {user}',
      modeEmbeddedHint: 'Cuenta {subdomain}, sesión de {user}. Los datos llegan con tus propios permisos de Kommo.',
      errorTitle: 'No se puede conectar con Kommo',
      errorConfig: 'El panel no pudo cargar su configuración. Recarga la página; si persiste, revisa el servidor del panel.',
      errorParent: 'Esta página ({origin}) no puede incrustar el panel. Añádela a FRAME_ANCESTORS en el servidor del panel.',
      errorNoAnswer:
        'El widget de Kommo no respondió. Recarga la página; si persiste, comprueba que el widget esté instalado y que su URL del panel sea correcta.',
      unknownOrigin: 'origen desconocido',
    },
    pt: {
      modeDemo: 'Conta de demonstração',
      modeDemoHint: 'Dados de demonstração gerados por este servidor: nada aqui é um cliente real.',
      modeKommo: 'Kommo',
      modeKommoLabel: 'Kommo · {account}',
      modeStandaloneHint: 'Os dados chegam pela conexão com o Kommo deste servidor.',
      modeEmbeddedLabel: 'No Kommo · {account} · {user}',
      modeEmbeddedHint: 'Conta {subdomain}, sessão de {user}. Os dados chegam com as suas próprias permissões do Kommo.',
      errorTitle: 'Não foi possível conectar ao Kommo',
      errorConfig: 'O painel não conseguiu carregar suas configurações. Recarregue a página; se persistir, verifique o servidor do painel.',
      errorParent: 'Esta página ({origin}) não pode incorporar o painel. Adicione-a a FRAME_ANCESTORS no servidor do painel.',
      errorNoAnswer:
        'O widget do Kommo não respondeu. Recarregue a página; se persistir, verifique se o widget está instalado e se a URL do painel está correta.',
      unknownOrigin: 'origem desconhecida',
    },
  },
);
