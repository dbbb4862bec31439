# English texts. Messages are HTML (parse_mode=HTML); variables are escaped by the code.

## Command menu

cmd-start = Main menu
cmd-my_items = My departments' activities
cmd-update = Report progress
cmd-item = Activity card: /item 4.1
cmd-history = Report history: /history 4.1
cmd-year = Year-end texts for the annual report
cmd-subscribe = Choose your department
cmd-unsubscribe = Leave a department
cmd-settings = Language, time zone, reminders
cmd-cancel = Stop the current action
cmd-help = What the bot can do

## Start, help, menu

start-greeting =
    Hello, { $name }!
    This is the bot of the cooperation roadmap for { $start }–{ $end }: { $parties }.
start-greeting-several =
    Hello, { $name }!
    This is the bot of interregional cooperation roadmaps. There are { $count }:
    • { $roadmaps }
start-roadmaps-more = and { $count } more
start-about =
    • shows your department's activities;
    • takes short progress reports in a couple of taps;
    • reminds you when a report is due.
start-no-department = First choose your department. Which side is it on?
start-pending = Your request for “{ $departments }” is waiting for the office's decision; I will tell you when it is made.
menu-items = 📋 My activities
menu-report = ✍️ Report progress
menu-subs = 🏛 My departments
menu-settings = ⚙️ Settings
menu-help = ❓ Help

office-menu-missing = 📣 Who is late
office-menu-year = 📋 Year-end texts
office-menu-members = 👥 Coordinators
office-menu-invite = 🔗 Invite
help-text =
    <b>Commands</b>
    /my_items — your departments' activities and their status
    /update — report progress; in one message:
    <code>/update { $code } in progress: met the museums</code>
    /item { $code } — activity card
    /history { $code } — report history (edit or withdraw your own within 24 hours)
    /subscribe — choose your department, /unsubscribe — leave one
    /settings — language, time zone, pausing reminders, notices
    /cancel — stop the current action

    Statuses: done, in progress, not started, postponed, at risk.

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
unknown-about-item = Do you want to report progress on { $code }? Tap the button, or write it in one message: <code>{ $code } in progress: what was done</code> (with the colon).
unknown-file = To attach a file to a report, start the report (/update) and send the file at any step, or send it with the caption <code>/update { $code } done: what was done</code>.
too-many-messages = ⚠️ Too many messages at once: I answer them in order, and skip new ones until I catch up. Wait for the answers, then repeat what you need.
send-text-please = Please send text.
error-generic = Something went wrong and nothing was done. Please try again in a minute; if it happens again, tell the coordinating office.
storage-reason = { $reason ->
    [busy] the database is busy with another program
    [full] the server has run out of disk space
    [read-only] the database is read-only just now
   *[other] the database is unavailable
}
error-storage = Something went wrong and nothing was done: { storage-reason }. Please try again in a minute; if it happens again, tell the coordinating office.
button-outdated = This button is outdated. Open the menu again: /start
cancelled = Cancelled: the draft is deleted. Reports already saved stay as they were.
cancel-nothing = There is nothing to cancel.
page-prev = ◀️ Back
page-next = Next ▶️
btn-cancel = Cancel

## Departments and membership

subscribe-choose-party = Choose a side:
subscribe-choose-department = <b>{ $party }</b>: choose your department{ $pages ->
    [1] {""}
   *[other] {" "}(page { $page } of { $pages })
}:
subscribe-pending = Request sent: “{ $department }”. An admin will review it and I will tell you the decision.
subscribe-approved = Done: you are a coordinator for “{ $department }”. Your activities: /my_items
subscribe-already-pending = Your request for “{ $department }” is already waiting for a decision.
subscribe-already-approved = You are already a coordinator for “{ $department }”.
subscribe-too-soon = A new request for “{ $department }” can be sent after { $time }: the last one was withdrawn or declined only just now.
subscribe-no-admins = Note: the bot has no admins yet, so nobody can review the request. Please tell the coordinating office.
admin-request = 🆕 Request: { $user } asks to join “{ $department }” ({ $party }).
admin-approve = ✅ Approve
admin-reject = ❌ Reject
admin-decided = { $decision ->
    [approved] ✅ Approved
   *[rejected] ❌ Rejected
} ({ $admin }): { $user } — “{ $department }”.
admin-already-decided = This request has already been decided: { $decision ->
    [approved] approved by { $admin }
    [rejected] rejected by { $admin }
    [revoked] access revoked by { $admin }
   *[withdrawn] withdrawn by the user
}, { $time }.
admin-request-withdrawn = ↩️ Request withdrawn: { $name } no longer asks to coordinate for “{ $department }”.
admin-request-settled = { $decision ->
    [approved] ✅ Approved ({ $admin }, { $time })
    [rejected] ❌ Rejected ({ $admin }, { $time })
    [revoked] ✖️ Access revoked ({ $admin }, { $time })
   *[withdrawn] ↩️ Withdrawn by the user ({ $time })
}: { $user } — “{ $department }”.
admin-only = Only admins can do this.
member-approved = ✅ Request approved: you are a coordinator for “{ $department }”. Your activities: /my_items
member-rejected = Your request for “{ $department }” was rejected. If this is a mistake, contact the coordinating office.
subs-title = <b>Your departments</b>
subs-line = • { $department } — { $status ->
    [approved] coordinator
   *[pending] request pending
}
subs-none = You have not chosen a department yet.
subs-join = ➕ Add a department
subs-leave = ✖️ Leave: { $department }
unsubscribe-choose = Which department do you want to leave?
unsubscribe-ask = Leave “{ $department }”? You will no longer report for it or get its reminders. Coming back takes a new request, for the office to approve.
btn-leave-yes = Yes, leave
btn-leave-no = No, stay
unsubscribe-done = You are no longer a coordinator for “{ $department }”.
unsubscribe-none = You are not in any department.

