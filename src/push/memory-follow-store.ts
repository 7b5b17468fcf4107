import { type FollowerPage, type FollowStore, type PushPrefs, type Topic, topicKey } from "./follow-store.js";

/** A {@link FollowStore} in this process's memory: for tests and the preview. */
export function createMemoryFollowStore(): FollowStore {
  const topics = new Map<number, Map<string, Topic>>();
  const prefs = new Map<number, PushPrefs>();

  const byTopic = (topic: Topic): number[] => {
    const key = topicKey(topic);
    const ids: number[] = [];
    for (const [chatId, own] of topics) if (own.has(key)) ids.push(chatId);
    return ids.sort((a, b) => a - b);
  };

  return {
    async follow(chatId, topic, defaults) {
      const own = topics.get(chatId) ?? new Map<string, Topic>();
      topics.set(chatId, own);
      own.set(topicKey(topic), topic);
      if (!prefs.has(chatId)) prefs.set(chatId, { ...defaults });
    },
    async unfollow(chatId, topic) {
      topics.get(chatId)?.delete(topicKey(topic));
    },
    async forget(chatId) {
      topics.delete(chatId);
      prefs.delete(chatId);
    },
    async topicsOf(chatId) {
      return [...(topics.get(chatId)?.values() ?? [])];
    },
    async prefsOf(chatId) {
      const own = prefs.get(chatId);
      return own && { ...own };
    },
    async prefsOfMany(chatIds) {
      const found = new Map<number, PushPrefs>();
      for (const chatId of chatIds) {
        const own = prefs.get(chatId);
        if (own !== undefined) found.set(chatId, { ...own });
      }
      return found;
    },
    async setPrefs(chatId, next) {
      if (prefs.has(chatId)) prefs.set(chatId, { ...next });
    },
    async moveChat(from, to) {
      const own = topics.get(from);
      const mine = prefs.get(from);
      topics.delete(from);
      prefs.delete(from);
      if (own) topics.set(to, own);
      if (mine) prefs.set(to, mine);
    },
    async followers(topic, after, limit): Promise<FollowerPage> {
      const ids = byTopic(topic).filter((id) => after === undefined || id > after);
      const page = ids.slice(0, limit);
      return {
        followers: page.map((chatId) => ({ chatId, prefs: { ...(prefs.get(chatId) as PushPrefs) } })),
        next: ids.length > limit ? page[page.length - 1] : undefined,
      };
    },
    async count(topic) {
      return byTopic(topic).length;
    },
  };
}
