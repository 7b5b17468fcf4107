// What the page reads out of /api/info and the input, and the command menu it lists, as pure functions.

/**
 * @typedef {{ command: string, description: string }} BotCommand
 * @typedef {{ bot?: { username?: string }, description?: Record<string, string>,
 *   commands?: Record<string, BotCommand[]> }} InfoLike
 */

/**
 * The command menu a reader with this language_code sees: the list registered for it, or else the default
 * ("") list, as Telegram falls back.
 * @param {InfoLike | null | undefined} info
 * @param {string} lang "" for a reader without language_code
 * @returns {BotCommand[]}
 */
export function commandsFor(info, lang) {
  const own = lang ? info?.commands?.[lang] : undefined;
  if (own && own.length > 0) return own;
  return info?.commands?.[""] ?? [];
}

/**
 * The bot's description for this language_code, or else the default one.
 * @param {InfoLike | null | undefined} info
 * @param {string} lang
 * @returns {string}
 */
export function descriptionFor(info, lang) {
  const own = lang ? info?.description?.[lang] : undefined;
  return own || info?.description?.[""] || "";
}

/**
 * The inline query the input holds: `@<bot> <query>` (the username in any case, then a space), or null.
 * Telegram sends the query once the space after the username is typed, even if the query is still empty.
 * @param {string} input
 * @param {string | undefined} botUsername
 * @returns {string | null}
 */
export function inlineQueryOf(input, botUsername) {
  if (!botUsername) return null;
  const match = /^@([A-Za-z0-9_]+)\s([\s\S]*)$/.exec(input);
  if (!match || match[1]?.toLowerCase() !== botUsername.toLowerCase()) return null;
  return match[2] ?? "";
}

/**
 * Lists commands in the menu: one `button[data-role=command]` per command, `data-command` without the
 * slash, showing `/command` and its description; hidden when there is none to show.
 * @param {HTMLElement} menu
 * @param {readonly BotCommand[]} commands
 */
export function renderCommandMenu(menu, commands) {
  const doc = /** @type {Document} */ (menu.ownerDocument);
  menu.replaceChildren();
  for (const { command, description } of commands) {
    const item = doc.createElement("button");
    item.type = "button";
    item.dataset.role = "command";
    item.dataset.command = command;
    const name = doc.createElement("span");
    name.className = "command-name";
    name.textContent = `/${command}`;
    const about = doc.createElement("span");
    about.className = "command-description";
    about.setAttribute("dir", "auto");
    about.textContent = description;
    item.append(name, about);
    menu.appendChild(item);
  }
  menu.hidden = commands.length === 0;
}

/**
 * @typedef {{ story: string, problems: string[], live?: { title: string, loadedAt: string } }} StoryProblems
 */

/**
 * Lists the content's problems for the editor: per story folder, which version readers get (the last
 * good one, with its title and when it was loaded, or none) and each problem as content:check prints it;
 * hidden when there is none.
 * @param {HTMLElement} panel
 * @param {readonly StoryProblems[] | undefined} problems
 */
export function renderProblems(panel, problems) {
  const doc = /** @type {Document} */ (panel.ownerDocument);
  panel.replaceChildren();
  const list = problems ?? [];
  panel.hidden = list.length === 0;
  if (list.length === 0) return;
  const heading = doc.createElement("div");
  heading.className = "problems-heading";
  const count = list.reduce((n, entry) => n + entry.problems.length, 0);
  heading.textContent = `⚠ Content problems: ${count} in ${list.length} ${list.length === 1 ? "story" : "stories"} (as npm run content:check prints them)`;
  panel.appendChild(heading);
  for (const entry of list) {
    const block = doc.createElement("section");
    block.className = "problems-story";
    block.dataset.story = entry.story;
    const name = doc.createElement("div");
    name.className = "problems-story-name";
    const id = doc.createElement("code");
    id.textContent = entry.story;
    const live = doc.createElement("span");
    live.className = "problems-live";
    live.dataset.role = "live-version";
    live.setAttribute("dir", "auto");
    live.textContent = entry.live
      ? ` — live: the last good version, «${entry.live.title}», loaded ${timeOf(entry.live.loadedAt)}`
      : " — not served: no good version of it was loaded";
    name.append(id, live);
    const lines = doc.createElement("ul");
    for (const problem of entry.problems) {
      const item = doc.createElement("li");
      item.dataset.role = "problem";
      item.setAttribute("dir", "auto");
      item.textContent = problem;
      lines.appendChild(item);
    }
    block.append(name, lines);
    panel.appendChild(block);
  }
}

/** @param {string} iso */
function timeOf(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "earlier" : `at ${date.toLocaleTimeString()}`;
}

/**
 * @typedef {{ event: string, audience: number, sent: number }} PushProgress
 */

/**
 * The progress line of the pushes under way, one line each ("Push: sent 3 of 10 · story:<id>"); hidden
 * when none runs.
 * @param {HTMLElement} line
 * @param {readonly PushProgress[] | undefined} pushes
 */
export function renderPushes(line, pushes) {
  const doc = /** @type {Document} */ (line.ownerDocument);
  line.replaceChildren();
  const list = pushes ?? [];
  line.hidden = list.length === 0;
  for (const push of list) {
    const item = doc.createElement("div");
    item.dataset.role = "push";
    item.dataset.event = push.event;
    item.textContent = `📣 Push: sent ${push.sent} of ${push.audience} · ${push.event}`;
    line.appendChild(item);
  }
}
