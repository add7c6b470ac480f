import { Group, Table, UnstyledButton } from '@mantine/core';

export type BucketRow = {
  key: string;
  label: string;
  color: string | null;
  count: number;
  sum: number;
  onApply: (() => void) | null;
  applyLabel: string;
};

export type BucketTableProps = { rows: BucketRow[]; countLabel: string; sumLabel: string; money: (n: number) => string; number: Intl.NumberFormat };

/** The chart's numbers as a table: readable by screen readers, and each row applies its filter by keyboard. */
export function BucketTable({ rows, countLabel, sumLabel, money, number }: BucketTableProps) {
  return (
    <Table striped withTableBorder fz="xs" verticalSpacing={2}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          <Table.Th ta="end">{countLabel}</Table.Th>
          <Table.Th ta="end">{sumLabel}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                {r.color ? <span aria-hidden="true" style={{ width: 10, height: 10, borderRadius: 2, background: r.color, flex: 'none' }} /> : null}
                {r.onApply ? (
                  <UnstyledButton fz="xs" td="underline" aria-label={r.applyLabel} onClick={r.onApply}>
                    {r.label}
                  </UnstyledButton>
                ) : (
                  r.label
                )}
              </Group>
            </Table.Td>
            <Table.Td ta="end">{number.format(r.count)}</Table.Td>
            <Table.Td ta="end">{money(r.sum)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
