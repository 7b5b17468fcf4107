# English interface. Strings only: the story itself lives in content/.

## Start and menu
start-greeting = { $count ->
    [one] Welcome to Khabar, a news reader on Telegram.
   *[other] Welcome to Khabar, a news reader on Telegram: { $count } stories to read.
}
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
story-mark-draft = 🚧 DRAFT: readers do not get this story; only the preview shows it
story-mark-scheduled = 🕒 SCHEDULED: not published yet; readers do not get this story before its date
stories-page = Page { $n } of { $total }
cmd-stories = All stories, newest first
not-in-story = That part is not in this story. Here is what it has:

## Language
language-title = Choose the interface language:
language-set = The interface is now in English.
language-set-group = This chat now reads in English. Your private chat with the bot keeps its own language.

## Help
help-title = Help
help-intro = { $count ->
    [one] This bot gives you one news story the way you like to read it: { $ways }.
   *[other] This bot gives you { $count } news stories, each the way you like to read it: { $ways }.
}
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

## Corrections and withdrawals
corrected-on = Corrected { $date }
btn-corrections = 📝 Corrections
corrections-title = Corrections by the editors
correction-sections = In: { $sections }
list-sep = {", "}
withdrawn-by = Withdrawn by the editors on { $date }:
withdrawn-toast = Withdrawn by the editors: { $note }

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
search-headline = 📰 Headline
search-quote = { $gender ->
   *[other] 💬 { $name } said:
}
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

