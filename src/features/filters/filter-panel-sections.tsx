// The filter form's sections; each reads the form through useFormContext (the panel owns it).
import { Alert, Checkbox, Group, MultiSelect, SegmentedControl, Select, Stack, Switch, TagsInput, TextInput, Title } from '@mantine/core';
import { Controller, useFormContext, type FieldPath } from 'react-hook-form';
import type { Pipeline } from '@/kommo/pipeline-schema';
import type { User } from '@/kommo/user-schema';
import { useMessages } from '@/lib/i18n/language-context';
import { DateRangeField } from './date-range-field';
import { DROPDOWN_IN_DRAWER } from './dropdown-in-drawer';
import { USER_FILTER_FIELDS, WITH_TOGGLES, type FilterFormValues } from './filter-form-values';
import { WITH_LABEL } from './filter-chips';
import { filtersMessages, type FiltersMessageKey } from './filters-messages';
import { StageTree } from './stage-tree';
import { UserMultiSelect } from './user-multi-select';

function useFieldError() {
  const { formState } = useFormContext<FilterFormValues>();
  return (field: FieldPath<FilterFormValues>): string | undefined => {
    const e = (formState.errors as Record<string, { message?: string } | undefined>)[field];
    return e?.message || undefined;
  };
}

// IDs pasted as "1, 2 3" become separate values.
const ID_SPLIT = /[\s,;]+/;

export function SearchSection() {
  const t = useMessages(filtersMessages);
  const { register, control, watch } = useFormContext<FilterFormValues>();
  const error = useFieldError();
  const priceMode = watch('priceMode');
  return (
    <Stack gap="sm">
      <TextInput label={t('search')} description={t('searchHint')} error={error('query')} {...register('query')} />
      <Controller
        control={control}
        name="ids"
        render={({ field }) => (
          <TagsInput
            label={t('ids')}
            description={t('idsHint')}
            value={field.value}
            onChange={(v) => field.onChange(v.flatMap((x) => x.split(ID_SPLIT)).filter(Boolean))}
            splitChars={[',', ' ', ';']}
            error={error('ids')}
            clearable
          />
        )}
      />
      <Controller
        control={control}
        name="names"
        render={({ field }) => (
          <TagsInput
            label={t('names')}
            description={t('namesHint')}
            value={field.value}
            onChange={field.onChange}
            splitChars={[]}
            error={error('names')}
            clearable
          />
        )}
      />
      <Stack gap={4}>
        <Group justify="space-between">
          <Title order={4} size="h6">
            {t('price')}
          </Title>
          <Controller
            control={control}
            name="priceMode"
            render={({ field }) => (
              <SegmentedControl
                size="xs"
                value={field.value}
                onChange={(v) => field.onChange(v === 'range' ? 'range' : 'exact')}
                data={[
                  { value: 'exact', label: t('priceExactMode') },
                  { value: 'range', label: t('priceRangeMode') },
                ]}
              />
            )}
          />
        </Group>
        {priceMode === 'exact' ? (
          <TextInput label={t('priceExact')} inputMode="numeric" error={error('priceExact')} {...register('priceExact')} />
        ) : (
          <Group grow align="flex-start">
            <TextInput label={t('priceFrom')} inputMode="numeric" error={error('priceFrom')} {...register('priceFrom')} />
            <TextInput label={t('priceTo')} inputMode="numeric" error={error('priceTo')} {...register('priceTo')} />
          </Group>
        )}
      </Stack>
    </Stack>
  );
}

const USER_LABEL: Record<(typeof USER_FILTER_FIELDS)[number], FiltersMessageKey> = {
  responsible_user_id: 'responsible',
  created_by: 'createdBy',
  updated_by: 'updatedBy',
};

export function PeopleSection({ users }: { users: User[] }) {
  const t = useMessages(filtersMessages);
  const { control } = useFormContext<FilterFormValues>();
  const error = useFieldError();
  return (
    <Stack gap="sm">
      {USER_FILTER_FIELDS.map((name) => (
        <Controller
          key={name}
          control={control}
          name={name}
          render={({ field }) => (
            <UserMultiSelect label={t(USER_LABEL[name])} users={users} value={field.value} onChange={field.onChange} error={error(name)} />
          )}
        />
      ))}
    </Stack>
  );
}

