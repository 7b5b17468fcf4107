/**
 * The bot's profile as users see it: the command menu per scope and language (setMyCommands and friends)
 * and the name and descriptions per language (setMyDescription, setMyShortDescription, setMyName).
 */
import type { BotCommand } from "grammy/types";
import { LIMITS } from "../../telegram-limits.js";
import { badRequest } from "./errors.js";
import { isRecord, toChatId, toInt } from "./values.js";

const SCOPE_TYPES = new Set([
  "default",
  "all_private_chats",
  "all_group_chats",
  "all_chat_administrators",
  "chat",
  "chat_administrators",
  "chat_member",
]);

/** The language a profile call is for: its language_code, "" for the default. */
export function langOf(p: Record<string, unknown>): string {
  return typeof p.language_code === "string" ? p.language_code : "";
}

/** The key of a command list: scope, its chat and user, and language. Throws on a malformed scope. */
function commandsKey(p: Record<string, unknown>): string {
  const scope = p.scope === undefined ? { type: "default" } : p.scope;
  if (!isRecord(scope) || typeof scope.type !== "string" || !SCOPE_TYPES.has(scope.type)) {
    throw badRequest("can't parse BotCommandScope JSON object");
  }
  const needsChat =
    scope.type === "chat" || scope.type === "chat_administrators" || scope.type === "chat_member";
  const chatId = toChatId(scope.chat_id);
  if (needsChat && chatId === undefined) throw badRequest("chat not found");
  const userId = toInt(scope.user_id);
  if (scope.type === "chat_member" && userId === undefined) throw badRequest("user not found");
  const lang = langOf(p);
  if (lang !== "" && !/^[a-z]{2}$/.test(lang)) throw badRequest("invalid language code specified");
  return JSON.stringify([scope.type, needsChat ? chatId : null, userId ?? null, lang]);
}

/** The command menus the bot registered. */
export class CommandMenus {
  private readonly menus = new Map<string, BotCommand[]>();

  /** setMyCommands: up to 100 commands of [a-z0-9_]{1,32}, descriptions 1–256 characters. */
  set(p: Record<string, unknown>): true {
    const commands = p.commands === undefined ? [] : p.commands;
    if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON object");
    if (commands.length > LIMITS.commands) throw badRequest("BOT_COMMANDS_TOO_MUCH");
    const clean: BotCommand[] = [];
    for (const command of commands) {
      if (!isRecord(command) || typeof command.command !== "string") throw badRequest("BOT_COMMAND_INVALID");
      if (!/^[a-z0-9_]{1,32}$/.test(command.command)) throw badRequest("BOT_COMMAND_INVALID");
      const description = command.description;
      if (typeof description !== "string") throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      const length = [...description.trim()].length;
      if (length < 1 || [...description].length > LIMITS.commandDescription) {
        throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      }
      clean.push({ command: command.command, description });
    }
    const key = commandsKey(p);
    if (clean.length === 0) this.menus.delete(key);
    else this.menus.set(key, clean);
    return true;
  }

  /** deleteMyCommands. */
  delete(p: Record<string, unknown>): true {
    this.menus.delete(commandsKey(p));
    return true;
  }

  /** getMyCommands: the list for exactly this scope and language. */
  get(p: Record<string, unknown>): BotCommand[] {
    return structuredClone(this.menus.get(commandsKey(p)) ?? []);
  }
}

/** Name and descriptions per language ("" = default). */
export interface BotProfile {
  description: Map<string, string>;
  shortDescription: Map<string, string>;
  name: Map<string, string>;
}

/** setMyDescription and friends: an empty value removes the text for that language. */
export function setProfileText(
  p: Record<string, unknown>,
  field: string,
  store: Map<string, string>,
  max: number,
): true {
  const value = p[field];
  const lang = langOf(p);
  if (value === undefined || value === "") {
    store.delete(lang);
    return true;
  }
  if (typeof value !== "string" || [...value].length > max) throw badRequest(`${field} is too long`);
  store.set(lang, value);
  return true;
}
