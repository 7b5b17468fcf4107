// Answers to button presses, as Telegram shows them: a toast that fades, or a modal alert with OK.

/** How long a toast stays (the browser tests need at least 2 s to read it). */
const TOAST_MS = 3500;

/**
 * Shows a toast at the top of the chat: `data-role="toast"`, replacing any older one.
 * @param {Document} doc
 * @param {string} text
 * @returns {HTMLElement}
 */
export function showToast(doc, text) {
  for (const old of doc.querySelectorAll("[data-role=toast]")) old.remove();
  const toast = doc.createElement("div");
  toast.dataset.role = "toast";
  toast.className = "toast";
  toast.setAttribute("role", "status");
  toast.setAttribute("dir", "auto");
  toast.textContent = text;
  (doc.querySelector(".chat") ?? doc.body).appendChild(toast);
  setTimeout(() => {
    toast.classList.add("leaving");
    setTimeout(() => toast.remove(), 300);
  }, TOAST_MS);
  return toast;
}

/**
 * Shows a modal alert (`data-role="alert"`, text and an OK button `data-role="alert-ok"`), closed by OK,
 * Enter or Escape.
 * @param {Document} doc
 * @param {string} text
 * @returns {HTMLElement}
 */
export function showAlert(doc, text) {
  for (const old of doc.querySelectorAll(".alert-backdrop")) old.remove();
  const backdrop = doc.createElement("div");
  backdrop.className = "alert-backdrop";
  const alert = doc.createElement("div");
  alert.dataset.role = "alert";
  alert.className = "alert";
  alert.setAttribute("role", "alertdialog");
  alert.setAttribute("aria-modal", "true");
  const body = doc.createElement("div");
  body.className = "alert-text";
  body.dataset.role = "alert-text";
  for (const line of text.split("\n")) {
    const div = doc.createElement("div");
    div.setAttribute("dir", "auto");
    div.textContent = line;
    body.appendChild(div);
  }
  const actions = doc.createElement("div");
  actions.className = "alert-actions";
  const ok = doc.createElement("button");
  ok.type = "button";
  ok.dataset.role = "alert-ok";
  ok.textContent = "OK";
  actions.appendChild(ok);
  alert.append(body, actions);
  backdrop.appendChild(alert);
  doc.body.appendChild(backdrop);
  const close = () => {
    backdrop.remove();
    doc.removeEventListener("keydown", onKey);
  };
  /** @param {KeyboardEvent} event */
  const onKey = (event) => {
    if (event.key === "Escape" || event.key === "Enter") {
      event.preventDefault();
      close();
    }
  };
  ok.addEventListener("click", close);
  doc.addEventListener("keydown", onKey);
  ok.focus();
  return alert;
}
