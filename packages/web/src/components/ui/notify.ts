import { notifications } from '@mantine/notifications';

/** For failures of actions that have no form to show them in (table buttons, menus). */
export function notifyError(title: string, error: Error): void {
  notifications.show({ color: 'red', title, message: error.message, autoClose: 8000 });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message, autoClose: 4000 });
}