## Items

items-title = <b>Your departments' activities</b>
items-none = You have no approved department yet. Choose yours: /subscribe
items-pending = Your request for “{ $departments }” is waiting for the office's decision; I will tell you when it is made. Meanwhile, see /help.
items-no-data = no data
items-status = { $icon } { $status }, { $date }
items-pick = Open an activity with the buttons below.
my-items-title = <b>My activities</b> · { $quarter }
my-items-owed = ⏳ Still to report for { $quarter }: <b>{ $codes }</b>
my-items-owed-by = ⏳ Still to report for { $quarter }:
my-items-owed-line = • { $department }: <b>{ $codes }</b>
my-items-all-done = ✅ Every activity has its report for { $quarter }.
my-items-closed = The roadmap ran in { $start }–{ $end }: no reports are collected for { $quarter }. The statuses below are the last ones given.
my-items-not-yet = Your roadmaps begin in { $start }: no reports are collected for { $quarter } yet.
my-items-mine = { $icon } { $status }, { $date }
my-items-reported = ✅ reported for { $quarter }: { $icon } { $status }, { $date }
my-items-due = ⏳ report due for { $quarter } · last: { $icon } { $status }, { $date }
my-items-due-none = ⏳ report due for { $quarter } · none yet
my-items-done = { $icon } { $status }, { $date }: no more reports needed
my-items-other = { $party }: { $icon } { $status }, { $date }
my-items-other-none = { $party }: no data
my-items-page = (page { $page } of { $pages })
btn-report-item = ✍️ { $code } { $title }
btn-same-all = ↔️ No change for all ({ $count })
btn-report-more = ✍️ …and { $count } more
btn-same-one = ↔️ No change since the last report
item-term = Term
item-executors = Responsible
item-statuses = Latest status
item-no-executors = —
btn-report = ✍️ Report
btn-report-code = ✍️ Report on { $code }
btn-card = 📄 Card of { $code }
btn-same = ↔️ No change
btn-history = 🗂 History
btn-back = ⬅️ Back to list
item-usage = Give the activity number, for example: /item { $code }
item-unknown = There is no activity “{ $code }” in the roadmap.
item-yours = Your activities: { $codes }
item-not-allowed = Activity { $code } belongs to none of your departments. Choose a department: /subscribe
request-pending = Your request is still waiting for the office: you can report on { $code } once it is approved.
report-not-allowed = Only approved coordinators of the responsible departments can report on { $code }, and you are not one of them. Choose a department: /subscribe
report-closed = The roadmap «{ $roadmap }» took reports for { $start }–{ $until }; a { $year } report on { $code } can no longer go into it. Its history (/history { $code }) and annual reports stay available.
report-closed-next = The roadmap «{ $roadmap }» took reports for { $start }–{ $until }; a { $year } report on { $code } can no longer go into it. Its history (/history { $code }) and annual reports stay available. The work goes on under the roadmap «{ $next }»: /my_items
report-not-yet = The roadmap «{ $roadmap }» takes reports from { $start }: no { $year } report on { $code } is needed.
items-which-roadmap = Several roadmaps have an activity { $code }. Which one do you mean?
items-roadmap-head = 🗺 <b>{ $roadmap }</b>
items-roadmap-closed = 🗺 <b>{ $roadmap }</b> · took reports until { $until }
items-roadmap-not-yet = 🗺 <b>{ $roadmap }</b> · reports from { $start }
item-roadmap = <i>Roadmap: { $roadmap }</i>

## Reporting

status-done = Done
status-in_progress = In progress
status-not_started = Not started
status-postponed = Postponed
status-at_risk = At risk
report-pick-item = Which activity do you want to report on?
report-pick-hint = Or in one message: <code>/update { $code } in progress: what was done</code>
report-choose-department = { $code }: which department are you reporting for?
report-choose-status =
    <b>{ $code }</b> { $title }
    For: { $department }

    Choose the status:
