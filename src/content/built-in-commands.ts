/**
 * The bot's own commands, in the order help and Telegram's command menu list them. Kept in the content
 * layer because the content check needs them too (a card's `command` alias may not take one), and the bot
 * already depends on the content layer, never the other way round.
 */
export const BUILT_IN_COMMANDS = [
  "start",
  "stories",
  "summary",
  "full",
  "sections",
  "quotes",
  "people",
  "search",
  "follow",
  "following",
  "unfollow",
  "language",
  "help",
  "report",
  "cancel",
] as const;

/** One of the bot's own commands. */
export type BuiltInCommand = (typeof BUILT_IN_COMMANDS)[number];

/** Whether a name is one of the bot's own commands. */
export function isBuiltInCommand(name: string): name is BuiltInCommand {
  return (BUILT_IN_COMMANDS as readonly string[]).includes(name);
}
