import { Button, Center, Loader, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from './error-alert';

/** What the feed needs of an infinite query. */
interface PagedQuery {
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  error: Error | null;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

interface PagedFeedProps {
  pages: PagedQuery;
  /** How many items are shown (fetched and live). */
  count: number;
  loadingLabel: string;
  errorTitle: string;
  emptyText: string;
  olderLabel: string;
  /** The list itself, shown once there is something in it. */
  children: ReactNode;
}

/** A list fetched page by page: loading, failed or empty states, the list, then "load older". */
export function PagedFeed({
  pages,
  count,
  loadingLabel,
  errorTitle,
  emptyText,
  olderLabel,
  children,
}: PagedFeedProps) {
  return (
    <>
      {pages.isPending && (
        <Center p="xl">
          <Loader aria-label={loadingLabel} />
        </Center>
      )}
      {pages.isError && <ErrorAlert error={pages.error} title={errorTitle} />}
      {pages.isSuccess && count === 0 && (
        <Paper withBorder p="xl" radius="md">
          <Text c="dimmed" ta="center">
            {emptyText}
          </Text>
        </Paper>
      )}
      {count > 0 && children}
      {pages.hasNextPage && (
        <Center>
          <Button
            variant="default"
            onClick={() => void pages.fetchNextPage()}
            loading={pages.isFetchingNextPage}
          >
            {olderLabel}
          </Button>
        </Center>
      )}
    </>
  );
}