report-resumed = 📝 Picking up your draft for { $code }:
report-status-for-comment = What is the status of <b>{ $code }</b> { $title }?
report-comment-kept = Your comment is kept: “{ $comment }”. Choose the status with a button.
report-guess-status =
    I did not recognise the status { $word ->
        [none] {""}
       *[other] “{ $word }”{" "}
    }— is it one of these?
    <b>{ $code }</b> { $title }
report-ask-comment = Status: { $status }. Write a short comment on { $kind ->
        [not_started] when it is to start
       *[other] what was done
    } (up to { $limit } characters), or tap “No comment”.
report-ask-comment-required = “{ $status }” needs a comment: { $kind ->
        [postponed] why, and until when
       *[other] what the risk is and what is being done
    } (up to { $limit } characters).
report-ask-comment-edit = Status: { $status }. Write a new comment, or keep the one there is: “{ $comment }”.
btn-keep-comment = Keep the comment
btn-skip-comment = No comment
report-comment-too-long = The comment is longer than { $limit } characters ({ $length }). Save it shortened, ending like this: “…{ $tail }”? Or send a shorter one.
btn-shorten = ✂️ Save shortened
report-comment-unsavable = The text has characters that cannot be saved (a broken emoji, perhaps). Remove them and send the text again.
report-ask-evidence = If you have evidence (a document or a photo), attach it. Or tap “No attachment”.
btn-skip-evidence = ⬅️ Back, no file
report-send-file = Send a document or photo (its caption becomes the comment), or go back to the report without a file.
report-file-attached = 📎 File attached. Now write a comment on what was done.
report-voice = A voice message cannot go into a report: please write it as text.
report-confirm =
    Check and confirm:

    <b>{ $code }</b> { $title }
    From: { $department }
    Status: { $icon } { $status }
    Comment: { $comment }
    Attachment: { $evidence }

    <i>New text replaces the comment; a document or photo becomes the attachment.</i>
evidence-none = none
evidence-document = document { $name }
evidence-photo = photo
comment-none = —
btn-confirm = ✅ Confirm
btn-attach = 📎 Attach a file
btn-replace-file = 📎 Replace the file
btn-restore-comment = ↩️ Restore the earlier comment
report-saved = ✅ Saved: { $code } — { $status } (for “{ $department }”, { $date }).
report-saved-next = Still to report for { $quarter }: <b>{ $codes }</b>
report-saved-all-done = Nothing more to report for { $quarter }: thank you!
report-not-saved = ⚠️ The report was not saved: { storage-reason }. The draft with its status, comment and attachment is kept: press “Try again” in a little while.
report-not-saved-resend = ⚠️ The report was not saved: { storage-reason }. Please send the same message again in a little while.
btn-try-again = 🔁 Try again
update-usage =
    Format: <code>/update { $code } in progress: what was done</code>
    Statuses: done, in progress, not started, postponed, at risk.
quarter = Q{ $quarter } { $year }
same-nothing = There is no earlier status for { $code } from “{ $department }”, so nothing to carry forward. Tap “Report”.
same-already = { $code } already has a status this quarter: { $status }, { $date }.
same-saved = ↔️ Marked “no change” for { $quarter }: { $code } — { $status } (for “{ $department }”).

same-all-ask = ↔️ Mark “no change” for { $quarter }? The statuses stay as they are:
same-all-other-quarter = This button is from the reminder for { $was }; it is { $quarter } now.
same-all-line = <b>{ $code }</b> { $title }: { $icon } { $status }, { $date }
btn-same-all-yes = ✅ Yes, no change ({ $count })
same-all-none = Nothing to mark: every activity of yours has a report for { $quarter }, or has had no status yet.
same-all-done = ↔️ Marked “no change” for { $quarter }: { $count } { $count ->
        [one] activity
       *[other] activities
    }.
same-all-again = “No change” is already marked for { $quarter }.

## History

history-title = <b>History of { $code }</b>{ $pages ->
    [1] {""}
   *[other] {" "}(page { $page } of { $pages })
}
history-empty = There are no reports on { $code } yet.
history-entry =
    <b>{ $date }</b> · { $party } · { $department }
    { $author }: { $icon } { $status }{ $edited ->
        [yes] {" "}(edited)
       *[no] {""}
    }{ $carried ->
        [yes] {" "}(no change)
       *[no] {""}
    }
