import { Drawer, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { QueueMessage } from '@understudy/contracts';
import { useState } from 'react';
import { notifyError, notifySuccess } from '../../../components/ui/notify';
import { PagedFeed } from '../../../components/ui/paged-feed';
import { useClearQueueMessages } from '../api/clear-queue-messages';
import type { MessageFilters } from '../api/get-queue-messages';
import { usePublishMessage } from '../api/publish-message';
import { useLiveMessages } from '../hooks/use-live-messages';
import { republishRequest } from '../utils/publish-form';
import { MessageDetail } from './message-detail';
import { MessagesTable } from './messages-table';
import { MessagesToolbar, NO_FILTERS, type FilterInputs } from './messages-toolbar';

interface MessagesPanelProps {
  queue: string;
  /** The owner and admins may clear the kept messages. */
  canEdit: boolean;
  /** Opens the publish form filled in from a message. */
  onEditAndPublish: (message: QueueMessage) => void;
}

const toIso = (local: string) => {
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
};

function toFilters(inputs: FilterInputs, text: string): MessageFilters {
  const since = toIso(inputs.since);
  const until = toIso(inputs.until);
  return {
    ...(text && { q: text }),
    ...(inputs.headers.length > 0 && { header: inputs.headers }),
    ...(since && { since }),
    ...(until && { until }),
  };
}

/** Filters, then the live list of messages; a message opens in a drawer. */
export function MessagesPanel({ queue, canEdit, onEditAndPublish }: MessagesPanelProps) {
  const [inputs, setInputs] = useState<FilterInputs>(NO_FILTERS);
  const [text] = useDebouncedValue(inputs.text.trim(), 300);
  const filters = toFilters(inputs, text);
  const [paused, setPaused] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const live = useLiveMessages(queue, filters, paused);
  const clear = useClearQueueMessages();
  const republish = usePublishMessage();
  const selected = live.messages.find((message) => message.id === selectedId) ?? null;
  const filtered = Object.keys(filters).length > 0;

  const togglePause = () => {
    if (paused) live.release();
    setPaused(!paused);
  };
  const clearMessages = () =>
    clear.mutate(queue, {
      onSuccess: ({ deleted }) => {
        live.forget();
        setSelectedId(null);
        notifySuccess(`${deleted} kept message(s) forgotten`);
      },
      onError: (error) => notifyError('Could not clear the messages', error),
    });
  const republishSelected = (message: QueueMessage) =>
    republish.mutate(
      { queue, message: republishRequest(message) },
      {
        onSuccess: ({ messageId }) =>
          notifySuccess(`Re-published #${message.id}: confirmed as ${messageId ?? 'sent'}`),
        onError: (error) => notifyError(`Could not re-publish #${message.id}`, error),
      },
    );

  const { pages } = live;
  return (
    <Stack gap="sm">
      <MessagesToolbar
        inputs={inputs}
        onInputs={setInputs}
        status={live.status}
        paused={paused}
        heldCount={live.heldCount}
        onTogglePause={togglePause}
        onClear={clearMessages}
        clearing={clear.isPending}
        canClear={canEdit}
      />
      <PagedFeed
        pages={pages}
        count={live.messages.length}
        loadingLabel="Loading the messages"
        errorTitle="Could not load the messages"
        emptyText={`No messages yet${filtered ? ' that match the filters' : ''}. They appear here as they arrive.`}
        olderLabel="Load older messages"
      >
        <MessagesTable
          messages={live.messages}
          selectedId={selectedId}
          onSelect={(m) => setSelectedId(m.id)}
        />
      </PagedFeed>
      <Drawer
        opened={selected !== null}
        onClose={() => setSelectedId(null)}
        position="right"
        size={680}
        title="Message"
      >
        {selected && (
          <MessageDetail
            message={selected}
            onRepublish={() => republishSelected(selected)}
            republishing={republish.isPending}
            onEditAndPublish={() => {
              setSelectedId(null);
              onEditAndPublish(selected);
            }}
          />
        )}
      </Drawer>
    </Stack>
  );
}
