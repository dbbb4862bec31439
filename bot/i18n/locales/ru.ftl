# Russian texts: the default language. Messages are HTML (parse_mode=HTML); variables are
# escaped by the code, so write tags here and never in a variable.

## Command menu

cmd-start = Главное меню
cmd-my_items = Мероприятия моих ведомств
cmd-update = Сообщить о ходе выполнения
cmd-item = Карточка мероприятия: /item 4.1
cmd-history = История отчётов: /history 4.1
cmd-year = Итоги года для годового отчёта
cmd-subscribe = Выбрать своё ведомство
cmd-unsubscribe = Выйти из ведомства
cmd-settings = Язык, часовой пояс, напоминания
cmd-cancel = Прервать текущее действие
cmd-help = Что умеет бот

## Start, help, menu

start-greeting =
    Здравствуйте, { $name }!
    Это бот дорожной карты сотрудничества { $parties } на { $start }–{ $end } гг.
start-greeting-several =
    Здравствуйте, { $name }!
    Это бот дорожных карт межрегионального сотрудничества. Их { $count }:
    • { $roadmaps }
start-roadmaps-more = и ещё { $count }
start-about =
    • показывает мероприятия вашего ведомства;
    • принимает короткие отчёты о ходе выполнения — в пару нажатий;
    • напоминает, когда пора отчитаться.
start-no-department = Для начала выберите своё ведомство. Чья это сторона?
start-pending = Ваша заявка в «{ $departments }» ждёт решения администратора (координирующего офиса) — я сообщу, когда её рассмотрят.
menu-items = 📋 Мои мероприятия
menu-report = ✍️ Сообщить о ходе
menu-subs = 🏛 Мои ведомства
menu-settings = ⚙️ Настройки
menu-help = ❓ Помощь

office-menu-missing = 📣 Кто не отчитался
office-menu-year = 📋 Итоги года
office-menu-members = 👥 Координаторы
office-menu-invite = 🔗 Пригласить
help-text =
    <b>Команды</b>
    /my_items — что ваше ведомство должно за квартал, и статусы
    /update — сообщить о ходе выполнения; быстро одним сообщением:
    <code>/update { $code } выполняется: провели переговоры</code>
    /item { $code } — карточка мероприятия
    /history { $code } — история отчётов (свои можно изменить или отозвать в течение 24 часов)
    /subscribe — выбрать своё ведомство, /unsubscribe — выйти
    /settings — язык, часовой пояс, пауза напоминаний, уведомления
    /cancel — прервать текущее действие

    Статусы: выполнено, выполняется, не начато, перенесено, есть риски.

    Дорожная карта: { $roadmap }.
    В ней { $items } { $items ->
        [one] мероприятие
        [few] мероприятия
       *[many] мероприятий
    } и { $departments } { $departments ->
        [one] ведомство
        [few] ведомства
       *[many] ведомств
    }.
    Если что-то не работает, напишите в координирующий офис — в Комитет по внешним связям Санкт-Петербурга или Департамент международных и региональных связей Томской области.

unknown-input = Я не понял сообщение. Нажмите /start, чтобы открыть меню, или /help — список команд.
unknown-about-item = Хотите сообщить о ходе выполнения { $code }? Нажмите кнопку — или напишите одним сообщением: <code>{ $code } выполняется: что сделано</code> (с двоеточием).
unknown-file = Чтобы приложить файл к отчёту, начните отчёт (/update) и пришлите файл на любом шаге — или отправьте его с подписью <code>/update { $code } выполнено: что сделано</code>.
too-many-messages = ⚠️ Слишком много сообщений подряд: я отвечаю на них по порядку, а новые пропускаю, пока не догоню. Дождитесь ответов и повторите то, что нужно.
send-text-please = Пожалуйста, отправьте текст.
error-generic = Что-то пошло не так, и действие не выполнено. Попробуйте ещё раз через минуту; если ошибка повторится, сообщите в координирующий офис.
storage-reason = { $reason ->
    [busy] база данных сейчас занята другой программой
    [full] на сервере закончилось место
    [read-only] база данных сейчас открыта только для чтения
   *[other] база данных недоступна
}
error-storage = Что-то пошло не так, и действие не выполнено: { storage-reason }. Попробуйте ещё раз через минуту; если ошибка повторится, сообщите в координирующий офис.
button-outdated = Эта кнопка устарела. Откройте меню заново: /start
cancelled = Отменено: черновик удалён. Уже сохранённые отчёты остаются как были.
cancel-nothing = Сейчас нечего отменять.
page-prev = ◀️ Назад
page-next = Дальше ▶️
btn-cancel = Отмена

## Departments and membership

subscribe-choose-party = Выберите сторону:
subscribe-choose-department = <b>{ $party }</b>: выберите ваше ведомство{ $pages ->
    [1] {""}
   *[other] {" "}(стр. { $page } из { $pages })
}:
subscribe-pending = Заявка отправлена: «{ $department }». Администратор рассмотрит её, и я сообщу о решении.
subscribe-approved = Готово: вы координатор от ведомства «{ $department }». Ваши мероприятия: /my_items
subscribe-already-pending = Заявка в «{ $department }» уже отправлена и ждёт решения.
subscribe-already-approved = Вы уже координатор от ведомства «{ $department }».
subscribe-too-soon = Новую заявку в «{ $department }» можно отправить после { $time }: предыдущая была отозвана или отклонена совсем недавно.
subscribe-no-admins = Внимание: в боте не назначены администраторы, и рассмотреть заявку пока некому. Сообщите об этом в координирующий офис.
admin-request = 🆕 Заявка: { $user } просит доступ к ведомству «{ $department }» ({ $party }).
admin-approve = ✅ Одобрить
admin-reject = ❌ Отклонить
admin-decided = { $decision ->
    [approved] ✅ Одобрено
   *[rejected] ❌ Отклонено
} ({ $admin }): { $user } — «{ $department }».
admin-already-decided = Эта заявка уже рассмотрена: { $decision ->
    [approved] одобрил(а) { $admin }
    [rejected] отклонил(а) { $admin }
    [revoked] доступ отозвал(а) { $admin }
   *[withdrawn] её отозвал сам пользователь
}, { $time }.
admin-request-withdrawn = ↩️ Заявка отозвана: { $name } больше не просит стать координатором ведомства «{ $department }».
admin-request-settled = { $decision ->
    [approved] ✅ Одобрено ({ $admin }, { $time })
    [rejected] ❌ Отклонено ({ $admin }, { $time })
    [revoked] ✖️ Доступ отозван ({ $admin }, { $time })
   *[withdrawn] ↩️ Заявку отозвал сам пользователь ({ $time })
}: { $user } — «{ $department }».
admin-only = Это действие доступно только администраторам.
member-approved = ✅ Заявка одобрена: вы координатор от ведомства «{ $department }». Ваши мероприятия: /my_items
member-rejected = Заявка в «{ $department }» отклонена. Если это ошибка, напишите в координирующий офис.
subs-title = <b>Ваши ведомства</b>
subs-line = • { $department } — { $status ->
    [approved] координатор
   *[pending] заявка на рассмотрении
}
subs-none = Вы пока не выбрали ни одного ведомства.
subs-join = ➕ Добавить ведомство
subs-leave = ✖️ Выйти: { $department }
unsubscribe-choose = Из какого ведомства выйти?
unsubscribe-ask = Выйти из «{ $department }»? Вы перестанете отчитываться за него и получать напоминания. Вернуться можно будет только по новой заявке, которую рассмотрит администратор.
btn-leave-yes = Да, выйти
btn-leave-no = Нет, остаться
unsubscribe-done = Вы больше не координатор от ведомства «{ $department }».
unsubscribe-none = Вы не состоите ни в одном ведомстве.

## Items

items-title = <b>Мероприятия ваших ведомств</b>
items-none = У вас пока нет подтверждённых ведомств. Выберите своё: /subscribe
items-pending = Ваша заявка в «{ $departments }» ждёт решения администратора (координирующего офиса) — я сообщу, когда её рассмотрят. Пока можно посмотреть /help.
items-no-data = нет данных
items-status = { $icon } { $status }, { $date }
items-pick = Откройте мероприятие кнопкой ниже.
my-items-title = <b>Мои мероприятия</b> · { $quarter }
my-items-owed = ⏳ Осталось отчитаться за { $quarter }: <b>{ $codes }</b>
my-items-owed-by = ⏳ Осталось отчитаться за { $quarter }:
my-items-owed-line = • { $department }: <b>{ $codes }</b>
my-items-all-done = ✅ За { $quarter } отчёты есть по всем мероприятиям.
my-items-closed = Дорожная карта действовала в { $start }–{ $end } гг.: за { $quarter } отчёты не собираются. Статусы ниже — последние, что были.
my-items-not-yet = Ваши дорожные карты начинаются в { $start } году: за { $quarter } отчёты ещё не собираются.
my-items-mine = { $icon } { $status }, { $date }
my-items-reported = ✅ отчёт за { $quarter } есть: { $icon } { $status }, { $date }
my-items-due = ⏳ нужен отчёт за { $quarter } · было: { $icon } { $status }, { $date }
my-items-due-none = ⏳ нужен отчёт за { $quarter } · отчётов ещё не было
my-items-done = { $icon } { $status }, { $date } — больше отчитываться не нужно
my-items-other = { $party }: { $icon } { $status }, { $date }
my-items-other-none = { $party }: нет данных
my-items-page = (стр. { $page } из { $pages })
btn-report-item = ✍️ { $code } { $title }
btn-same-all = ↔️ Без изменений по всем ({ $count })
btn-report-more = ✍️ …и ещё { $count }
btn-same-one = ↔️ Без изменений с прошлого отчёта
item-term = Срок
item-executors = Исполнители
item-statuses = Последние статусы
item-no-executors = —
btn-report = ✍️ Сообщить
btn-report-code = ✍️ Сообщить по { $code }
btn-card = 📄 Карточка { $code }
btn-same = ↔️ Без изменений
btn-history = 🗂 История
btn-back = ⬅️ К списку
item-usage = Укажите номер мероприятия, например: /item { $code }
item-unknown = Мероприятия «{ $code }» нет в дорожной карте.
item-yours = Ваши мероприятия: { $codes }
item-not-allowed = Мероприятие { $code } не относится к вашим ведомствам. Выбрать ведомство: /subscribe
request-pending = Ваша заявка ещё на рассмотрении: отчитываться по { $code } можно будет, как только администратор её одобрит.
report-not-allowed = Отчитываться по { $code } могут только подтверждённые координаторы его исполнителей, а вы к ним не относитесь. Выбрать ведомство: /subscribe
report-closed = Дорожная карта «{ $roadmap }» принимала отчёты за { $start }–{ $until } годы, отчёт по { $code } за { $year } год в неё уже не внести. Её история (/history { $code }) и годовые отчёты остаются доступны.
report-closed-next = Дорожная карта «{ $roadmap }» принимала отчёты за { $start }–{ $until } годы, отчёт по { $code } за { $year } год в неё уже не внести. Её история (/history { $code }) и годовые отчёты остаются доступны. Работа продолжается по дорожной карте «{ $next }»: /my_items
report-not-yet = Дорожная карта «{ $roadmap }» принимает отчёты с { $start } года: по { $code } за { $year } год отчитываться пока не нужно.
items-which-roadmap = Мероприятие { $code } есть в нескольких дорожных картах. О какой речь?
items-roadmap-head = 🗺 <b>{ $roadmap }</b>
items-roadmap-closed = 🗺 <b>{ $roadmap }</b> · отчёты принимались по { $until } год
items-roadmap-not-yet = 🗺 <b>{ $roadmap }</b> · отчёты с { $start } года
item-roadmap = <i>Дорожная карта: { $roadmap }</i>

## Reporting

status-done = Выполнено
status-in_progress = Выполняется
status-not_started = Не начато
status-postponed = Перенесено
status-at_risk = Есть риски
report-pick-item = По какому мероприятию сообщить о ходе выполнения?
report-pick-hint = Или одним сообщением: <code>/update { $code } выполняется: что сделано</code>
report-choose-department = { $code }: от какого ведомства вы отчитываетесь?
report-choose-status =
    <b>{ $code }</b> { $title }
    От: { $department }

    Выберите статус:
report-resumed = 📝 Продолжаем ваш черновик по { $code }:
report-status-for-comment = Какой статус у <b>{ $code }</b> { $title }?
report-comment-kept = Комментарий сохранён: «{ $comment }». Выберите статус кнопкой.
report-guess-status =
    Не понял статус { $word ->
        [none] {""}
       *[other] «{ $word }»{" "}
    }— может быть, один из этих?
    <b>{ $code }</b> { $title }
report-ask-comment = Статус: { $status }. Напишите короткий комментарий — { $kind ->
        [not_started] когда планируется начать
       *[other] что сделано
    } (до { $limit } символов) — или нажмите «Без комментария».
report-ask-comment-required = Для статуса «{ $status }» нужен комментарий: { $kind ->
        [postponed] почему и на когда перенесено
       *[other] в чём риск и что делается
    } (до { $limit } символов).
report-ask-comment-edit = Статус: { $status }. Напишите новый комментарий — или оставьте прежний: «{ $comment }».
btn-keep-comment = Оставить комментарий
btn-skip-comment = Без комментария
report-comment-too-long = Комментарий длиннее { $limit } символов ({ $length }). Сохранить его сокращённым — он закончится так: «…{ $tail }»? Или пришлите покороче.
btn-shorten = ✂️ Сохранить сокращённым
report-comment-unsavable = В тексте есть знаки, которые нельзя сохранить (возможно, повреждённый смайлик). Уберите их и отправьте текст снова.
report-ask-evidence = Если есть подтверждение — документ или фото, — прикрепите его. Или нажмите «Без вложения».
btn-skip-evidence = ⬅️ Назад, без файла
report-send-file = Пришлите документ или фото (подпись к нему станет комментарием) — или вернитесь к отчёту без файла.
report-file-attached = 📎 Файл приложен. Теперь напишите комментарий — что сделано.
report-voice = Голосовое сообщение к отчёту не приложить — напишите, пожалуйста, текстом.
report-confirm =
    Проверьте и подтвердите:

    <b>{ $code }</b> { $title }
    От: { $department }
    Статус: { $icon } { $status }
    Комментарий: { $comment }
    Вложение: { $evidence }

    <i>Новый текст заменит комментарий; документ или фото станет вложением.</i>
evidence-none = нет
evidence-document = документ { $name }
evidence-photo = фото
comment-none = —
btn-confirm = ✅ Подтвердить
btn-attach = 📎 Приложить файл
btn-replace-file = 📎 Заменить файл
btn-restore-comment = ↩️ Вернуть прежний комментарий
report-saved = ✅ Сохранено: { $code } — { $status } (от ведомства «{ $department }», { $date }).
report-saved-next = Осталось отчитаться за { $quarter }: <b>{ $codes }</b>
report-saved-all-done = За { $quarter } больше отчитываться не по чему — спасибо!
report-not-saved = ⚠️ Отчёт не сохранён: { storage-reason }. Черновик со статусом, комментарием и вложением остаётся — нажмите «Попробовать ещё раз» чуть позже.
report-not-saved-resend = ⚠️ Отчёт не сохранён: { storage-reason }. Отправьте, пожалуйста, то же сообщение ещё раз чуть позже.
btn-try-again = 🔁 Попробовать ещё раз
update-usage =
    Формат: <code>/update { $code } выполняется: что сделано</code>
    Статусы: выполнено, выполняется, не начато, перенесено, есть риски.
quarter = { $quarter } кв. { $year }
same-nothing = По { $code } от ведомства «{ $department }» ещё не было статуса — переносить нечего. Нажмите «Сообщить».
same-already = По { $code } в этом квартале уже есть статус: { $status }, { $date }.
same-saved = ↔️ Отмечено «без изменений» за { $quarter }: { $code } — { $status } (от ведомства «{ $department }»).

same-all-ask = ↔️ Отметить «без изменений» за { $quarter }? Статусы останутся прежними:
same-all-other-quarter = Это кнопка напоминания за { $was }; сейчас идёт { $quarter }.
same-all-line = <b>{ $code }</b> { $title }: { $icon } { $status }, { $date }
btn-same-all-yes = ✅ Да, без изменений ({ $count })
same-all-none = Отмечать нечего: за { $quarter } по всем вашим мероприятиям уже есть отчёт, или статусов по ним ещё не было.
same-all-done = ↔️ Отмечено «без изменений» за { $quarter }: { $count } { $count ->
        [one] мероприятие
        [few] мероприятия
       *[many] мероприятий
    }.
same-all-again = За { $quarter } «без изменений» уже отмечено.

## History

history-title = <b>История { $code }</b>{ $pages ->
    [1] {""}
   *[other] {" "}(стр. { $page } из { $pages })
}
history-empty = По { $code } ещё нет отчётов.
history-entry =
    <b>{ $date }</b> · { $party } · { $department }
    { $author }: { $icon } { $status }{ $edited ->
        [yes] {" "}(изменено)
       *[no] {""}
    }{ $carried ->
        [yes] {" "}(без изменений)
       *[no] {""}
    }
history-evidence = 📎 { $kind ->
    [photo] фото
   *[document] документ
} — кнопка «📎 #{ $id }»
history-withdrawn = 🗑 отозван автором { $date }
btn-edit = ✏️ #{ $id }
btn-withdraw = 🗑 #{ $id }
btn-file = 📎 #{ $id }
withdraw-confirm = Отозвать отчёт #{ $id } ({ $code }: { $status }, { $date })? Он останется в истории с пометкой «отозван».
btn-withdraw-yes = Да, отозвать
btn-withdraw-no = Нет, оставить
withdraw-done = Отчёт #{ $id } отозван.
withdraw-kept = Отчёт #{ $id } оставлен.
year-card-head = <b>Итоги { $year } года</b> для годового отчёта · { $position } из { $total } · подтверждено { $done }
year-card-from = От: { $department }
year-card-status = Статус: { $icon } { $status }, { $date }
year-card-status-none = Статус: нет данных
year-card-stale = ⚠️ Статус от { $date } — он ещё актуален? Подтверждая текст, вы подтверждаете и статус «{ $status }» на сегодня; если он изменился, нажмите «Обновить статус».
year-card-confirmed = ✅ Подтверждено: { $name }, { $date }
year-card-text = Текст для отчёта:
year-card-empty = За { $year } год отчётов по нему не было. Напишите итоги года для отчёта — или сообщите статус.
year-left = <b>Итоги { $year } года</b>: осталось подтвердить { $count } — { $codes }. Нажмите мероприятие, чтобы открыть.
year-all-done = ✅ <b>Итоги { $year } года</b> подтверждены по всем вашим мероприятиям — спасибо! Открыть любое: кнопки ниже.
year-saved = ✅ Итоги по { $code } подтверждены.
year-saved-already = Итоги по { $code } уже были подтверждены в этом виде.
year-empty-confirm = Подтверждать пока нечего: отчётов за год не было. Напишите итоги («Написать итоги») или сообщите статус.
year-too-long = Текст длиннее { $limit } символов ({ $length }). Пришлите покороче.
year-too-long-keep = Текст длиннее { $limit } символов ({ $length }). Сохранить его сокращённым — он закончится так: «…{ $tail }»? Или пришлите покороче.
year-ask-fix = Напишите итоги { $year } года по { $code } так, как их должен прочитать офис (до 2000 символов). Сейчас в отчёте:
year-ask-write = Напишите итоги { $year } года по { $code } так, как их должен прочитать офис: что сделано за год (до 2000 символов).
year-round-start = 📝 Итоги { $year } года для годового отчёта
btn-year-ok = ✅ Подтвердить
btn-year-fix = ✏️ Исправить
btn-year-write = ✏️ Написать итоги
btn-year-status = 🔄 Обновить статус
btn-year-next = ⏭ Дальше
btn-year-list = 📋 Все итоги года
btn-year-start = ▶️ Проверить итоги
edit-too-late = Изменить или отозвать отчёт может только его автор и только в течение 24 часов.
edit-start = Изменение отчёта #{ $id } по { $code }. Выберите статус:
edit-saved = ✏️ Отчёт #{ $id } изменён: { $code } — { $status }.
update-gone = Этот отчёт не найден: возможно, он уже отозван.

## Notices

notice-counterpart =
    🔔 { $party }: «{ $department }» сообщает по { $code } ({ $title }):
    { $icon } { $status }{ $comment }
notice-footer = Отключить такие уведомления: /settings
btn-open = Открыть { $code }

## Settings

settings-text =
    <b>Настройки</b>
    Язык: { $language }
    Часовой пояс: { $timezone }
    Напоминания: { $paused ->
        [no] включены
       *[yes] на паузе до { $until }
    }
    Уведомления об отчётах другой стороны: { $notices ->
        [yes] включены
       *[no] выключены
    }
language-name = русский
tz-auto = по ведомству
btn-tz = 🕒 { $zone }
btn-tz-auto = 🕒 По ведомству
btn-pause-2w = ⏸ Пауза 2 недели
btn-pause-1m = ⏸ Пауза месяц
btn-pause-date = 📅 Пауза до даты…
btn-resume = ▶️ Возобновить напоминания
btn-notices-on = 🔔 Включить уведомления
btn-notices-off = 🔕 Выключить уведомления
settings-ask-date = Напишите дату окончания паузы, например { $example } (можно без года).
settings-bad-date = Не понял дату. Напишите её так: { $example } (не раньше завтрашнего дня и не дальше чем через год).
settings-saved = Сохранено.
use-buttons = Выберите вариант кнопкой выше — или /cancel, чтобы прервать.

use-buttons-status = Выберите статус кнопкой выше — или /cancel, чтобы прервать.
## Reminders

remind-quarterly = ⏰ Квартал заканчивается { $end }. За { $quarter } ещё нет отчёта по этим мероприятиям:
remind-yearend = 📝 Итоги { $year } года для годового отчёта (срок { $due }): проверьте, что отчёт скажет о ваших мероприятиях, и подтвердите — по одному нажатию на каждое. Ждут подтверждения:
remind-annual = ⏰ Годовой отчёт за { $year } г. — до { $due } (осталось { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    }). Не подтверждены итоги года по этим мероприятиям:
remind-overdue = ❗ Срок годового отчёта ({ $due }) прошёл, а итоги { $year } г. не подтверждены по этим мероприятиям:
remind-footer = Нажмите кнопку мероприятия, чтобы сообщить о ходе выполнения. Отпуск? Пауза напоминаний: /settings
remind-yearend-footer = Текст собран из ваших отчётов за год; его можно исправить. Отпуск? Пауза напоминаний: /settings
digest-head = 📊 <b>Годовой отчёт за { $year } г.</b>: срок { $due } прошёл.
digest-complete = 📊 Годовой отчёт за { $year } г.: итоги года подтверждены по всем мероприятиям — /report { $year }.
reminders-inactive = Напоминания сейчас не отправляются: дорожная карта действует в { $start }–{ $end } гг.

## Admin

report-bad-year = Укажите год дорожной карты: от { $start } до { $end }, например /{ $command } { $end }.
report-caption = Отчёт о ходе выполнения за { $year } г.: { $updates } { $updates ->
        [one] отчёт
        [few] отчёта
       *[many] отчётов
    } координаторов. Итоги года подтверждены: { $confirmed } из { $total }; неподтверждённые помечены в отчёте, а кто их должен — в /missing { $year }.
cmd-report = Годовой отчёт (DOCX и XLSX), для администраторов
requests-none = Заявок на рассмотрении нет.
requests-more = …и ещё { $count }. Рассмотрите эти, затем снова /requests.
members-title = <b>Координаторы по ведомствам</b>
members-nobody = <i>нет координатора</i>
members-unreachable = (⚠️ заблокировал бота)
btn-revoke = ✖️ { $member }
members-revoked = Доступ отозван: { $user } — «{ $department }».
member-revoked = Администратор отозвал ваш доступ к ведомству «{ $department }». Если это ошибка, напишите в координирующий офис.
members-page = (стр. { $page } из { $pages })
members-revoke-ask = Отозвать доступ к ведомству «{ $department }»?
    Координатор: { $user }.
    Он(а) больше не сможет отчитываться за ведомство и перестанет получать напоминания; вернуться можно будет только по новой заявке.
btn-revoke-yes = Да, отозвать

## Invite links (/invite)

cmd-invite = Ссылки-приглашения для ведомств (админ)
invite-choose = <b>Ссылка-приглашение</b>: для какого ведомства? Сначала ведомства без координатора ({ $without }){ $pages ->
    [1] {""}
   *[other] {" "}— стр. { $page } из { $pages }
}.
invite-legend = ⚪ нет координатора · 👤 есть координатор · 🔗 ссылка уже есть
invite-links-title = <b>Действующие ссылки-приглашения</b>{ $pages ->
    [1] {""}
   *[other] {" "}(стр. { $page } из { $pages })
}
invite-link-made = создана { $date }, заявок по ней: { $uses }
invite-links-none = Действующих ссылок-приглашений нет.
btn-invite-revoke = ✖️ Отозвать: { $department }
invite-created = { $new ->
    [yes] 🔗 Ссылка-приглашение для ведомства «{ $department }» ({ $party }) готова.
   *[no] 🔗 У «{ $department }» ({ $party }) уже есть действующая ссылка: создана { $date }, заявок по ней: { $uses }.
} Перешлите в ведомство следующее сообщение. { $mode ->
    [open] Открывший ссылку сразу станет координатором: заявки в боте одобряются без проверки.
   *[approval] Заявки по ссылке придут вам на одобрение, как обычно.
} Отозвать ссылку: /invite
invite-forward = 📨 Приглашение в бот дорожной карты { $parties }.
    Ведомство: «{ $department }» ({ $party }).
    Чтобы стать координатором от ведомства, откройте ссылку и нажмите кнопку в ответе бота:
    { $link }
invite-offer = Вас пригласили координатором от ведомства «{ $department }» ({ $party }) в бот дорожной карты { $parties }.
    { $mode ->
        [open] Нажмите кнопку — и вы координатор: бот покажет мероприятия ведомства и напомнит, когда пора отчитаться.
       *[approval] Нажмите кнопку, чтобы отправить заявку: её рассмотрит координирующий офис, и я сообщу о решении.
    }
btn-invite-join = { $mode ->
    [open] ✅ Стать координатором
   *[approval] 📨 Отправить заявку
}
invite-malformed = Ссылка-приглашение не распознана: похоже, она скопирована не полностью. Попросите координирующий офис прислать её ещё раз.
invite-unknown = Такой ссылки-приглашения нет. Попросите координирующий офис прислать новую.
invite-revoked = Ссылка-приглашение для ведомства «{ $department }» отозвана. Попросите новую в координирующем офисе.
invite-choose-yourself = Или выберите ведомство сами: сначала сторону. Главное меню: /start
invite-revoked-done = Ссылка для ведомства «{ $department }» отозвана.
invite-revoke-ask = Отозвать ссылку-приглашение для ведомства «{ $department }»? Кто откроет её после этого, получит отказ; понадобится новая ссылка.
btn-invite-revoke-yes = ✖️ Да, отозвать
invite-already-revoked = Эта ссылка уже отозвана.
audit-title = <b>Журнал изменений</b>
audit-title-page = <b>Журнал изменений</b> · стр. { $page } из { $pages }
audit-filter = Отбор «{ $text }»: { $matched }
audit-and-more = и ещё { $count }
audit-department = «{ $department }»
audit-item = мероприятие { $code }
audit-none = Изменений пока не было.
audit-none-found = По этому отбору изменений пока не было.
audit-no-match = По «{ $text }» не нашлось ни мероприятия, ни ведомства, ни человека из журнала. Попробуйте номер мероприятия (4.1), часть названия ведомства или имени, @username или id; /audit без слов — весь журнал.
btn-audit-older = ← Раньше
btn-audit-newer = Позже →
audit-membership-request = { $actor } { $gender ->
        [female] подала
        [male] подал
       *[other] подал(а)
    } заявку в «{ $department }»
audit-membership-join = { $actor } { $gender ->
        [female] стала
        [male] стал
       *[other] стал(а)
    } координатором «{ $department }»
audit-membership-approve = { $actor } { $gender ->
        [female] одобрила
        [male] одобрил
       *[other] одобрил(а)
    } заявку: { $member } — координатор ведомства «{ $department }»
audit-membership-reject = { $actor } { $gender ->
        [female] отклонила
        [male] отклонил
       *[other] отклонил(а)
    } заявку: { $member } в «{ $department }»
audit-membership-revoke = { $actor } { $gender ->
        [female] отозвала
        [male] отозвал
       *[other] отозвал(а)
    } доступ: { $member } больше не координатор ведомства «{ $department }»
audit-membership-leave = { $actor } { $gender ->
        [female] вышла
        [male] вышел
       *[other] вышел(а)
    } из ведомства «{ $department }»
audit-report-withdraw = { $actor } { $gender ->
        [female] отозвала
        [male] отозвал
       *[other] отозвал(а)
    } отчёт по { $code }
audit-yearend-confirm = { $actor } { $gender ->
        [female] подтвердила
        [male] подтвердил
       *[other] подтвердил(а)
    } итоги года по { $code } ({ $year })
audit-yearend-correct = { $actor } { $gender ->
        [female] написала
        [male] написал
       *[other] написал(а)
    } свой текст итогов года по { $code } ({ $year })
audit-admin-report = { $actor } { $gender ->
        [female] скачала
        [male] скачал
       *[other] скачал(а)
    } отчёт за { $year } год
audit-admin-nudge = { $actor } { $gender ->
        [female] напомнила
        [male] напомнил
       *[other] напомнил(а)
    } { $count } { $count ->
        [one] координатору
       *[other] координаторам
    } ({ $period })
audit-admin-nudge-department = { $actor } { $gender ->
        [female] напомнила
        [male] напомнил
       *[other] напомнил(а)
    } { $count } { $count ->
        [one] координатору
       *[other] координаторам
    } ведомства «{ $department }» ({ $period })
audit-admin-nudge-none = { $actor } { $gender ->
        [female] нажала
        [male] нажал
       *[other] нажал(а)
    } «Напомнить» ({ $period }), но напоминать было некому
audit-invite-create = { $actor } { $gender ->
        [female] создала
        [male] создал
       *[other] создал(а)
    } приглашение для ведомства «{ $department }»
audit-invite-create-any = { $actor } { $gender ->
        [female] создала
        [male] создал
       *[other] создал(а)
    } приглашение
audit-invite-revoke = { $actor } { $gender ->
        [female] отозвала
        [male] отозвал
       *[other] отозвал(а)
    } приглашение для ведомства «{ $department }»
audit-invite-revoke-any = { $actor } { $gender ->
        [female] отозвала
        [male] отозвал
       *[other] отозвал(а)
    } приглашение
audit-invite-use = { $actor } { $gender ->
        [female] подала
        [male] подал
       *[other] подал(а)
    } заявку по ссылке-приглашению: ведомство «{ $department }»
audit-other = { $actor }: другое изменение{ $context }
missing-usage = Формат: /missing — текущий квартал, /missing year — итоги текущего года, /missing 2021 — итоги 2021 года.
missing-title = <b>Нет отчёта за { $period }</b> ({ $start } — { $end })
missing-title-year = <b>Итоги { $year } г. не подтверждены</b> (срок годового отчёта { $due })
btn-missing-invite = 🔗 Пригласить ведомства без координатора
missing-nudged-today = ✔️ Сегодня уже напомнили
missing-confirmed = ✅ Подтверждено итогов: { $confirmed } из { $total }.
missing-title-year-overdue = <b>Итоги { $year } г. не подтверждены</b> — срок годового отчёта { $due } прошёл
missing-page = · стр. { $page } из { $pages }
missing-none-year = Итоги года подтверждены по всем мероприятиям: годовой отчёт готов — /report { $year }.
missing-round-later = Координаторов попросят подтвердить итоги с { $date }.
missing-chaseable = 📣 Можно напомнить: { $departments } { $departments ->
        [one] ведомство
        [few] ведомства
       *[many] ведомств
    } ({ $people } { $people ->
        [one] координатор
        [few] координатора
       *[many] координаторов
    }).
missing-nobody-to-chase = Напомнить некому: ни у одного из этих ведомств нет координатора.
missing-orphans = Без координатора: { $departments } { $departments ->
        [one] ведомство
        [few] ведомства
       *[many] ведомств
    } — пригласите их: /invite
missing-orphans-head = <b>Без координатора — { $side }</b>
btn-nudge-department = 📣 { $department }
btn-nudge-all = 📣 Напомнить всем ({ $count })
btn-nudge-send = 📣 Отправить ({ $count })
nudge-head = <b>Напоминание за { $period }</b>: «{ $department }»
nudge-head-all = <b>Напоминание за { $period }</b>: всем, кому можно напомнить
nudge-recipients = Получат ({ $count }):
nudge-what-year = Каждый получит своё: «📣 Координирующий офис напоминает: подтвердите итоги { $year } г.…», список своих мероприятий и кнопку «Проверить итоги».
nudge-what = Каждый получит своё: «📣 Координирующий офис напоминает: за { $period } нет отчёта…», список своих мероприятий и кнопки, чтобы отчитаться.
nudge-broke-off = ⚠️ Отправка прервалась. Нажмите «Напомнить» ещё раз: кто уже получил, второй раз не получит.
nudge-more = …и ещё { $count }
nudge-already-all = Сегодня им уже напомнили — второй раз не отправляю.
nudge-nobody = Напоминать некому: всё сдано, у ведомства нет координатора или напоминания у всех на паузе.
nudge-sending = ⏳ Отправляю напоминания: { $count }…
nudge-sent = ✅ Отправлено: { $count }.
nudge-result-later = ⏳ Telegram просит подождать — уйдут сами чуть позже: { $count }.
nudge-result-blocked = 🚫 Не доставлено, бот заблокирован: { $count }.
nudge-result-rejected = ⚠️ Telegram не принял сообщение: { $count }.
nudge-result-failed = ⚠️ Не удалось отправить (сбой связи): { $count } — попробуйте позже.
nudge-result-already = Уже напоминали сегодня: { $count }.
nudge-skipped-paused = ⏸ На паузе напоминаний: { $count }.
nudge-skipped-unreachable = 🚫 Недоступны (бот заблокирован): { $count }.
nudge-cancelled = Отменено, ничего не отправлено.
nudge-text-year = 📣 Координирующий офис дорожной карты напоминает: подтвердите итоги { $year } г. по этим мероприятиям — они войдут в годовой отчёт:
missing-none = Все ведомства отчитались по всем мероприятиям.
year-label = { $year } г.
nudge-text = 📣 Координирующий офис дорожной карты напоминает: за { $period } нет отчёта по этим мероприятиям:
stats-title = <b>Ход выполнения на { $date }</b> — последний статус каждой стороны по каждому мероприятию
stats-legend = { $legend }
stats-chart-title = Статусы мероприятий по разделам
stats-chart-x = Раздел дорожной карты
stats-chart-y = Мероприятия × стороны
cmd-requests = Заявки координаторов (админ)
cmd-members = Координаторы по ведомствам (админ)
cmd-missing = Кто не отчитался (админ)
cmd-stats = Ход выполнения и диаграмма (админ)
cmd-audit = Журнал изменений (админ)
start-admin =
    Вы администратор (координирующий офис):
    /missing — кто не отчитался: по ведомствам, с напоминанием; /missing { $year } — чьи итоги года не подтверждены
    /report — годовой отчёт «Информация о ходе выполнения» (DOCX и XLSX)
    /stats — ход выполнения и диаграмма
    /requests — заявки координаторов, /members — координаторы, /audit — журнал изменений
    /invite — ссылка-приглашение для ведомства без координатора
    /roadmaps — дорожные карты и продление отчётов; новую или исправленную загрузите, прислав боту её DOCX
    /offices — офисы дорожных карт: кто ведёт каждую
    Если вы также координатор ведомства, выберите его: /subscribe

## roadmaps: the office loads roadmaps from a file, /roadmaps
cmd-roadmaps = Дорожные карты: загрузка и продление (админ)
roadmaps-file = 📥 <b>Дорожная карта из файла «{ $file }»</b>
roadmaps-parties = Стороны: { $parties }
roadmaps-period = Период: { $period }
roadmaps-counts = Разделов: { $sections }, мероприятий: { $items }, ведомств: { $departments }
roadmaps-recognised = Уже известны боту: { $count } — { $names }
roadmaps-recognised-none = Все ведомства для бота новые.
roadmaps-look-alike = ⚠️ Похожи на уже известные, но названы иначе ({ $count }) — после загрузки это будут разные ведомства; если это одно и то же, поправьте название в документе:
roadmaps-and-more = и ещё { $count }
roadmaps-new = 🆕 Новая дорожная карта, получит № { $number }: «{ $name }». Загрузить?
roadmaps-edition = ✏️ Исправленная редакция дорожной карты № { $number } «{ $name }»:
roadmaps-added = ➕ добавлены ({ $count }): { $codes }
roadmaps-changed = ✏️ изменены ({ $count }): { $codes }
roadmaps-retired = ➖ исключены ({ $count }): { $codes } — отчёты по ним сохранятся в истории и в годовых отчётах
roadmaps-same-items = Мероприятия те же; изменились заголовок, разделы или часовые пояса сторон.
roadmaps-unchanged = Эта редакция уже загружена: № { $number } «{ $name }». Загружать нечего.
roadmaps-outdated = ⚠️ Пока вы смотрели, другой администратор загрузил другую редакцию этой дорожной карты. Ничего не загружено — вот что изменится теперь:
roadmaps-loaded = ✅ Дорожная карта загружена: № { $number } «{ $name }», мероприятий: { $items }.
    Координаторы ведомств-исполнителей видят её мероприятия в /my_items; новые координаторы выбирают ведомство через /subscribe.
    Для ведомств без координатора сделайте ссылку-приглашение: /invite
roadmaps-unreadable = ❌ Файл «{ $file }» не загружен — его не удалось прочитать как дорожную карту:
    <blockquote>{ $reason }</blockquote>
    Ничего не изменилось. Если это файл к отчёту, начните отчёт: /update
roadmaps-too-big = ❌ Файл больше { $limit } МБ — бот не может его скачать. Пришлите DOCX поменьше или его текст (.txt).
roadmaps-not-downloaded = ❌ Не удалось получить файл «{ $file }» из Telegram. Пришлите его ещё раз.
roadmaps-cancelled = Загрузка отменена, ничего не изменилось.
roadmaps-not-admin = Загружать дорожные карты могут только администраторы бота — этот файл не загружен.
roadmaps-ask-zone = 🌐 «{ $party }» — не субъект Российской Федерации, и бот не знает часовой пояс этой стороны. В каком поясе работают её ведомства?
roadmaps-btn-load = ✅ Загрузить
roadmaps-btn-more = ➕ Продлить № { $number } до { $year } г.
roadmaps-btn-end = ↩️ Отменить продление № { $number }
roadmaps-list-head = <b>Дорожные карты</b> ({ $first }–{ $last } из { $total }):
roadmaps-list-name = <b>№ { $number }</b> { $name }
roadmaps-list-period = Период: { $period }, мероприятий: { $items }
roadmaps-list-open = 🟢 принимает отчёты
roadmaps-list-later = ⏳ отчёты — с { $year } г.
roadmaps-list-closed = 🔒 отчёты закрыты с { $year } г.
roadmaps-list-successor = ↪️ следующая: «{ $name }»
roadmaps-list-extended = 📅 продлена: отчёты до { $year } г.
roadmaps-prolonged = № { $number }: отчёты принимаются до { $year } г.
roadmaps-btn-replace = ✏️ Заменить редакцию № { $number }
roadmaps-btn-new = 🆕 Загрузить как новую дорожную карту
roadmaps-retires-most = ⚠️ <b>Осторожно:</b> эта «редакция» исключила бы { $retired } из { $total } мероприятий дорожной карты № { $number }. Похоже, это другое соглашение между теми же сторонами на те же годы — тогда загрузите его как новую дорожную карту. Заменяйте, только если это точно исправленная редакция.
roadmaps-outdated-loaded = ⚠️ Пока вы смотрели, другой администратор уже загрузил эту дорожную карту.
roadmaps-row = { $place ->
        [table] Строка таблицы { $row }
       *[line] Строка { $row } файла
    }