history-evidence = 📎 { $kind ->
    [photo] photo
   *[document] document
} — button “📎 #{ $id }”
history-withdrawn = 🗑 withdrawn by the author on { $date }
btn-edit = ✏️ #{ $id }
btn-withdraw = 🗑 #{ $id }
btn-file = 📎 #{ $id }
withdraw-confirm = Withdraw report #{ $id } ({ $code }: { $status }, { $date })? It stays in the history, marked withdrawn.
btn-withdraw-yes = Yes, withdraw
btn-withdraw-no = No, keep it
withdraw-done = Report #{ $id } was withdrawn.
withdraw-kept = Report #{ $id } is kept.
year-card-head = <b>{ $year } year-end texts</b> for the annual report · { $position } of { $total } · { $done } confirmed
year-card-from = From: { $department }
year-card-status = Status: { $icon } { $status }, { $date }
year-card-status-none = Status: no data
year-card-stale = ⚠️ The status is from { $date }: is it still so? Confirming the text confirms “{ $status }” as of today too; if it has changed, tap “Update the status”.
year-card-confirmed = ✅ Confirmed: { $name }, { $date }
year-card-text = The text for the report:
year-card-empty = Nothing was reported on it in { $year }. Write the year-end text for the report, or report the status.
year-left = <b>{ $year } year-end texts</b>: { $count } still to confirm — { $codes }. Tap an activity to open it.
year-all-done = ✅ <b>{ $year } year-end texts</b> are confirmed for all your activities: thank you! Open any with the buttons below.
year-saved = ✅ The year-end text of { $code } is confirmed.
year-saved-already = The year-end text of { $code } was confirmed as it is already.
year-empty-confirm = There is nothing to confirm yet: nothing was reported this year. Write the text (“Write the text”) or report the status.
year-too-long = The text is longer than { $limit } characters ({ $length }). Please send a shorter one.
year-too-long-keep = The text is longer than { $limit } characters ({ $length }). Save it shortened, ending like this: “…{ $tail }”? Or send a shorter one.
year-ask-fix = Write the { $year } year-end text of { $code } as the office should read it (up to 2000 characters). The report now says:
year-ask-write = Write the { $year } year-end text of { $code } as the office should read it: what was done in the year (up to 2000 characters).
year-round-start = 📝 { $year } year-end texts for the annual report
btn-year-ok = ✅ Confirm
btn-year-fix = ✏️ Correct
btn-year-write = ✏️ Write the text
btn-year-status = 🔄 Update the status
btn-year-next = ⏭ Next
btn-year-list = 📋 All year-end texts
btn-year-start = ▶️ Check the texts
edit-too-late = Only the author can edit or withdraw a report, and only within 24 hours.
edit-start = Editing report #{ $id } on { $code }. Choose the status:
edit-saved = ✏️ Report #{ $id } changed: { $code } — { $status }.
update-gone = This report was not found; it may have been withdrawn.

## Notices

notice-counterpart =
    🔔 { $party }: “{ $department }” reports on { $code } ({ $title }):
    { $icon } { $status }{ $comment }
notice-footer = Turn these notices off: /settings
btn-open = Open { $code }

## Settings

settings-text =
    <b>Settings</b>
    Language: { $language }
    Time zone: { $timezone }
    Reminders: { $paused ->
        [no] on
       *[yes] paused until { $until }
    }
    Notices of the other side's reports: { $notices ->
        [yes] on
       *[no] off
    }
language-name = English
tz-auto = by department
btn-tz = 🕒 { $zone }
btn-tz-auto = 🕒 By department
btn-pause-2w = ⏸ Pause 2 weeks
btn-pause-1m = ⏸ Pause a month
btn-pause-date = 📅 Pause until…
btn-resume = ▶️ Resume reminders
btn-notices-on = 🔔 Turn notices on
btn-notices-off = 🔕 Turn notices off
settings-ask-date = Write the date the pause ends, for example { $example } (the year may be left out).
settings-bad-date = I did not understand the date. Write it like this: { $example } (from tomorrow to a year ahead).
settings-saved = Saved.
use-buttons = Please choose with the buttons above, or /cancel to stop.

use-buttons-status = Choose a status with the buttons above, or /cancel to stop.
## Reminders

remind-quarterly = ⏰ The quarter ends on { $end }. There is no report for { $quarter } yet on these activities:
remind-yearend = 📝 The { $year } year-end texts for the annual report (due { $due }): check what the report will say about your activities and confirm, a tap each. Waiting for you:
remind-annual = ⏰ The yearly report for { $year } is due on { $due } ({ $days } { $days ->
        [one] day
       *[other] days
    } left). The year-end texts of these activities are not confirmed yet:
remind-overdue = ❗ The yearly report was due on { $due }, and the { $year } year-end texts of these activities are still not confirmed:
remind-footer = Tap an activity to report its progress. On vacation? Pause reminders: /settings
remind-yearend-footer = Each text is compiled from your reports of the year; you can correct it. On vacation? Pause reminders: /settings
digest-head = 📊 <b>Annual report for { $year }</b>: the due date { $due } has passed.
digest-complete = 📊 Annual report for { $year }: year-end texts are confirmed on every activity — /report { $year }.
reminders-inactive = Reminders are not being sent: the roadmap runs in { $start }–{ $end }.

## Admin

