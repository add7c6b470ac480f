// The naive baseline: a plain Mantine <Table> with every row in the DOM (no virtualization).
import { Table } from '@mantine/core';
import { useEffect } from 'react';
import type { Lead } from '../../src/kommo/lead-schema';
import type { ReferenceColumn } from './reference-columns';

export const REFERENCE_ROW_HEIGHT = 40;

export type NaiveMantineTableProps = { leads: readonly Lead[]; columns: readonly ReferenceColumn[]; onRendered: () => void };

export function NaiveMantineTable({ leads, columns, onRendered }: NaiveMantineTableProps) {
  useEffect(onRendered, [onRendered]);
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  return (
    <div data-testid="reference-scroll" style={{ height: '100vh', overflow: 'auto' }}>
      <Table stickyHeader layout="fixed" w={width} striped highlightOnHover>
        <colgroup>
          {columns.map((c) => (
            <col key={c.id} style={{ width: c.width }} />
          ))}
        </colgroup>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.id}>{c.header}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {leads.map((lead) => (
            <Table.Tr key={lead.id} h={REFERENCE_ROW_HEIGHT} data-bench-row="">
              {columns.map((c) => (
                <Table.Td
                  key={c.id}
                  style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', textAlign: c.end ? 'right' : undefined }}
                >
                  {c.text(lead)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
