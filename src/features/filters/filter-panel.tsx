// Mantine's styles of the components only the filter panel draws (the first screen's are in the app
// shell), before the dates package's, as Mantine asks.
import '@mantine/core/styles/Overlay.css';
import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Drawer.css';
import '@mantine/core/styles/Accordion.css';
import '@mantine/core/styles/Combobox.css';
import '@mantine/core/styles/Fieldset.css';
import '@mantine/core/styles/PillsInput.css';
import '@mantine/core/styles/Switch.css';
import '@mantine/dates/styles.css';
import { Accordion, Button, Group, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo } from 'react';
import { FormProvider, useForm, type FieldErrors, type Resolver } from 'react-hook-form';
import type { LeadsQuery } from '@/kommo/leads-query';
import { useMessages } from '@/lib/i18n/language-context';
import { SideDrawer } from '@/lib/ui/side-drawer';
import { EMPTY_FILTER_FORM, formValuesFromQuery, queryFromFormValues, validateFilterForm, type FilterFormValues } from './filter-form-values';
import { DRAWER_FOOTER_Z } from './dropdown-in-drawer';
import { DatesSection, OrderAndModeSection, PeopleSection, PipelineSection, SearchSection } from './filter-panel-sections';
import { filtersMessages } from './filters-messages';
import type { FilterReference } from './use-filter-reference';

export type FilterPanelProps = {
  opened: boolean;
  onClose: () => void;
  /** The view the URL shows: the form always starts from it and is reset whenever it changes. */
  query: LeadsQuery;
  reference: FilterReference;
  onApply: (next: LeadsQuery) => void;
};

export function FilterPanel({ opened, onClose, query, reference, onApply }: FilterPanelProps) {
  const t = useMessages(filtersMessages);
  const zone = reference.timezone;
  const fromUrl = useMemo(() => formValuesFromQuery(query, zone), [query, zone]);

  const resolver = useCallback<Resolver<FilterFormValues>>(
    (values) => {
      const issues = validateFilterForm(values);
      if (!issues.length) return { values, errors: {} };
      const errors: Record<string, { type: string; message: string }> = {};
      for (const issue of issues) errors[issue.field] ??= { type: 'validate', message: t(issue.key, issue.values) };
      return { values: {}, errors: errors as FieldErrors<FilterFormValues> };
    },
    [t],
  );

  const form = useForm<FilterFormValues>({ defaultValues: fromUrl, resolver, mode: 'onSubmit', reValidateMode: 'onChange' });
  const { reset, handleSubmit } = form;

  // Back/forward, a chip removed, a saved view applied: the form shows the URL's view again.
  useEffect(() => reset(fromUrl), [fromUrl, reset]);

  const handleApply = handleSubmit((values) => {
    onApply(queryFromFormValues(values, zone, query));
    onClose();
  });

  // Closed without Apply (Esc, ×, a click outside): the draft goes, so the next opening shows the view as it is.
  const handleClose = () => {
    reset(fromUrl);
    onClose();
  };

  return (
    <SideDrawer
      opened={opened}
      onClose={handleClose}
      title={t('panelTitle')}
      position="right"
      size="lg"
      closeLabel={t('close')}
      // The bar hands focus back to its Filters button itself: Mantine's return misses the first opening (the drawer mounts open).
      returnFocus={false}
    >
      {' '}
      <FormProvider {...form}>
        <form onSubmit={handleApply} noValidate aria-label={t('panelTitle')}>
          <Stack gap="md">
            {reference.loading && (
              <Text size="xs" c="dimmed">
                {t('referenceLoading')}
              </Text>
            )}
            <Accordion order={3} multiple defaultValue={['search', 'people', 'stages', 'dates', 'order']} variant="separated">
              <Accordion.Item value="search">
                <Accordion.Control>{t('sectionSearch')}</Accordion.Control>
                <Accordion.Panel>
                  <SearchSection />
                </Accordion.Panel>
              </Accordion.Item>
              <Accordion.Item value="people">
                <Accordion.Control>{t('people')}</Accordion.Control>
                <Accordion.Panel>
                  <PeopleSection users={reference.users} />
                </Accordion.Panel>
              </Accordion.Item>
              <Accordion.Item value="stages">
                <Accordion.Control>{t('sectionStages')}</Accordion.Control>
                <Accordion.Panel>
                  <PipelineSection pipelines={reference.pipelines} />
                </Accordion.Panel>
              </Accordion.Item>
              <Accordion.Item value="dates">
                <Accordion.Control>{t('dates')}</Accordion.Control>
                <Accordion.Panel>
                  <Text size="xs" c="dimmed" mb="xs">
                    {t('datesHint', { zone })}
                  </Text>
                  <DatesSection timezone={zone} />
                </Accordion.Panel>
              </Accordion.Item>
              <Accordion.Item value="order">
                <Accordion.Control>{t('sectionOrder')}</Accordion.Control>
                <Accordion.Panel>
                  <OrderAndModeSection />
                </Accordion.Panel>
              </Accordion.Item>
            </Accordion>
            <Group
              justify="space-between"
              pos="sticky"
              bottom={0}
              py="xs"
              bg="var(--mantine-color-body)"
              style={{ zIndex: DRAWER_FOOTER_Z }}
              data-testid="filter-footer"
            >
              <Group gap="xs">
                <Button variant="default" onClick={() => reset(fromUrl)}>
                  {t('reset')}
                </Button>
                <Button variant="subtle" onClick={() => reset(EMPTY_FILTER_FORM)}>
                  {t('clearAll')}
                </Button>
              </Group>
              <Button type="submit">{t('apply')}</Button>
            </Group>
          </Stack>
        </form>
      </FormProvider>
    </SideDrawer>
  );
}
