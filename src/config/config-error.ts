import { KotaeError } from '../core/errors.ts';

/** A missing or malformed setting: start-up stops with one line naming it. */
export class ConfigError extends KotaeError {
  constructor(message: string) {
    super('config_invalid', message);
    this.name = 'ConfigError';
  }
}