report-bad-year = Give a roadmap year from { $start } to { $end }, for example /{ $command } { $end }.
report-caption = Progress report for { $year }: { $updates } { $updates ->
        [one] report
       *[other] reports
    } by coordinators. Year-end texts confirmed: { $confirmed } of { $total }; those not confirmed are marked in the report, and who owes them is in /missing { $year }.
cmd-report = Yearly report (DOCX and XLSX), for admins
requests-none = There are no pending requests.
requests-more = …and { $count } more. Decide these, then /requests again.
members-title = <b>Coordinators by department</b>
members-nobody = <i>no coordinator</i>
members-unreachable = (⚠️ blocked the bot)
btn-revoke = ✖️ { $member }
members-revoked = Access revoked: { $user } — “{ $department }”.
member-revoked = An admin revoked your access to “{ $department }”. If this is a mistake, contact the coordinating office.
members-page = (page { $page } of { $pages })
members-revoke-ask = Revoke access to “{ $department }”?
    Coordinator: { $user }.
    They will no longer report for the department or get reminders; coming back takes a new request.
btn-revoke-yes = Yes, revoke

## Invite links (/invite)

cmd-invite = Invite links for departments (admin)
invite-choose = <b>Invite link</b>: for which department? Departments without a coordinator first ({ $without }){ $pages ->
    [1] {""}
   *[other] {" "}— page { $page } of { $pages }
}.
invite-legend = ⚪ no coordinator · 👤 has a coordinator · 🔗 has a link
invite-links-title = <b>Live invite links</b>{ $pages ->
    [1] {""}
   *[other] {" "}(page { $page } of { $pages })
}
invite-link-made = made { $date }, requests through it: { $uses }
invite-links-none = There are no live invite links.
btn-invite-revoke = ✖️ Revoke: { $department }
invite-created = { $new ->
    [yes] 🔗 The invite link for “{ $department }” ({ $party }) is ready.
   *[no] 🔗 “{ $department }” ({ $party }) already has a live link: made { $date }, requests through it: { $uses }.
} Forward the next message to the department. { $mode ->
    [open] Whoever opens the link becomes a coordinator at once (ACCESS_MODE=open).
   *[approval] Requests made through it come to you for approval, as usual.
} To revoke the link: /invite
invite-forward = 📨 An invitation to the roadmap bot { $parties }.
    Department: “{ $department }” ({ $party }).
    To become the department's coordinator, open the link and tap the button in the bot's answer:
    { $link }
invite-offer = You are invited as a coordinator for “{ $department }” ({ $party }) in the roadmap bot { $parties }.
    { $mode ->
        [open] Tap the button and you are a coordinator: the bot shows the department's activities and reminds you when a report is due.
       *[approval] Tap the button to send a request: the coordinating office will decide it, and I will tell you.
    }
btn-invite-join = { $mode ->
    [open] ✅ Become a coordinator
   *[approval] 📨 Send a request
}
invite-malformed = This invite link is not recognised: it seems to have been copied only in part. Ask the coordinating office to send it again.
invite-unknown = There is no such invite link. Ask the coordinating office for a new one.
invite-revoked = The invite link for “{ $department }” has been revoked. Ask the coordinating office for a new one.
invite-choose-yourself = You can also choose the department yourself — which side is it? Main menu: /start
invite-revoked-done = The link for “{ $department }” is revoked.
invite-revoke-ask = Revoke the invite link for “{ $department }”? Whoever opens it afterwards is told it no longer works; a new link would be needed.
btn-invite-revoke-yes = ✖️ Yes, revoke
invite-already-revoked = This link is already revoked.
audit-title = <b>Change log</b>
audit-title-page = <b>Change log</b> · page { $page } of { $pages }
audit-filter = Filter “{ $text }”: { $matched }
audit-and-more = and { $count } more
audit-department = “{ $department }”
audit-item = activity { $code }
audit-none = No changes yet.
audit-none-found = No changes match this filter yet.
audit-no-match = “{ $text }” matches no activity, no department and no one in the log. Try an activity's number (4.1), part of a department's or a person's name, an @username or an id; /audit alone shows the whole log.
btn-audit-older = ← Earlier
btn-audit-newer = Later →
audit-membership-request = { $actor } asked to join “{ $department }”
audit-membership-join = { $actor } became a coordinator of “{ $department }”
audit-membership-approve = { $actor } approved { $member } as a coordinator of “{ $department }”
audit-membership-reject = { $actor } turned down the request of { $member } to join “{ $department }”
audit-membership-revoke = { $actor } revoked the access of { $member } to “{ $department }”
audit-membership-leave = { $actor } left “{ $department }”
audit-report-withdraw = { $actor } withdrew a report on { $code }
audit-yearend-confirm = { $actor } confirmed the year-end text on { $code } ({ $year })
audit-yearend-correct = { $actor } wrote their own year-end text on { $code } ({ $year })
audit-admin-report = { $actor } downloaded the report for { $year }
audit-admin-nudge = { $actor } reminded { $count } { $count ->
        [one] coordinator
       *[other] coordinators
    } ({ $period })
