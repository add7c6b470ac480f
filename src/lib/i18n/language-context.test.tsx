// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LanguageProvider, useLanguage } from './language-context';

function Probe() {
  const { language, locale, setLanguage } = useLanguage();
  return (
    <div>
      <output data-testid="language">{`${language} ${locale}`}</output>
      <button type="button" onClick={() => setLanguage('en')}>
        choose en
      </button>
    </div>
  );
}

const shown = () => screen.getByTestId('language').textContent;
const ui = (preferred: string | null) => (
  <LanguageProvider preferred={preferred}>
    <Probe />
  </LanguageProvider>
);

afterEach(() => window.localStorage.clear());

describe('LanguageProvider', () => {
  it('starts in Kommo’s language when one is given', () => {
    window.localStorage.setItem('klb.language', 'pt');
    render(ui('es'));
    expect(shown()).toBe('es es-ES');
    expect(document.documentElement.lang).toBe('es');
  });

  it('follows Kommo’s context when it arrives later or changes', () => {
    const { rerender } = render(ui(null));
    expect(shown()).toBe('en en-US');
    rerender(ui('pt-BR'));
    expect(shown()).toBe('pt pt-BR');
    rerender(ui('es'));
    expect(shown()).toBe('es es-ES');
    expect(document.documentElement.lang).toBe('es');
  });

  it('keeps the user’s explicit choice when the same Kommo language is sent again, until it changes', () => {
    const { rerender } = render(ui('es'));
    act(() => fireEvent.click(screen.getByRole('button', { name: 'choose en' })));
    expect(shown()).toBe('en en-US');
    rerender(ui('es'));
    expect(shown()).toBe('en en-US');
    rerender(ui('pt'));
    expect(shown()).toBe('pt pt-BR');
  });

  it('ignores a Kommo language the product does not speak', () => {
    const { rerender } = render(ui('es'));
    rerender(ui('ru'));
    expect(shown()).toBe('es es-ES');
    // Back to a spoken one after an unspoken one is a change again.
    act(() => fireEvent.click(screen.getByRole('button', { name: 'choose en' })));
    rerender(ui('es'));
    expect(shown()).toBe('es es-ES');
  });
});