## Following and pushes
btn-follow = 🔔 Follow
cmd-follow = Follow new stories, a story's corrections or a person
cmd-following = What you follow, and when it is sent
cmd-unfollow = Stop everything you follow
follow-title = 🔔 Following
follow-you = You follow:
follow-group = This group follows:
follow-nothing = You don't follow anything yet. Pick what you'd like to be sent:
follow-nothing-group = This group doesn't follow anything yet. Pick what it should be sent:
follow-more = You can also follow:
topic-new = New stories
topic-story = Corrections to “{ $title }”
topic-story-short = corrections to “{ $title }”
topic-new-short = new stories
topic-person = New stories about { $name }
follow-when-instant = Sent as soon as it is published.
follow-when-digest = Sent as one daily digest at { $hour }.
follow-quiet = Quiet hours { $from }–{ $to }: messages then arrive without sound.
follow-zone = Time zone: { $zone }.
btn-follow-new = 🔔 New stories
btn-follow-story = 🔔 This story's corrections
btn-follow-person = 🔔 { $name }
btn-unfollow = 🔕 Unfollow { $topic }
btn-when = ⏰ When
btn-quiet = 🌙 Quiet hours
btn-unfollow-all = 🔕 Stop everything
btn-back-follow = ↩️ Back
followed-new = 🔔 Done: new stories will reach you here as soon as they are published.
followed-new-group = 🔔 Done: new stories will reach this group as soon as they are published.
followed-topic = 🔔 Following: { $topic }.
follow-already = Already following: { $topic }.
follow-name-none = No one called “{ $name }” is named in the stories. Here is what you can follow:
follow-name-many = Several people match “{ $name }”. Pick one below:
follow-unknown = There is nothing by that name to follow. Here is what you can follow:
unfollowed-topic = 🔕 Stopped: { $topic }.
unfollow-ask = Stop everything followed here? Nothing more will be sent until you follow again.
btn-unfollow-yes = 🔕 Yes, stop all
btn-unfollow-keep = ↩️ Keep them
unfollowed-all = 🔕 Stopped. Nothing more will be sent here.
unfollow-nothing = There is nothing to stop: nothing is followed here.
follow-first = Follow something first; then you can choose when it comes.
group-admins-only = Only this group's admins can change what it follows.
when-title = ⏰ When it is sent
when-hint = Get each story as soon as it is published, or pick an hour for one daily digest of every new story since the last one:
btn-instant = ⚡ As published
when-set-instant = Each story will now come as soon as it is published.
when-set-digest = One daily digest at { $hour }.
quiet-title = 🌙 Quiet hours
quiet-hint = What the bot sends in these hours arrives without sound. Pick a window:
quiet-now = Now: { $from }–{ $to }.
quiet-now-none = Now: no quiet hours.
quiet-window = { $from }–{ $to }
btn-quiet-off = No quiet hours
quiet-set = Quiet hours: { $from }–{ $to }.
quiet-set-off = No quiet hours: everything arrives with sound.
zone-title = 🕒 Your time zone
zone-hint = Telegram doesn't tell bots where you are. Pick the city nearest you, or your offset from UTC, so the hours you pick are yours:
zone-hint-offsets = Pick your offset from UTC (in summer it may differ by an hour where clocks change):
zone-ask = One more thing: your time zone.
zone-now = Now: { $zone }.
zone-set = Time zone: { $zone }.
btn-zone-is = 🕒 Time zone: { $zone }
btn-offsets = 🌐 UTC offset
btn-zones-back = ↩️ Cities
push-new = 🆕 New story · { $date }
push-corrected = ✏️ Corrected: { $note }
push-corrected-on = Correction of { $date }
push-corrected-mark = ✏️ Corrected { $date }
push-withdrawn = ⛔ Withdrawn by the editors: { $note }
btn-stop-these = 🔕 Stop these
btn-undo = ↩️ Undo
btn-read-story = 📖 Read the story
btn-all-stories = 📚 All stories
stopped-these = 🔕 Stopped: { $topic }. Tap Undo to get them again.
stop-undone = 🔔 Following again: { $topic }.
digest-title = { $count ->
    [one] 📰 Your daily digest: 1 new story
   *[other] 📰 Your daily digest: { $count } new stories
}
digest-more = { $count ->
    [one] …and 1 more story.
   *[other] …and { $count } more stories.
}
source-label = Source:
source-sep = ,{" "}
source-author = by { $author }
btn-report = ✍️ Report an error
btn-report-answerable-off = ☐ Let the editors answer me
btn-report-answerable-on = ☑️ Let the editors answer me
btn-report-cancel = ✖️ Cancel
cmd-report = Tell the editors about an error in the story
report-ask = What is wrong in “{ $title }”? Write it in one message and I will send it to the editors without your name, unless you let them answer you.
report-private-only = Send /report in a private chat with me to tell the editors about an error.
report-limit = You have sent { $count } reports today, the daily limit. Thank you; you can report again tomorrow.
report-text-only = Write what is wrong as text in one message, or press Cancel.
report-cancelled = Report cancelled.
report-sent = Thank you. Your report reached the editors, without your name.
report-sent-answerable = Thank you. Your report reached the editors, who may answer you here.
report-failed = Your report could not be delivered right now. Please try again shortly; what you wrote was not kept.
report-answer-head = ✉️ The editors answered your report on “{ $title }”:
report-editors-head = ✍️ A reader's report
report-editors-story = Story: { $title } ({ $id })
report-editors-screen = Screen: { $screen }
report-editors-passage = Passage:
report-editors-words = The reader's words:
report-editors-anonymous = The reader did not ask for an answer (anonymous report).
report-editors-answerable = The reader ({ $name }) accepts an answer: reply to this message and they will get it.
report-screen-menu = first screen
report-screen-full = full text { $lang }
report-screen-section = section “{ $title }” ({ $id })
report-screen-summary = summary
report-screen-item = { $kind } { $id }
report-no-answer = This answer cannot be delivered: the reader did not ask for one, or it is too old.
report-answer-text-only = Answers are relayed as text only.
report-relayed = ✓ Sent to the reader.
report-relay-failed = The answer could not reach the reader (they may have stopped the bot).
report-unavailable = This bot does not take error reports yet. Here is the story's menu:
