import { describe, expect, it } from 'vitest';
import { formatMessage } from './define-messages';

const STAGES = '{count, plural, one {# etapa selecionada} other {# etapas selecionadas}}';

describe('formatMessage plurals', () => {
  it('puts zero in the plural in Portuguese, as Brazilian usage does (CLDR says "one")', () => {
    expect(formatMessage(STAGES, { count: 0 }, 'pt-BR')).toBe('0 etapas selecionadas');
    expect(formatMessage(STAGES, { count: 1 }, 'pt-BR')).toBe('1 etapa selecionada');
    expect(formatMessage(STAGES, { count: 2 }, 'pt-BR')).toBe('2 etapas selecionadas');
  });

  it('leaves other languages to Intl (Spanish and English zero are plural already)', () => {
    expect(formatMessage('{count, plural, one {# etapa} other {# etapas}}', { count: 0 }, 'es')).toBe('0 etapas');
    expect(formatMessage('{count, plural, one {# lead} other {# leads}}', { count: 1 }, 'en-US')).toBe('1 lead');
  });
});