export function PipelineSection({ pipelines }: { pipelines: Pipeline[] }) {
  const t = useMessages(filtersMessages);
  const { control, watch } = useFormContext<FilterFormValues>();
  const error = useFieldError();
  const chosenPipelines = watch('pipeline_id');
  return (
    <Stack gap="sm">
      <Controller
        control={control}
        name="pipeline_id"
        render={({ field }) => {
          const known = new Set(pipelines.map((p) => String(p.id)));
          const data = [
            ...pipelines.map((p) => ({ value: String(p.id), label: p.name })),
            ...field.value.filter((v) => !known.has(v)).map((v) => ({ value: v, label: t('unknownPipeline', { id: v }) })),
          ];
          return (
            <MultiSelect
              label={t('pipelines')}
              placeholder={field.value.length ? undefined : t('pickPipelines')}
              data={data}
              value={field.value}
              onChange={field.onChange}
              searchable
              clearable
              error={error('pipeline_id')}
              comboboxProps={DROPDOWN_IN_DRAWER}
            />
          );
        }}
      />
      <Controller
        control={control}
        name="stages"
        render={({ field }) => (
          <StageTree
            pipelines={pipelines}
            chosenPipelineIds={chosenPipelines}
            value={field.value}
            onChange={field.onChange}
            error={error('stages')}
          />
        )}
      />
    </Stack>
  );
}

const DATE_SECTIONS = [
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
  ['closed_at', 'closedAt'],
  ['closest_task_at', 'closestTaskAt'],
] as const;

export function DatesSection({ timezone }: { timezone: string }) {
  const t = useMessages(filtersMessages);
  const { control } = useFormContext<FilterFormValues>();
  const error = useFieldError();
  return (
    <Stack gap="sm">
      {DATE_SECTIONS.map(([name, label]) => (
        <Controller
          key={name}
          control={control}
          name={name}
          render={({ field }) => (
            <DateRangeField label={t(label)} value={field.value} onChange={field.onChange} timezone={timezone} error={error(name)} />
          )}
        />
      ))}
      <Controller
        control={control}
        name="withoutTasks"
        render={({ field }) => (
          <Switch
            label={t('withoutTasks')}
            description={t('withoutTasksHint')}
            checked={field.value}
            onChange={(e) => field.onChange(e.currentTarget.checked)}
            error={error('withoutTasks')}
          />
        )}
      />
    </Stack>
  );
}

// Mantine's Select treats '' as "nothing picked"; Kommo's default order is a real choice here.
const DEFAULT_ORDER = 'default';

export function OrderAndModeSection() {
  const t = useMessages(filtersMessages);
  const { control, watch } = useFormContext<FilterFormValues>();
  const deletedOnly = watch('deletedOnly');
  return (
    <Stack gap="sm">
      <Group grow align="flex-end">
        <Controller
          control={control}
          name="orderField"
          render={({ field }) => (
            <Select
              label={t('orderField')}
              value={field.value || DEFAULT_ORDER}
              onChange={(v) => field.onChange(v === 'created_at' || v === 'updated_at' || v === 'id' ? v : '')}
              allowDeselect={false}
              comboboxProps={DROPDOWN_IN_DRAWER}
              data={[
                { value: DEFAULT_ORDER, label: t('orderDefault') },
                { value: 'created_at', label: t('orderCreatedAt') },
                { value: 'updated_at', label: t('orderUpdatedAt') },
                { value: 'id', label: t('orderId') },
              ]}
            />
          )}
        />
        <Controller
          control={control}
          name="orderDirection"
          render={({ field }) => (
            <SegmentedControl
              aria-label={t('orderDirection')}
              value={field.value}
              onChange={(v) => field.onChange(v === 'asc' ? 'asc' : 'desc')}
              disabled={!watch('orderField')}
              data={[
                { value: 'asc', label: t('orderAsc') },
                { value: 'desc', label: t('orderDesc') },
              ]}
            />
          )}
        />
      </Group>
      <Controller
        control={control}
        name="with"
        render={({ field }) => (
          <Checkbox.Group label={t('withTitle')} value={field.value} onChange={(v) => field.onChange(WITH_TOGGLES.filter((w) => v.includes(w)))}>
            <Group gap="sm" mt={4}>
              {WITH_TOGGLES.map((w) => (
                <Checkbox key={w} value={w} label={t(WITH_LABEL[w])} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
      />
      <Controller
        control={control}
        name="deletedOnly"
        render={({ field }) => <Switch label={t('deletedMode')} checked={field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} />}
      />
      {deletedOnly && (
        <Alert color="yellow" variant="light">
          {t('deletedModeHint')}
        </Alert>
      )}
    </Stack>
  );
}