audit-admin-nudge-department = { $actor } reminded { $count } { $count ->
        [one] coordinator
       *[other] coordinators
    } of “{ $department }” ({ $period })
audit-admin-nudge-none = { $actor } pressed “Remind” ({ $period }), but no one needed reminding
audit-invite-create = { $actor } created an invite for “{ $department }”
audit-invite-create-any = { $actor } created an invite
audit-invite-revoke = { $actor } revoked an invite for “{ $department }”
audit-invite-revoke-any = { $actor } revoked an invite
audit-invite-use = { $actor } followed an invite to “{ $department }”
audit-other = { $actor }: another change{ $context }
missing-usage = Format: /missing for the current quarter, /missing year for this year's year-end texts, /missing 2021 for 2021's.
missing-title = <b>No report for { $period }</b> ({ $start } — { $end })
missing-title-year = <b>Year-end texts for { $year } not confirmed</b> (the annual report is due { $due })
btn-missing-invite = 🔗 Invite departments with no coordinator
missing-nudged-today = ✔️ Reminded today
missing-confirmed = ✅ Year-end texts confirmed: { $confirmed } of { $total }.
missing-title-year-overdue = <b>Year-end texts for { $year } not confirmed</b> — the annual report was due { $due }
missing-page = · page { $page } of { $pages }
missing-none-year = Year-end texts are confirmed on every activity: the annual report is ready — /report { $year }.
missing-round-later = Coordinators will be asked to confirm them from { $date }.
missing-chaseable = 📣 Can be reminded: { $departments } { $departments ->
        [one] department
       *[other] departments
    } ({ $people } { $people ->
        [one] coordinator
       *[other] coordinators
    }).
missing-nobody-to-chase = Nobody to remind: none of these departments has a coordinator.
missing-orphans = Without a coordinator: { $departments } { $departments ->
        [one] department
       *[other] departments
    } — invite them: /invite
missing-orphans-head = <b>No coordinator — { $side }</b>
btn-nudge-department = 📣 { $department }
btn-nudge-all = 📣 Remind all ({ $count })
btn-nudge-send = 📣 Send ({ $count })
nudge-head = <b>Reminder for { $period }</b>: “{ $department }”
nudge-head-all = <b>Reminder for { $period }</b>: everyone who can be reminded
nudge-recipients = Will get it ({ $count }):
nudge-what-year = Each gets their own: “📣 The coordinating office reminds you: please confirm the { $year } year-end texts…”, their activities and a button to review them.
nudge-what = Each gets their own: “📣 The coordinating office reminds you: there is no report for { $period }…”, their activities and buttons to report.
nudge-broke-off = ⚠️ Sending broke off. Press “Remind” again: whoever got it already will not get it twice.
nudge-more = …and { $count } more
nudge-already-all = They were already reminded today — not sending it twice.
nudge-nobody = Nobody to remind: everything is in, the department has no coordinator, or everyone has paused reminders.
nudge-sending = ⏳ Sending reminders: { $count }…
nudge-sent = ✅ Sent: { $count }.
nudge-result-later = ⏳ Telegram asked to wait — they go out by themselves shortly: { $count }.
nudge-result-blocked = 🚫 Not delivered, the bot is blocked: { $count }.
nudge-result-rejected = ⚠️ Telegram refused the message: { $count }.
nudge-result-failed = ⚠️ Could not send (connection trouble): { $count } — try again later.
nudge-result-already = Already reminded today: { $count }.
nudge-skipped-paused = ⏸ Reminders paused: { $count }.
nudge-skipped-unreachable = 🚫 Unreachable (the bot is blocked): { $count }.
nudge-cancelled = Cancelled, nothing sent.
nudge-text-year = 📣 The roadmap's coordinating office reminds you: please confirm the { $year } year-end texts of these activities — they go into the annual report:
missing-none = Every department has reported on every activity.
year-label = { $year }
nudge-text = 📣 The roadmap's coordinating office reminds you: there is no report for { $period } on these activities:
stats-title = <b>Progress as of { $date }</b> — each side's latest status on each activity
stats-legend = { $legend }
stats-chart-title = Activity status by section
stats-chart-x = Roadmap section
stats-chart-y = Activities × sides
cmd-requests = Coordinators' requests (admin)
cmd-members = Coordinators by department (admin)
cmd-missing = Who has not reported (admin)
cmd-stats = Progress and chart (admin)
cmd-audit = Change log (admin)
start-admin =
    You are an admin (the coordinating office):
    /missing — who has not reported, by department, with a reminder; /missing { $year } — whose year-end texts are not confirmed
    /report — the yearly progress report (DOCX and XLSX)
    /stats — progress and a chart
    /requests — coordinators' requests, /members — coordinators, /audit — the change log
    /invite — an invite link for a department without a coordinator
    /roadmaps — the roadmaps and extending their reporting; to load a new or corrected one, send its DOCX to the bot
    /offices — the roadmaps' offices: who runs each
    If you also coordinate for a department, choose it: /subscribe

