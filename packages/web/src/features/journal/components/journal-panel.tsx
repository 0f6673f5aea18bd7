import { Drawer, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { notifyError } from '../../../components/ui/notify';
import { PagedFeed } from '../../../components/ui/paged-feed';
import { useClearJournal } from '../api/clear-journal';
import type { JournalFilters } from '../api/get-journal';
import { useLiveJournal } from '../hooks/use-live-journal';
import { EntryDetail } from './entry-detail';
import { JournalTable } from './journal-table';
import { JournalToolbar } from './journal-toolbar';

interface JournalPanelProps {
  service: string;
  /** The owner and admins may clear the journal and create stubs. */
  canEdit: boolean;
}

/** The Journal tab: filters, then the live list of calls; a call opens in a drawer. */
export function JournalPanel({ service, canEdit }: JournalPanelProps) {
  const [choice, setChoice] = useState<JournalFilters>({});
  const [pathText, setPathText] = useState('');
  const [path] = useDebouncedValue(pathText.trim(), 300);
  const filters: JournalFilters = { ...choice, ...(path && { path }) };
  // A new filter is a new list: remount, so the live entries start afresh.
  return (
    <LiveJournal
      key={`${service}:${JSON.stringify(filters)}`}
      service={service}
      canEdit={canEdit}
      filters={filters}
      toolbar={{ pathText, onPathText: setPathText, onFilters: setChoice }}
    />
  );
}

interface LiveJournalProps extends JournalPanelProps {
  filters: JournalFilters;
  toolbar: {
    pathText: string;
    onPathText: (text: string) => void;
    onFilters: (filters: JournalFilters) => void;
  };
}

function LiveJournal({ service, canEdit, filters, toolbar }: LiveJournalProps) {
  const [paused, setPaused] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const journal = useLiveJournal(service, filters, paused);
  const clear = useClearJournal();
  const selected = journal.entries.find((entry) => entry.id === selectedId) ?? null;

  const togglePause = () => {
    if (paused) journal.release();
    setPaused(!paused);
  };
  const clearJournal = () =>
    clear.mutate(service, {
      onSuccess: () => {
        journal.forget();
        setSelectedId(null);
      },
      onError: (error) => notifyError('Could not clear the journal', error),
    });

  const { pages } = journal;
  return (
    <Stack gap="sm">
      <JournalToolbar
        {...toolbar}
        filters={filters}
        status={journal.status}
        paused={paused}
        heldCount={journal.heldCount}
        onTogglePause={togglePause}
        onClear={clearJournal}
        clearing={clear.isPending}
        canClear={canEdit}
      />
      <PagedFeed
        pages={pages}
        count={journal.entries.length}
        loadingLabel="Loading the journal"
        errorTitle="Could not load the journal"
        emptyText={`No calls yet${Object.keys(filters).length > 0 ? ' that match the filters' : ''}. They appear here as they arrive.`}
        olderLabel="Load older calls"
      >
        <JournalTable
          entries={journal.entries}
          selectedId={selectedId}
          onSelect={(e) => setSelectedId(e.id)}
        />
      </PagedFeed>
      <Drawer
        opened={selected !== null}
        onClose={() => setSelectedId(null)}
        position="right"
        size={720}
        title="Call"
      >
        {selected && <EntryDetail entry={selected} canCreateStub={canEdit} />}
      </Drawer>
    </Stack>
  );
}
