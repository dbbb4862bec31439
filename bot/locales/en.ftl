# English texts. Messages are HTML (parse_mode=HTML); variables are escaped by the code.

cmd-start = Main menu
cmd-help = What the bot can do

start-greeting =
    Hello, { $name }!
    This is the bot of the cooperation roadmap for { $start }–{ $end }: { $parties }.
start-about =
    • shows your department's activities;
    • takes short progress reports in a couple of taps;
    • reminds you when a report is due.

help-text =
    <b>Commands</b>
    /start — main menu
    /help — this help

    Roadmap: { $roadmap }.
    It has { $items } { $items ->
        [one] activity
       *[other] activities
    } and { $departments } { $departments ->
        [one] department
       *[other] departments
    }.
    If something does not work, contact the coordinating office (the committee for external relations or the department for international and regional relations).

unknown-input = I did not understand that. Tap /start for the menu or /help for the list of commands.
error-generic = Something went wrong and nothing was done. Please try again in a minute; if it happens again, tell the coordinating office.
button-outdated = This button is outdated. Open the menu again: /start
