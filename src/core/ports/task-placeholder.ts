/**
 * The placeholder port: the reservation and the recorded message of a task's placeholder.
 * Only core/placeholder.ts calls it; it is the one module that posts placeholders.
 */
export interface PlaceholderState {
  messageId: string | null;
  /** Who holds the right to post it, while they post. */
  reservedBy: string | null;
}

export interface TaskPlaceholders {
  /**
   * Claims the right to post: true when nothing is posted and nobody holds it, or when the
   * holder is `options.replacing` (a holder that never posted is taken over).
   */
  reservePlaceholder(taskId: string, holder: string, options?: { replacing?: string }): Promise<boolean>;
  /** Gives up a reservation whose post failed, so another may post. */
  releasePlaceholder(taskId: string, holder: string): Promise<void>;
  /**
   * Records the posted message unless another was recorded first (or another holds the
   * reservation); returns the recorded one.
   */
  setPlaceholder(taskId: string, messageId: string, holder?: string): Promise<string>;
  placeholderOf(taskId: string): Promise<PlaceholderState | null>;
}
