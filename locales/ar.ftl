# Arabic interface. Strings only: the story itself lives in content/.
# Shown numbers go through ISOLATE() so their digits cannot reorder the Arabic around them; string
# placeables with Latin letters are isolated in code, and every line gets a right-to-left mark when it
# needs one (src/bot/render/bidi.ts, src/bot/i18n.ts).

## Start and menu
start-greeting = { $count ->
    [one] أهلاً بك في «خبر»، قارئ الأخبار على تيليغرام.
    [two] أهلاً بك في «خبر»، قارئ الأخبار على تيليغرام: فيه الآن خبران.
    [few] أهلاً بك في «خبر»، قارئ الأخبار على تيليغرام: فيه الآن { ISOLATE($count) } أخبار.
   *[other] أهلاً بك في «خبر»، قارئ الأخبار على تيليغرام: فيه الآن { ISOLATE($count) } خبراً.
}
menu-hint = ماذا تريد أن تقرأ؟ اختر من الأزرار أدناه.
hint-text = اكتب اسماً أو بضع كلمات لأبحث عنها في الخبر، أو اختر من القائمة:

## Buttons
btn-summary = 📝 الملخص
btn-full = 📄 النص الكامل
btn-full-en = 📄 بالإنجليزية
btn-full-ar = 📄 الأصل العربي
btn-full-ar-translation = 📄 الترجمة العربية
btn-full-en-original = 📄 الأصل الإنجليزي
btn-sections = 📑 الأقسام
btn-quotes = 💬 الاقتباسات
btn-people = 👥 الأشخاص
btn-language = 🌐 اللغة
btn-help = ❓ المساعدة
btn-menu = 🏠 القائمة
btn-prev = السابق
btn-next = التالي
btn-contents = 📑 المحتويات
btn-cancel = ✖️ إلغاء
btn-sources = 📰 فقرات المصدر
btn-card = 🗂 { $title }
btn-stories = 📚 أخبار أخرى
btn-speaker = { $name } ({ ISOLATE($count) })

## Summary and full text
summary-title = الملخص
full-translation-note = ترجمة إنجليزية للنص العربي الأصلي.
full-translation-note-ar = ترجمة عربية للنص الإنجليزي الأصلي.
full-page = الصفحة { ISOLATE($n) } من { ISOLATE($total) }

## Sections
toc-title = محتويات الخبر
toc-hint = اختر قسماً لقراءته.
section-untitled = القسم { ISOLATE($n) }
section-position = القسم { ISOLATE($n) } من { ISOLATE($total) }

## Quotes
quotes-ask = اقتباسات مَن تريد؟ اختر متحدثاً أو اكتب اسمه.
quotes-ask-buttons = اقتباسات مَن تريد؟ اختر متحدثاً.
quotes-title = { $gender ->
    [f] ما قالته { $name }: { $count ->
        [one] اقتباس واحد
        [two] اقتباسان
        [few] { ISOLATE($count) } اقتباسات
       *[other] { ISOLATE($count) } اقتباساً
    }
   *[other] ما قاله { $name }: { $count ->
        [one] اقتباس واحد
        [two] اقتباسان
        [few] { ISOLATE($count) } اقتباسات
       *[other] { ISOLATE($count) } اقتباساً
    }
}
quotes-from = من قسم «{ $section }»:
translated-mark = { $from ->
    [en] مترجَم عن نص الخبر الإنجليزي.
   *[ar] مترجَم عن نص الخبر العربي.
}
translated-attribution = { $from ->
    [en] مترجَماً عن نص الخبر الإنجليزي
   *[ar] مترجَماً عن نص الخبر العربي
}
quotes-unknown = لا أحد بهذا الاسم في الخبر.
quotes-speakers = ينقل الخبر كلام: { $names }.
quotes-tries-left = { $count ->
    [one] بقيت لك محاولة واحدة.
    [two] بقيت لك محاولتان.
   *[other] بقيت لك { ISOLATE($count) } محاولات.
}
quotes-ambiguous = أكثر من شخص يطابق هذا الاسم. اختر من تقصد:
quotes-none = { $gender ->
    [m] لا ينقل الخبر عن { $name } كلاماً مباشراً.
    [f] لا ينقل الخبر عن { $name } كلاماً مباشراً.
   *[other] { $name }: لا ينقل الخبر كلاماً مباشراً.
}
quotes-not-text = اكتب اسماً أو اختر متحدثاً من الأزرار.
quotes-cancelled = أُلغي البحث عن الاقتباسات.
quotes-gave-up = لم أجد هذا الاسم بعد ثلاث محاولات، فأنهيت البحث. حاول مجدداً أو افتح القائمة.
person-mentions = { $gender ->
    [f] ما يقوله الخبر عنها:
    [m] ما يقوله الخبر عنه:
   *[other] ما يقوله الخبر عن { $name }:
}
person-more = { $gender ->
    [f] { $count ->
        [one] ويرد ذكرها في جملة أخرى من الفقرات كاملة.
        [two] ويرد ذكرها في جملتين أخريين من الفقرات كاملة.
       *[other] ويرد ذكرها في { ISOLATE($count) } جمل أخرى من الفقرات كاملة.
    }
    [m] { $count ->
        [one] ويرد ذكره في جملة أخرى من الفقرات كاملة.
        [two] ويرد ذكره في جملتين أخريين من الفقرات كاملة.
       *[other] ويرد ذكره في { ISOLATE($count) } جمل أخرى من الفقرات كاملة.
    }
   *[other] { $count ->
        [one] وفي الفقرات كاملة جملة أخرى.
        [two] وفي الفقرات كاملة جملتان أخريان.
       *[other] وفي الفقرات كاملة { ISOLATE($count) } جمل أخرى.
    }
}
person-said = { $gender ->
    [f] قالت { $name }:
   *[other] قال { $name }:
}
person-reported = { $gender ->
    [f] 🗣 ما نقله الخبر عنها بتصرّف، لا بنصّ كلامها:
    [m] 🗣 ما نقله الخبر عنه بتصرّف، لا بنصّ كلامه:
   *[other] 🗣 { $name } — منقول بتصرّف، لا بنصّ الكلام:
}
person-paragraphs-title = الفقرات التي تذكر { $name }
person-more-paragraphs = { $count ->
    [one] وفي النص الكامل فقرة أخرى.
    [two] وفي النص الكامل فقرتان أخريان.
   *[other] وفي النص الكامل { ISOLATE($count) } فقرات أخرى.
}
btn-person-paragraphs = 📄 الفقرات كاملة
btn-back-person = ↩️ { $name }

## Fact cards
card-help = بطاقة «{ $title }»
card-sources-title = الفقرات التي تستند إليها بطاقة «{ $title }»

## People
people-title = مَن في الخبر
people-hint = اختر شخصاً لترى اقتباساته أو ما يقوله الخبر عنه.

## Stories
stories-title = الأخبار
story-mark-draft = 🚧 مسودة: لا تصل هذه القصة إلى القرّاء، وتظهر في المعاينة فقط
story-mark-scheduled = 🕒 مجدولة: لم تُنشر بعد، ولا تصل إلى القرّاء قبل موعدها
stories-page = الصفحة { ISOLATE($n) } من { ISOLATE($total) }
cmd-stories = كل الأخبار، الأحدث أولاً
not-in-story = لا يتضمن هذا الخبر ما طلبت. إليك ما فيه:

## Language
language-title = اختر لغة الواجهة:
language-set = صارت الواجهة بالعربية.
language-set-group = صارت هذه المحادثة بالعربية، وتبقى محادثتك الخاصة مع البوت بلغتها.

## Help
help-title = المساعدة
help-intro = { $count ->
    [one] يقدّم لك هذا البوت خبراً واحداً كما تحب أن تقرأه: { $ways }.
    [two] يقدّم لك هذا البوت خبرين، كلاً منهما كما تحب أن تقرأه: { $ways }.
    [few] يقدّم لك هذا البوت { ISOLATE($count) } أخبار، كلاً منها كما تحب أن تقرأه: { $ways }.
   *[other] يقدّم لك هذا البوت { ISOLATE($count) } خبراً، كلاً منها كما تحب أن تقرأه: { $ways }.
}
help-way-summary = ملخصاً
help-way-full = نصاً كاملاً
help-way-sections = قسماً قسماً
help-way-quotes = اقتباسات متحدث بعينه
help-list-pair = {" أو "}
help-list-sep = {"، أو "}
help-list-last = {"، أو "}
cmd-start = البداية والقائمة الرئيسية
cmd-summary = ملخص الخبر
cmd-full = النص الكامل
cmd-sections = أقسام الخبر
cmd-quotes = اقتباسات متحدث (يمكنك كتابة الاسم بعد الأمر)
cmd-people = مَن في الخبر
cmd-language = لغة الواجهة
cmd-help = المساعدة
cmd-cancel = إلغاء العملية الجارية
cmd-search = البحث في الخبر (اكتب الكلمات بعد الأمر)

