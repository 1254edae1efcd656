/**
 * The Google Chat cardsV2 shapes Kotae sends, as plain types (@googleapis/chat may only
 * be imported under src/bot/gchat/). test/render/gchat-cards.test.ts checks at compile
 * time that these stay assignable to the SDK's chat_v1.Schema$Message.
 * Reference: https://developers.google.com/workspace/chat/api/reference/rest/v1/cards
 */

export interface ChatActionParameter {
  key: string;
  value: string;
}

export interface ChatOnClick {
  /** `interaction: OPEN_DIALOG` makes the click open a dialog (classic Chat apps only). */
  action?: { function: string; parameters: ChatActionParameter[]; interaction?: 'OPEN_DIALOG' };
  openLink?: { url: string };
}

export interface ChatButton {
  text: string;
  onClick: ChatOnClick;
  altText?: string;
}

export interface ChatGridItem {
  title: string;
  /** Card v1 HorizontalAlignment; END right-aligns numbers in left-to-right text. */
  textAlignment?: 'START' | 'CENTER' | 'END';
}

export type ChatWidget =
  | { textParagraph: { text: string } }
  | { image: { imageUrl: string; altText: string } }
  | { buttonList: { buttons: ChatButton[] } }
  | {
      grid: {
        title?: string;
        columnCount: number;
        borderStyle?: { type: 'STROKE'; cornerRadius?: number };
        items: ChatGridItem[];
      };
    }
  | { divider: Record<string, never> };

export interface ChatSection {
  header?: string;
  widgets: ChatWidget[];
}

export interface ChatCard {
  header: { title: string; subtitle?: string };
  sections: ChatSection[];
}

export interface ChatCardWithId {
  cardId: string;
  card: ChatCard;
}

/** One spaces.messages.create / messages.patch body, less thread and space. */
export interface ChatMessage {
  text?: string;
  /** Plain text for notifications, where cards cannot show. */
  fallbackText?: string;
  cardsV2: ChatCardWithId[];
}
