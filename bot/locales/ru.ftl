# Russian texts: the default language. Messages are HTML (parse_mode=HTML); variables are
# escaped by the code, so write tags here and never in a variable.

cmd-start = Главное меню
cmd-help = Что умеет бот

start-greeting =
    Здравствуйте, { $name }!
    Это бот дорожной карты сотрудничества { $parties } на { $start }–{ $end } гг.
start-about =
    • показывает мероприятия вашего ведомства;
    • принимает короткие отчёты о ходе выполнения — в пару нажатий;
    • напоминает, когда пора отчитаться.

help-text =
    <b>Команды</b>
    /start — главное меню
    /help — эта справка

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
    Если что-то не работает, напишите координатору — комитету по внешним связям или департаменту международных и региональных связей.

unknown-input = Я не понял сообщение. Нажмите /start, чтобы открыть меню, или /help — список команд.
error-generic = Что-то пошло не так, и действие не выполнено. Попробуйте ещё раз через минуту; если ошибка повторится, сообщите координатору.
button-outdated = Эта кнопка устарела. Откройте меню заново: /start