## roadmaps: the office loads roadmaps from a file, /roadmaps
cmd-roadmaps = Roadmaps: load and prolong (admin)
roadmaps-file = 📥 <b>A roadmap from the file «{ $file }»</b>
roadmaps-parties = Parties: { $parties }
roadmaps-period = Period: { $period }
roadmaps-counts = Sections: { $sections }, activities: { $items }, departments: { $departments }
roadmaps-recognised = Already known to the bot: { $count } — { $names }
roadmaps-recognised-none = Every department is new to the bot.
roadmaps-look-alike = ⚠️ Named like departments the bot knows, but not the same ({ $count }): once loaded they are separate departments; if they are the same, fix the name in the document:
roadmaps-and-more = and { $count } more
roadmaps-new = 🆕 A new roadmap; it will be No. { $number }: «{ $name }». Load it?
roadmaps-edition = ✏️ A corrected edition of roadmap No. { $number } «{ $name }»:
roadmaps-added = ➕ added ({ $count }): { $codes }
roadmaps-changed = ✏️ changed ({ $count }): { $codes }
roadmaps-retired = ➖ retired ({ $count }): { $codes } — their reports stay in the history and in annual reports
roadmaps-same-items = The same activities; the title, the sections or the parties' time zones changed.
roadmaps-unchanged = This edition is loaded already: No. { $number } «{ $name }». Nothing to load.
roadmaps-outdated = ⚠️ While you were looking, another admin loaded another edition of this roadmap. Nothing was loaded — this is what would change now:
roadmaps-loaded = ✅ The roadmap is loaded: No. { $number } «{ $name }», { $items } activities.
    The executors' coordinators see its activities in /my_items; new coordinators choose their department with /subscribe.
    For departments without a coordinator, make an invite link: /invite
roadmaps-unreadable = ❌ The file «{ $file }» was not loaded — it cannot be read as a roadmap:
    <blockquote>{ $reason }</blockquote>
    Nothing changed. If it is a file for a status report, start the report: /update
roadmaps-too-big = ❌ The file is larger than { $limit } MB, which a bot cannot download. Send a smaller DOCX or its text (.txt).
roadmaps-not-downloaded = ❌ Could not get the file «{ $file }» from Telegram. Please send it again.
roadmaps-cancelled = Cancelled; nothing changed.
roadmaps-not-admin = Only the bot's admins can load roadmaps — this file was not loaded.
roadmaps-ask-zone = 🌐 «{ $party }» is not a federal subject of Russia, and the bot does not know this party's time zone. Which zone do its departments work in?
roadmaps-btn-load = ✅ Load
roadmaps-btn-more = ➕ Extend No. { $number } to { $year }
roadmaps-btn-end = ↩️ End the extension of No. { $number }
roadmaps-list-head = <b>Roadmaps</b> ({ $first }–{ $last } of { $total }):
roadmaps-list-name = <b>No. { $number }</b> { $name }
roadmaps-list-period = Period: { $period }, activities: { $items }
roadmaps-list-open = 🟢 takes status reports
roadmaps-list-later = ⏳ status reports from { $year }
roadmaps-list-closed = 🔒 closed for status reports since { $year }
roadmaps-list-successor = ↪️ followed by «{ $name }»
roadmaps-list-extended = 📅 extended: status reports until { $year }
roadmaps-prolonged = No. { $number }: status reports taken until { $year }
roadmaps-btn-replace = ✏️ Replace the edition of No. { $number }
roadmaps-btn-new = 🆕 Load as a new roadmap
roadmaps-retires-most = ⚠️ <b>Careful:</b> this “edition” would retire { $retired } of the { $total } activities of roadmap No. { $number }. It looks like a different agreement between the same parties for the same years — if so, load it as a new roadmap. Replace only if it surely is a corrected edition.
roadmaps-outdated-loaded = ⚠️ While you were looking, another admin loaded this roadmap already.
roadmaps-row = { $place ->
        [table] Table row { $row }
       *[line] Line { $row } of the file
    }
roadmaps-error-not-docx = This is not a DOCX document, or the file is damaged. Send the roadmap as a .docx (in Word: “Save as” → “Word Document”).
roadmaps-error-too-large = The document inside the DOCX is over { $limit } MB unpacked — that does not look like a roadmap.
roadmaps-error-encrypted = The document is password-protected. Remove the protection in Word and send it again.
roadmaps-error-compression = The document is packed in a way the bot cannot read. Save it again in Word and send it again.
roadmaps-error-not-text = The roadmap's text is not in UTF-8. Send the DOCX document itself.
roadmaps-error-no-table = No roadmap table found in the document: no header with executor columns such as «от Томской области».
roadmaps-error-no-activities = There is no numbered activity under the table's header.
roadmaps-error-same-party = The table's header names the party «{ $party }» in two columns.
roadmaps-error-cells = { $where }, starting «{ $cell }»: it has { $found } cells, the table's header { $expected }.
roadmaps-error-bad-row = { $where }: «{ $cell }» reads neither as an activity number (such as 1.2) nor as a section heading (such as 3. …).
roadmaps-error-outside-section = { $where }: activity { $code } does not belong to the section above it — check its number or the section's heading.
roadmaps-error-duplicate = { $where }: activity { $code } appears in the table a second time.
roadmaps-error-duplicate-section = { $where }: section { $code } appears in the table a second time.
roadmaps-error-before-first = { $where }: the text «{ $cell }» comes before the first numbered activity.
roadmaps-error-no-executors = { $where }: activity { $code } names no executor.
roadmaps-error-no-period = Cannot tell the roadmap's years: neither its title nor the activities' terms name one. Put the period in the title, such as «на 2023 – 2025 годы».
roadmaps-error-invalid = The roadmap's data do not add up: { $reason }

## offices: each roadmap's own office, /offices; an office member's scope
office-not-yours = This department executes none of your roadmaps' activities: the admins or its roadmap's office decide for it.
office-revoke-shared = This department works on other roadmaps too: a bot admin can revoke its access.
report-which = The yearly report — for which roadmap?
report-which-year = The yearly report for { $year } — for which roadmap?
report-caption-roadmap = 🗺 { $roadmap }
start-office = { $count ->
        [1] You are in the office of the roadmap «{ $roadmaps }». For its departments and activities:
       *[other] You are in the offices of the roadmaps «{ $roadmaps }». For their departments and activities:
    }
    /missing — who has not reported, with a reminder; /missing { $year } — whose year-end texts are not confirmed
    /report — the yearly progress report (DOCX and XLSX)
    /stats — progress and a chart
    /requests — coordinators' requests, /members — coordinators, /audit — the change log
    /invite — an invite link for a department without a coordinator
offices-title = <b>Roadmap offices</b>
offices-title-page = <b>Roadmap offices</b> · page { $page } of { $pages }
offices-roadmap = 🗺 <b>No. { $number }. { $roadmap }</b>
offices-member = • { $name } (id { $id })
offices-empty = • nobody yet: the admins run it
offices-usage = Add to an office: <code>/offices 2 add</code>, then pick the person from those who wrote to the bot (or by Telegram id at once: <code>/offices 2 add 123456789</code>); remove: <code>/offices 2 remove 123456789</code> or the button under the list. 2 is the roadmap's number in the /offices list; the person must have opened the bot at least once.
offices-btn-remove = ✖️ { $name } — out of office No. { $number }
offices-mistake-no-number = Give the roadmap's number first (see the /offices list), then add or remove.
offices-mistake-no-action = Say what to do: add — add to the office, remove — take out of it.
offices-mistake-bad-action = Only add and remove are understood.
offices-mistake-bad-id = After add or remove comes a Telegram id — a number. Do not know the id? Send <code>/offices 2 add</code> without it and pick the person from the list.
offices-mistake-no-id = Whom to remove? Give their Telegram id (it is in the /offices list) or press the button under the list.
offices-mistake-too-many = Too many words: one person at a time — the roadmap's number, add or remove, and one Telegram id.
offices-pick = <b>Whom to add to office No. { $number } «{ $roadmap }»?</b> People who wrote to the bot, the most recent first · page { $page }
offices-pick-person = • { $name }{ $username } (id { $id })
offices-pick-nobody = Nobody more here.
offices-added = ✅ { $name } is now in the office of the roadmap «{ $roadmap }».
offices-already = { $name } is already in the office of the roadmap «{ $roadmap }».
offices-removed = { $name } is no longer in the office of the roadmap «{ $roadmap }».
offices-not-member = { $name } is not in the office of the roadmap «{ $roadmap }».
offices-no-roadmap = There is no roadmap No. { $number }. The numbers are in /offices.
offices-unknown-person = The user with id { $id } has not opened the bot yet. Ask them to send /start to the bot, then add them again.
offices-welcome = { $count ->
        [1] 🗺 You are now in the office of the roadmap «{ $roadmaps }». For its departments and activities you can use:
       *[other] 🗺 You are now in the office of the roadmap «{ $roadmap }» too; you are in the offices of the roadmaps «{ $roadmaps }». For their departments and activities you can use:
    }
    /missing — who has not reported, with a reminder
    /report — the yearly report, /stats — progress
    /requests — coordinators' requests (approve or reject), /members — coordinators
    /invite — invite links, /audit — the change log
    The office menu is in /start.
audit-office-add = { $actor } added { $member } to the office of roadmap No. { $count }
audit-office-remove = { $actor } removed { $member } from the office of roadmap No. { $count }
