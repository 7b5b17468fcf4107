# Arabic interface. Strings only: the story itself lives in content/.
# Shown numbers go through ISOLATE() so their digits cannot reorder the Arabic around them; string
# placeables with Latin letters are isolated in code, and every line gets a right-to-left mark when it
# needs one (src/bot/render/bidi.ts, src/bot/i18n.ts).

## Start and menu
start-greeting = أهلاً بك في «خبر»، قارئ الأخبار على تيليغرام.
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
stories-page = الصفحة { ISOLATE($n) } من { ISOLATE($total) }
cmd-stories = كل الأخبار، الأحدث أولاً
not-in-story = لا يتضمن هذا الخبر ما طلبت. إليك ما فيه:

## Language
language-title = اختر لغة الواجهة:
language-set = صارت الواجهة بالعربية.
language-set-group = صارت هذه المحادثة بالعربية، وتبقى محادثتك الخاصة مع البوت بلغتها.

## Help
help-title = المساعدة
help-intro = يقدّم لك هذا البوت خبراً واحداً كما تحب أن تقرأه: { $ways }.
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
search-quote = 💬 قال { $name }:
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