## Corrections and withdrawals
corrected-on = صُحِّح في { $date }
btn-corrections = 📝 التصحيحات
corrections-title = تصحيحات المحررين
correction-sections = في: { $sections }
list-sep = {"، "}
withdrawn-by = سحبه المحررون في { $date }:
withdrawn-toast = سحبه المحررون: { $note }

## Notices
untranslated-note = يُعرض بالإنجليزية، لغته الأصلية: لا ترجمة عربية له بعد.
cancel-nothing = لا شيء لإلغائه.
story-gone = سُحب هذا الخبر. أرسل {"\u2068"}/stories{"\u2069"} لتختار خبراً آخر.
stale-button = هذا الزر لم يعد صالحاً. افتح القائمة من جديد.
error-generic = حدث خطأ ما. حاول مرة أخرى بعد قليل.
slow-down = مهلاً! وصلتني رسائل كثيرة بسرعة. انتظر لحظة ثم حاول مجدداً.

## Typed text and search
hint-media = أقرأ النصوص فقط. اكتب اسماً أو بضع كلمات لأبحث عنها في الخبر، أو اختر من القائمة:
search-title = { $count ->
    [one] البحث عن «{ $query }»: مقطع واحد
    [two] البحث عن «{ $query }»: مقطعان
    [few] البحث عن «{ $query }»: { ISOLATE($count) } مقاطع
   *[other] البحث عن «{ $query }»: { ISOLATE($count) } مقطعاً
}
search-page = الصفحة { ISOLATE($n) } من { ISOLATE($total) }
search-none = لا شيء في هذا الخبر يطابق «{ $query }».
search-did-you-mean = هل تقصد:
search-usage = أرسل الكلمات التي تبحث عنها بعد الأمر، مثلاً { $example }
search-from-section = 📄 { $section }
search-headline = 📰 العنوان
search-quote = { $gender ->
    [f] 💬 قالت { $name }:
   *[other] 💬 قال { $name }:
}
search-statement = 🗣 { $name }، بحسب الخبر:
search-fact = 🗂 { $card }: { $label }
search-summary = 📝 الملخص
btn-suggest = 🔎 { $text }؟
btn-try-again = 🔁 حاول مجدداً
link-unknown = هذا الرابط لا يؤدي إلى شيء في هذا الخبر. هذه قائمته:

## Inline mode and sharing
btn-share = ↗️ مشاركة
btn-copy = 📋 نسخ
inline-quote-title = اقتباس · { $name }
inline-full-title = الخبر كاملاً
inline-full-hint = المقال كله، قسماً قسماً، في البوت.
inline-read = 📖 اقرأ الخبر
inline-read-full = 📖 اقرأ النص الكامل
inline-more = … البقية في البوت.
inline-open-bot = افتح الخبر في البوت
inline-nothing = لا نتائج · افتح البوت
inline-placeholder = ابحث في الخبر…
inline-statement-title = منسوب · { $name }
inline-statement-by = — كما ينقل الخبر عن { $name } (ليس اقتباساً مباشراً)
bot-short-description = الأخبار بالعربية والإنجليزية: ملخص، والنص الكامل، والاقتباسات، والتعريف بمن في الخبر.
bot-description = يقدّم لك «خبر» الأخبار بالعربية والإنجليزية كما تحب أن تقرأها: ملخصاً، أو النص الكامل، أو قسماً قسماً، أو اقتباسات كل متحدث، مع التعريف بمن في الخبر. اكتب اسماً أو كلمة لتبحث في الخبر. اضغط «ابدأ» لتبدأ.
bot-description-stories = الأخبار الآن:
group-language-toast = يكتب البوت في هذه المجموعة { $lang ->
    [ar] بالعربية
   *[en] بالإنجليزية
  } للجميع. لتقرأ بالعربية، راسله في محادثة خاصة.

