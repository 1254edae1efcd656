/**
 * The question handler when no LLM is configured: every question fails at once with the
 * exact variables to set, in the asker's language. (No model can be embedded.)
 */
import { KotaeError } from '../core/errors.ts';
import type { TaskHandler } from '../core/ports/task-handler.ts';

export const noLlmHandler: TaskHandler = {
  async run() {
    throw new KotaeError('llm_not_configured', 'No LLM provider is configured', {
      userMessage: 'llm.notConfigured',
    });
  },
};
