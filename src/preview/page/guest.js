// Guest Mode in the preview: a box standing for another chat the bot is not a member of, where the reader
// mentions the bot ("@bot words") and the bot answers that one message (answerGuestQuery). The mentions and
// answers come back as events for the guest chat's id (`guestChatId` in /api/info); this file shows them.

import { upsertMessage } from "./chat.js";

/**
 * Wires the box: sending a mention, and the default text (the bot's @username) when it opens.
 * @param {{ box: HTMLDetailsElement, form: HTMLFormElement, input: HTMLInputElement }} ui
 * @param {{ send: (text: string) => Promise<unknown>, username: () => string | undefined }} deps
 */
export function wireGuestBox(ui, deps) {
  ui.box.addEventListener("toggle", () => {
    const username = deps.username();
    if (ui.box.open && ui.input.value === "" && username) ui.input.value = `@${username} `;
    if (ui.box.open) ui.input.focus();
  });
  ui.form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = ui.input.value.trim();
    if (text === "") return;
    await deps.send(text);
    const username = deps.username();
    ui.input.value = username ? `@${username} ` : "";
  });
}

/**
 * Shows a message of the guest chat (the reader's mention or the bot's answer) in the box's list.
 * @param {HTMLElement} list
 * @param {import("./message.js").Message} message
 * @param {import("./message.js").MessageOptions} options
 */
export function showGuestMessage(list, message, options) {
  upsertMessage(list, message, { ...options, showSender: true });
  list.scrollTop = list.scrollHeight;
}