## Following and pushes
btn-follow = 🔔 متابعة
cmd-follow = تابع الأخبار الجديدة أو تصحيحات خبر أو شخصاً
cmd-following = ما تتابعه، ومتى تصلك الإشعارات
cmd-unfollow = أوقف كل ما تتابعه
follow-title = 🔔 المتابعة
follow-you = تتابع الآن:
follow-group = تتابع هذه المجموعة:
follow-nothing = لا تتابع شيئاً بعد. اختر ما تريد أن يصلك:
follow-nothing-group = لا تتابع هذه المجموعة شيئاً بعد. اختر ما تريد أن يصلها:
follow-more = ويمكنك أيضاً أن تتابع:
topic-new = الأخبار الجديدة
topic-story = تصحيحات «{ $title }»
topic-story-short = تصحيحات «{ $title }»
topic-new-short = الأخبار الجديدة
topic-person = الأخبار الجديدة عن { $name }
follow-when-instant = تصلك الإشعارات فور نشر كل خبر.
follow-when-digest = تصلك الإشعارات في موجز يومي واحد عند الساعة { $hour }.
follow-quiet = ساعات الهدوء من { $from } إلى { $to }: تصل فيها الإشعارات بلا صوت.
follow-zone = المنطقة الزمنية: { $zone }.
btn-follow-new = 🔔 الأخبار الجديدة
btn-follow-story = 🔔 تصحيحات هذا الخبر
btn-follow-person = 🔔 { $name }
btn-unfollow = 🔕 إلغاء متابعة { $topic }
btn-when = ⏰ التوقيت
btn-quiet = 🌙 ساعات الهدوء
btn-unfollow-all = 🔕 أوقف كل شيء
btn-back-follow = ↩️ رجوع
followed-new = 🔔 تم: ستصلك الأخبار الجديدة هنا فور نشرها.
followed-new-group = 🔔 تم: ستصل الأخبار الجديدة إلى هذه المجموعة فور نشرها.
followed-topic = 🔔 تتابع الآن: { $topic }.
follow-already = تتابع هذا من قبل: { $topic }.
follow-name-none = لا تذكر الأخبار أحداً باسم «{ $name }». هذا ما يمكنك متابعته:
follow-name-many = يطابق «{ $name }» أكثر من شخص. اختر واحداً من الأزرار:
follow-unknown = لا شيء بهذا الاسم لتتابعه. هذا ما يمكنك متابعته:
unfollowed-topic = 🔕 أوقفتَ متابعة: { $topic }.
unfollow-ask = أتريد إيقاف كل ما تتابعه هنا؟ لن يُرسَل شيء بعد ذلك حتى تتابع من جديد.
btn-unfollow-yes = 🔕 نعم، أوقف الكل
btn-unfollow-keep = ↩️ أبقِها
unfollowed-all = 🔕 تم الإيقاف. لن يُرسَل إلى هنا شيء بعد الآن.
unfollow-nothing = لا شيء لإيقافه: لا متابعة هنا.
follow-first = تابِع شيئاً أولاً، ثم اختر متى يصلك.
group-admins-only = لا يغيّر ما تتابعه هذه المجموعة إلا مشرفوها.
when-title = ⏰ متى تصلك الإشعارات
when-hint = اختر أن يصلك كل خبر فور نشره، أو اختر ساعة لموجز يومي واحد يجمع كل ما نُشر منذ الموجز السابق:
btn-instant = ⚡ فور النشر
when-set-instant = سيصلك كل خبر فور نشره.
when-set-digest = موجز يومي واحد عند الساعة { $hour }.
quiet-title = 🌙 ساعات الهدوء
quiet-hint = تصل الإشعارات في هذه الساعات بلا صوت. اختر الفترة:
quiet-now = الآن: من { $from } إلى { $to }.
quiet-now-none = الآن: لا ساعات هدوء.
quiet-window = { $from }–{ $to }
btn-quiet-off = بلا ساعات هدوء
quiet-set = ساعات الهدوء: من { $from } إلى { $to }.
quiet-set-off = لا ساعات هدوء: تصل كل الإشعارات بصوت.
zone-title = 🕒 منطقتك الزمنية
zone-hint = لا يُخبر تيليغرام البوتات بمكانك. اختر أقرب مدينة إليك، أو فرق توقيتك عن التوقيت العالمي، لتكون الساعات التي تختارها بتوقيتك:
zone-hint-offsets = اختر فرق توقيتك عن التوقيت العالمي (قد يختلف بساعة في الصيف حيث تُقدَّم الساعة):
zone-ask = بقي أمر واحد: منطقتك الزمنية.
zone-now = الآن: { $zone }.
zone-set = المنطقة الزمنية: { $zone }.
btn-zone-is = 🕒 المنطقة الزمنية: { $zone }
btn-offsets = 🌐 فرق التوقيت
btn-zones-back = ↩️ المدن
push-new = 🆕 خبر جديد · { $date }
push-corrected = ✏️ تصحيح: { $note }
push-corrected-on = تصحيح بتاريخ { $date }
push-corrected-mark = ✏️ صُحّح في { $date }
push-withdrawn = ⛔ سحبه المحررون: { $note }
btn-stop-these = 🔕 أوقف هذه
btn-undo = ↩️ تراجع
btn-read-story = 📖 اقرأ الخبر
btn-all-stories = 📚 كل الأخبار
stopped-these = 🔕 أوقفتَ متابعة: { $topic }. اضغط «تراجع» لتعود إليها.
stop-undone = 🔔 عادت المتابعة: { $topic }.
digest-title = { $count ->
    [zero] 📰 موجزك اليومي: لا أخبار جديدة
    [one] 📰 موجزك اليومي: خبر جديد واحد
    [two] 📰 موجزك اليومي: خبران جديدان
    [few] 📰 موجزك اليومي: { ISOLATE($count) } أخبار جديدة
    [many] 📰 موجزك اليومي: { ISOLATE($count) } خبراً جديداً
   *[other] 📰 موجزك اليومي: { ISOLATE($count) } خبر جديد
}
digest-more = { $count ->
    [one] …وخبر آخر.
    [two] …وخبران آخران.
    [few] …و{ ISOLATE($count) } أخبار أخرى.
    [many] …و{ ISOLATE($count) } خبراً آخر.
   *[other] …و{ ISOLATE($count) } خبر آخر.
}
source-label = المصدر:
source-sep = ،{" "}
source-author = بقلم { $author }
btn-report = ✍️ أبلغ عن خطأ
btn-report-answerable-off = ☐ يمكن للمحررين الرد عليّ
btn-report-answerable-on = ☑️ يمكن للمحررين الرد عليّ
btn-report-cancel = ✖️ إلغاء
cmd-report = أبلغ المحررين عن خطأ في الخبر
report-ask = ما الخطأ في «{ $title }»؟ اكتبه في رسالة واحدة وسأرسلها إلى المحررين دون اسمك، إلا إذا سمحت لهم بالرد عليك.
report-private-only = أرسل {"\u2068"}/report{"\u2069"} في محادثة خاصة معي لتبلغ المحررين عن خطأ.
report-limit = أرسلت اليوم { ISOLATE($count) } بلاغات، وهو الحد اليومي. شكراً لك، ويمكنك الإبلاغ من جديد غداً.
report-text-only = اكتب ما الخطأ نصاً في رسالة واحدة، أو اضغط «إلغاء».
report-cancelled = أُلغي البلاغ.
report-sent = شكراً لك. وصل بلاغك إلى المحررين دون اسمك.
report-sent-answerable = شكراً لك. وصل بلاغك إلى المحررين، وقد يردون عليك هنا.
report-failed = تعذر إيصال بلاغك الآن. حاول بعد قليل؛ ما كتبته لم يُحفظ.
report-answer-head = ✉️ رد المحررين على بلاغك عن «{ $title }»:
report-editors-head = ✍️ بلاغ من قارئ
report-editors-story = الخبر: { $title } ({ $id })
report-editors-screen = الشاشة: { $screen }
report-editors-passage = المقطع:
report-editors-words = كلمات القارئ:
report-editors-anonymous = لم يطلب القارئ رداً (بلاغ دون اسم).
report-editors-answerable = يقبل القارئ ({ $name }) الرد: ردّوا على هذه الرسالة ليصله ردكم.
report-screen-menu = الشاشة الأولى
report-screen-full = النص الكامل { $lang }
report-screen-section = القسم «{ $title }» ({ $id })
report-screen-summary = الملخص
report-screen-item = { $kind } { $id }
report-no-answer = لا يمكن إيصال هذا الرد: لم يطلب القارئ رداً، أو انقضت مدته.
report-answer-text-only = يُرسل الرد نصاً فقط.
report-relayed = ✓ أُرسل الرد إلى القارئ.
report-relay-failed = تعذر إيصال الرد إلى القارئ (ربما أوقف البوت).
report-unavailable = لا يستقبل هذا البوت بلاغات الأخطاء بعد. هذه قائمة الخبر:
