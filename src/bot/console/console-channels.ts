/** The console's channels: a few fixed rooms, like a fresh Slack workspace. */
export interface ConsoleChannel {
  id: string;
  name: string;
}

export const CONSOLE_WORKSPACE = 'local';
export const CONSOLE_USER = 'local-user';

export const CONSOLE_CHANNELS: readonly ConsoleChannel[] = [
  { id: 'general', name: 'general' },
  { id: 'sales', name: 'sales' },
  { id: 'marketing', name: 'marketing' },
];
