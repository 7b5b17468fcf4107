# English interface. Strings only: the story itself lives in content/.

## Start and menu
start-greeting = Welcome to Khabar, a news reader on Telegram.
menu-hint = What would you like to read? Pick one of the buttons below.
hint-text = Type a name or a few words and I'll look for them in the story, or pick something from the menu:

## Buttons
btn-summary = 📝 Summary
btn-full = 📄 Full text
btn-full-en = 📄 In English
btn-full-ar = 📄 Original Arabic
btn-full-ar-translation = 📄 In Arabic
btn-full-en-original = 📄 Original English
btn-sections = 📑 Sections
btn-quotes = 💬 Quotes
btn-people = 👥 People
btn-language = 🌐 Language
btn-help = ❓ Help
btn-menu = 🏠 Menu
btn-prev = Previous
btn-next = Next
btn-contents = 📑 Contents
btn-cancel = ✖️ Cancel
btn-sources = 📰 Sources
btn-card = 🗂 { $title }
btn-stories = 📚 More stories
btn-speaker = { $name } ({ $count })

## Summary and full text
summary-title = Summary
full-translation-note = An English translation of the original Arabic.
full-translation-note-ar = An Arabic translation of the original English.
full-page = Page { $n } of { $total }

## Sections
toc-title = Contents
toc-hint = Pick a section to read.
section-untitled = Section { $n }
section-position = Section { $n } of { $total }

## Quotes
quotes-ask = Whose quotes would you like? Tap a speaker or type a name.
quotes-ask-buttons = Whose quotes would you like? Tap a speaker.
quotes-title = { $count ->
    [one] What { $name } said: 1 quote
   *[other] What { $name } said: { $count } quotes
}
quotes-from = From “{ $section }”:
translated-mark = { $from ->
    [ar] Translated from the Arabic report.
   *[en] Translated from the English report.
}
translated-attribution = { $from ->
    [ar] translated from the Arabic report
   *[en] translated from the English report
}
quotes-unknown = No one by that name in this story.
quotes-speakers = The story quotes { $names }.
quotes-tries-left = { $count ->
    [one] You have 1 try left.
   *[other] You have { $count } tries left.
}
quotes-ambiguous = More than one person matches that name. Which one do you mean?
quotes-none = { $gender ->
    [m] The story does not quote { $name } directly.
    [f] The story does not quote { $name } directly.
   *[other] { $name }: not quoted directly in the story.
}
quotes-not-text = Type a name or tap a speaker.
quotes-cancelled = Quote search cancelled.
quotes-gave-up = I couldn't find that name after three tries, so I stopped looking. Try again, or open the menu.
person-mentions = { $gender ->
    [f] What the story says about her:
    [m] What the story says about him:
   *[other] What the story says about { $name }:
}
person-more = { $gender ->
    [f] { $count ->
        [one] She is named in 1 more sentence of the full paragraphs.
       *[other] She is named in { $count } more sentences of the full paragraphs.
    }
    [m] { $count ->
        [one] He is named in 1 more sentence of the full paragraphs.
       *[other] He is named in { $count } more sentences of the full paragraphs.
    }
   *[other] { $count ->
        [one] 1 more sentence in the full paragraphs.
       *[other] { $count } more sentences in the full paragraphs.
    }
}
person-said = { $gender ->
   *[other] { $name } said:
}
person-reported = { $gender ->
    [f] 🗣 What the story reports her saying, not in her own words:
    [m] 🗣 What the story reports him saying, not in his own words:
   *[other] 🗣 { $name }, as the story reports them, not in their own words:
}
person-paragraphs-title = The paragraphs that name { $name }
person-more-paragraphs = { $count ->
    [one] 1 more paragraph in the full text.
   *[other] { $count } more paragraphs in the full text.
}
btn-person-paragraphs = 📄 Full paragraphs
btn-back-person = ↩️ { $name }

## Fact cards
card-help = the “{ $title }” card
card-sources-title = The paragraphs the “{ $title }” card rests on

## People
people-title = Who is who
people-hint = Pick a person to see their quotes or what the story says about them.

## Stories
stories-title = Stories
stories-page = Page { $n } of { $total }
cmd-stories = All stories, newest first
not-in-story = That part is not in this story. Here is what it has:

## Language
language-title = Choose the interface language:
language-set = The interface is now in English.
language-set-group = This chat now reads in English. Your private chat with the bot keeps its own language.

## Help
help-title = Help
help-intro = This bot gives you one news story the way you like to read it: { $ways }.
help-way-summary = a summary
help-way-full = the full text
help-way-sections = section by section
help-way-quotes = the quotes of one speaker
help-list-pair = {" or "}
help-list-sep = {", "}
help-list-last = {", or "}
cmd-start = Start and main menu
cmd-summary = The story in brief
cmd-full = The full text
cmd-sections = The story's sections
cmd-quotes = A speaker's quotes (you can type the name after the command)
cmd-people = Who is who
cmd-language = Interface language
cmd-help = Help
cmd-cancel = Cancel what is in progress
cmd-search = Search the story (type the words after the command)

## Notices
untranslated-note = Shown in the original Arabic: there is no English translation of this yet.
cancel-nothing = Nothing to cancel.
story-gone = That story has been taken down. Send /stories to pick another.
stale-button = This button has expired. Open the menu again.
error-generic = Something went wrong. Please try again in a moment.
slow-down = Easy! Too many messages at once. Wait a moment and try again.

## Typed text and search
hint-media = I read only text. Type a name or a few words to search the story, or pick from the menu:
search-title = { $count ->
    [one] Search for “{ $query }”: 1 passage
   *[other] Search for “{ $query }”: { $count } passages
}
search-page = Page { $n } of { $total }
search-none = Nothing in this story matches “{ $query }”.
search-did-you-mean = Did you mean:
search-usage = Send the words to look for after the command, e.g. { $example }
search-from-section = 📄 { $section }
search-quote = 💬 { $name } said:
search-statement = 🗣 { $name }, reported:
search-fact = 🗂 { $card }: { $label }
search-summary = 📝 Summary
btn-suggest = 🔎 { $text }?
btn-try-again = 🔁 Try again
link-unknown = That link leads to nothing in this story. Here is its menu:

## Inline mode and sharing
btn-share = ↗️ Share
btn-copy = 📋 Copy
inline-quote-title = Quote · { $name }
inline-full-title = The full story
inline-full-hint = The whole article, section by section, is in the bot.
inline-read = 📖 Read the story
inline-read-full = 📖 Read the full text
inline-more = … the rest is in the bot.
inline-open-bot = Open the story in the bot
inline-nothing = Nothing found · open the bot
inline-placeholder = Search the story…
inline-statement-title = Reported · { $name }
inline-statement-by = — as the story reports of { $name } (not a direct quote)
bot-short-description = News in Arabic and English: a summary, the full text, the quotes and who is who.
bot-description = Khabar gives you the news in Arabic and English, the way you like to read it: a summary, the full text, section by section, the quotes of each speaker and who is who. Type a name or a word to search the story. Press Start to begin.
bot-description-stories = Now:
group-language-toast = In this group the bot writes in { $lang ->
    [ar] Arabic
   *[en] English
  } for everyone. To read in English, message the bot privately.
