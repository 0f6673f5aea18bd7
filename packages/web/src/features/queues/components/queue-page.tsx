import { Modal, Stack } from '@mantine/core';
import type { QueueMessage, QueueMock } from '@understudy/contracts';
import { useState } from 'react';
import { emptyPublishForm, formFromMessage, type PublishFormValue } from '../utils/publish-form';
import { MessagesPanel } from './messages-panel';
import { PublishForm } from './publish-form';
import { QueueHeader } from './queue-header';
import { RateChart } from './rate-chart';

interface QueuePageProps {
  mock: QueueMock;
  canEdit: boolean;
}

/** One queue mock: its status and settings, the message rate, the live messages, and publishing. */
export function QueuePage({ mock, canEdit }: QueuePageProps) {
  // The form to publish with, or null when closed; each opening starts from its own draft.
  const [draft, setDraft] = useState<{ value: PublishFormValue; key: number } | null>(null);
  const openPublish = (value: PublishFormValue) => setDraft({ value, key: Date.now() });
  return (
    <Stack gap="lg">
      <QueueHeader mock={mock} canEdit={canEdit} onPublish={() => openPublish(emptyPublishForm())} />
      <RateChart queue={mock.id} />
      <MessagesPanel
        queue={mock.id}
        canEdit={canEdit}
        onEditAndPublish={(message: QueueMessage) => openPublish(formFromMessage(message))}
      />
      <Modal opened={draft !== null} onClose={() => setDraft(null)} title="Publish a message" size="lg">
        {draft && (
          <PublishForm key={draft.key} mock={mock} initial={draft.value} onClose={() => setDraft(null)} />
        )}
      </Modal>
    </Stack>
  );
}
