/** Our lower-case platform names ↔ the database enum. */
import type { Platform } from '../core/chat-event.ts';
import type { Platform as DbPlatform } from './generated/prisma/enums.ts';

const TO_DB: Record<Platform, DbPlatform> = { slack: 'SLACK', gchat: 'GCHAT', console: 'CONSOLE' };
const FROM_DB: Record<DbPlatform, Platform> = { SLACK: 'slack', GCHAT: 'gchat', CONSOLE: 'console' };

export function toDbPlatform(platform: Platform): DbPlatform {
  return TO_DB[platform];
}

export function fromDbPlatform(platform: DbPlatform): Platform {
  return FROM_DB[platform];
}
