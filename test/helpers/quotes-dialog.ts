import type { Store } from "../../src/storage/types.js";

/**
 * What the store holds of a chat's quotes dialog: the conversation plugin's record while the conversation
 * runs, or the waiting question's own record before the first answer (see QuotesQuestions).
 */
export function quotesDialog(store: Store): { read(chat: string): Promise<unknown> } {
  const conversation = store.adapter<unknown>("conv");
  const question = store.adapter<unknown>("question");
  return {
    read: async (chat) => (await conversation.read(chat)) ?? (await question.read(chat)),
  };
}