roadmaps-error-not-docx = Это не документ DOCX, или файл повреждён. Пришлите дорожную карту в формате .docx (в Word: «Сохранить как» → «Документ Word»).
roadmaps-error-too-large = Документ внутри DOCX больше { $limit } МБ в распакованном виде — это не похоже на дорожную карту.
roadmaps-error-encrypted = Документ защищён паролем. Снимите защиту в Word и пришлите его снова.
roadmaps-error-compression = Документ упакован способом, который бот не читает. Сохраните его заново в Word и пришлите снова.
roadmaps-error-not-text = Текст дорожной карты не в кодировке UTF-8. Пришлите сам документ DOCX.
roadmaps-error-no-table = В документе не найдена таблица дорожной карты: нет шапки со столбцами исполнителей вида «от Томской области».
roadmaps-error-no-activities = Под шапкой таблицы нет ни одного пронумерованного мероприятия.
roadmaps-error-same-party = В шапке таблицы сторона «{ $party }» названа в двух столбцах.
roadmaps-error-cells = { $where }, начинается с «{ $cell }»: в ней ячеек { $found }, а в шапке таблицы { $expected }.
roadmaps-error-bad-row = { $where }: «{ $cell }» не читается ни как номер мероприятия (например, 1.2), ни как заголовок раздела (например, 3. …).
roadmaps-error-outside-section = { $where }: мероприятие { $code } не относится к разделу над ним — проверьте его номер или заголовок раздела.
roadmaps-error-duplicate = { $where }: мероприятие { $code } встречается в таблице второй раз.
roadmaps-error-duplicate-section = { $where }: раздел { $code } встречается в таблице второй раз.
roadmaps-error-before-first = { $where }: текст «{ $cell }» стоит выше первого пронумерованного мероприятия.
roadmaps-error-no-executors = { $where }: у мероприятия { $code } не указан ни один исполнитель.
roadmaps-error-no-period = Не удалось определить годы дорожной карты: их нет ни в заголовке, ни в сроках мероприятий. Укажите период в заголовке, например «на 2023 – 2025 годы».
roadmaps-error-invalid = Данные дорожной карты не сходятся: { $reason }

## offices: each roadmap's own office, /offices; an office member's scope
office-not-yours = Это ведомство не исполняет мероприятия ваших дорожных карт: решение по нему принимают администраторы или офис его дорожной карты.
office-revoke-shared = Это ведомство работает и по другим дорожным картам: отозвать доступ может администратор бота.
report-which = Годовой отчёт — по какой дорожной карте?
report-which-year = Годовой отчёт за { $year } г. — по какой дорожной карте?
report-caption-roadmap = 🗺 { $roadmap }
start-office = { $count ->
        [1] Вы в офисе дорожной карты «{ $roadmaps }». По её ведомствам и мероприятиям:
       *[other] Вы в офисах дорожных карт «{ $roadmaps }». По их ведомствам и мероприятиям:
    }
    /missing — кто не отчитался, с напоминанием; /missing { $year } — чьи итоги года не подтверждены
    /report — годовой отчёт (DOCX и XLSX)
    /stats — ход выполнения и диаграмма
    /requests — заявки координаторов, /members — координаторы, /audit — журнал изменений
    /invite — ссылка-приглашение для ведомства без координатора
offices-title = <b>Офисы дорожных карт</b>
offices-title-page = <b>Офисы дорожных карт</b> · стр. { $page } из { $pages }
offices-roadmap = 🗺 <b>№ { $number }. { $roadmap }</b>
offices-member = • { $name } (id { $id })
offices-empty = • пока никого: её ведут администраторы
offices-usage = Добавить в офис: <code>/offices 2 add</code> — и выбрать человека из тех, кто писал боту (или сразу по Telegram id: <code>/offices 2 add 123456789</code>); убрать: <code>/offices 2 remove 123456789</code> или кнопкой под списком. 2 — номер дорожной карты в списке /offices; человек должен хотя бы раз открыть бота.
offices-btn-remove = ✖️ { $name } — из офиса № { $number }
offices-mistake-no-number = Сначала укажите номер дорожной карты (он в списке /offices), затем add или remove.
offices-mistake-no-action = Не сказано, что сделать: add — добавить в офис, remove — убрать.
offices-mistake-bad-action = Понимаю только add (добавить) и remove (убрать).
offices-mistake-bad-id = После add или remove нужен Telegram id — число. Не знаете id — отправьте <code>/offices 2 add</code> без него и выберите человека из списка.
offices-mistake-no-id = Кого убрать? Укажите Telegram id (он в списке /offices) или нажмите кнопку под списком.
offices-mistake-too-many = Лишние слова: по одному человеку за раз — номер дорожной карты, add или remove и один Telegram id.
offices-pick = <b>Кого добавить в офис № { $number } «{ $roadmap }»?</b> Писавшие боту, сначала недавние · стр. { $page }
offices-pick-person = • { $name }{ $username } (id { $id })
offices-pick-nobody = Здесь больше никого нет.
offices-added = ✅ { $name } теперь в офисе дорожной карты «{ $roadmap }».
offices-already = { $name } уже в офисе дорожной карты «{ $roadmap }».
offices-removed = { $name } больше не в офисе дорожной карты «{ $roadmap }».
offices-not-member = { $name } не в офисе дорожной карты «{ $roadmap }».
offices-no-roadmap = Дорожной карты № { $number } нет. Номера — в списке /offices.
offices-unknown-person = Пользователь с id { $id } ещё не открывал бота. Попросите его отправить боту /start и добавьте снова.
offices-welcome = { $count ->
        [1] 🗺 Вас включили в офис дорожной карты «{ $roadmaps }». По её ведомствам и мероприятиям вам доступны:
       *[other] 🗺 Вас включили в офис дорожной карты «{ $roadmap }»; теперь вы в офисах дорожных карт «{ $roadmaps }». По их ведомствам и мероприятиям вам доступны:
    }
    /missing — кто не отчитался, с напоминанием
    /report — годовой отчёт, /stats — ход выполнения
    /requests — заявки координаторов (одобрить или отклонить), /members — координаторы
    /invite — ссылки-приглашения, /audit — журнал изменений
    Меню офиса — в /start.
audit-office-add = { $actor } { $gender ->
        [female] включила
        [male] включил
       *[other] включил(а)
    } { $member } в офис дорожной карты № { $count }
audit-office-remove = { $actor } { $gender ->
        [female] исключила
        [male] исключил
       *[other] исключил(а)
    } { $member } из офиса дорожной карты № { $count }
