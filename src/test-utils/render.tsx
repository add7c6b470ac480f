// The provider stack of the app for component tests (Mantine's test-utils habit): Mantine in test
// mode, a React Query client without retries, a Kommo client, the language and a fresh store of
// column choices, so each test starts from nothing and states only what it is about.
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { createFakeTransport, noContent, type FakeHandler } from '@/lib/api/fake-transport.testing';
import { createKommoClient, type KommoClient } from '@/lib/api/kommo-client';
import { KommoClientProvider } from '@/lib/api/kommo-client-context';
import { LanguageProvider } from '@/lib/i18n/language-context';
import { ColumnPreferencesProvider } from '@/lib/leads-list/column-preferences-context';

export type RenderWithProvidersOptions = {
  /** The Kommo client; by default one over a fake transport answering `answer` (204 for everything). */
  client?: KommoClient;
  answer?: FakeHandler;
  queryClient?: QueryClient;
  /** The preferred language; null follows the browser. */
  language?: string | null;
  /** Extra providers between the stack and the component (e.g. the app mode). */
  wrap?: (children: ReactNode) => ReactNode;
};

export type RenderWithProvidersResult = RenderResult & {
  client: KommoClient;
  queryClient: QueryClient;
  /** Renders another element inside the same providers (and the same stores). */
  rerenderWithProviders(ui: ReactElement): void;
};

export function testKommoClient(answer: FakeHandler = () => noContent): KommoClient {
  return createKommoClient(createFakeTransport(answer), { maxRetries: 0, ratePerSecond: 1000 });
}

export function renderWithProviders(ui: ReactElement, options: RenderWithProvidersOptions = {}): RenderWithProvidersResult {
  const client = options.client ?? testKommoClient(options.answer);
  const queryClient = options.queryClient ?? new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const language = options.language === undefined ? 'en' : options.language;
  const wrap = options.wrap ?? ((children: ReactNode) => children);
  const providers = (children: ReactNode) => (
    <MantineProvider env="test">
      <QueryClientProvider client={queryClient}>
        <KommoClientProvider client={client}>
          <LanguageProvider preferred={language}>
            <ColumnPreferencesProvider>{wrap(children)}</ColumnPreferencesProvider>
          </LanguageProvider>
        </KommoClientProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
  const view = render(providers(ui));
  return { ...view, client, queryClient, rerenderWithProviders: (next) => view.rerender(providers(next)) };
}
