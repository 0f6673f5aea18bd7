import { Button } from '@mantine/core';
import { Link } from 'react-router';

interface EditLinkButtonProps {
  /** The editor's path; it opens read-only for someone who may not change the item. */
  to: string;
  canEdit: boolean;
  /** Names the item for screen readers and tests ("Edit <label>"). */
  label: string;
}

/** A row's link to its editor: "Edit" for who may change the item, "View" for everyone else. */
export function EditLinkButton({ to, canEdit, label }: EditLinkButtonProps) {
  const verb = canEdit ? 'Edit' : 'View';
  return (
    <Button component={Link} to={to} variant="default" size="xs" aria-label={`${verb} ${label}`}>
      {verb}
    </Button>
  );
}
