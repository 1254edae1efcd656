/**
 * zod schemas for the Google Chat interaction events Kotae reads, in both formats Google
 * sends:
 * - the classic Chat app event (`type`: MESSAGE, ADDED_TO_SPACE, REMOVED_FROM_SPACE,
 *   CARD_CLICKED, APP_COMMAND, …; REST reference "Event");
 * - the Google Workspace add-on event (`chat.messagePayload`, `chat.addedToSpacePayload`,
 *   `chat.removedFromSpacePayload`, `chat.buttonClickedPayload`, `chat.appCommandPayload`),
 *   sent when the app is configured as a Workspace add-on.
 * Only the fields Kotae uses are listed; the rest are ignored, never rejected. Optional
 * fields accept null as well, since Google's JSON sometimes spells "absent" that way.
 */
import { z } from 'zod';

const text = z.string().nullish();

export const chatUserSchema = z.object({
  name: z.string(),
  displayName: text,
  type: text,
  domainId: text,
  email: text,
});

export const chatSpaceSchema = z.object({
  name: z.string(),
  /** Deprecated "ROOM" | "DM"; newer events carry spaceType. */
  type: text,
  spaceType: text,
  singleUserBotDm: z.boolean().nullish(),
  displayName: text,
});

export const chatThreadSchema = z.object({ name: text, threadKey: text });

const commandId = z.union([z.string(), z.number()]).transform(String);

export const chatAnnotationSchema = z.object({
  type: text,
  startIndex: z.number().nullish(),
  length: z.number().nullish(),
  userMention: z.object({ user: chatUserSchema.partial().nullish(), type: text }).nullish(),
  slashCommand: z.object({ commandId: commandId.nullish(), commandName: text, type: text }).nullish(),
});

export const chatMessageSchema = z.object({
  name: z.string(),
  text,
  /** The text with the app's @mentions (and a slash command's name) stripped out. */
  argumentText: text,
  sender: chatUserSchema.nullish(),
  thread: chatThreadSchema.nullish(),
  space: chatSpaceSchema.nullish(),
  annotations: z.array(chatAnnotationSchema).nullish(),
  slashCommand: z.object({ commandId }).nullish(),
  createTime: text,
});

const appCommandMetadataSchema = z.object({
  appCommandId: commandId.nullish(),
  /** SLASH_COMMAND or QUICK_COMMAND. */
  appCommandType: text,
});

const commonSchema = z.object({
  userLocale: text,
  invokedFunction: text,
  parameters: z.record(z.string(), z.string()).nullish(),
  /** A dialog's inputs on SUBMIT_DIALOG: text and selection inputs arrive as stringInputs. */
  formInputs: z
    .record(
      z.string(),
      z.object({ stringInputs: z.object({ value: z.array(z.string()).nullish() }).nullish() }),
    )
    .nullish(),
});

export const classicEventSchema = z.object({
  type: z.string(),
  eventTime: text,
  message: chatMessageSchema.nullish(),
  user: chatUserSchema.nullish(),
  space: chatSpaceSchema.nullish(),
  thread: chatThreadSchema.nullish(),
  action: z
    .object({
      actionMethodName: text,
      parameters: z.array(z.object({ key: z.string(), value: z.string().nullish() })).nullish(),
    })
    .nullish(),
  common: commonSchema.nullish(),
  appCommandMetadata: appCommandMetadataSchema.nullish(),
  isDialogEvent: z.boolean().nullish(),
  /** REQUEST_DIALOG, SUBMIT_DIALOG or CANCEL_DIALOG. */
  dialogEventType: text,
});

export const addOnEventSchema = z.object({
  commonEventObject: commonSchema.extend({ hostApp: text }).nullish(),
  chat: z.object({
    user: chatUserSchema.nullish(),
    eventTime: text,
    messagePayload: z.object({ space: chatSpaceSchema, message: chatMessageSchema }).nullish(),
    addedToSpacePayload: z
      .object({ space: chatSpaceSchema, interactionAdd: z.boolean().nullish() })
      .nullish(),
    removedFromSpacePayload: z.object({ space: chatSpaceSchema }).nullish(),
    buttonClickedPayload: z
      .object({ space: chatSpaceSchema, message: chatMessageSchema, user: chatUserSchema.nullish() })
      .nullish(),
    appCommandPayload: z
      .object({
        appCommandMetadata: appCommandMetadataSchema,
        space: chatSpaceSchema,
        thread: chatThreadSchema.nullish(),
        message: chatMessageSchema.nullish(),
      })
      .nullish(),
  }),
});

export type ChatUserJson = z.infer<typeof chatUserSchema>;
export type ChatSpaceJson = z.infer<typeof chatSpaceSchema>;
export type ChatMessageJson = z.infer<typeof chatMessageSchema>;
export type ClassicEventJson = z.infer<typeof classicEventSchema>;
export type AddOnEventJson = z.infer<typeof addOnEventSchema>;
