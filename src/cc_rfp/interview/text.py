"""The interview's own words (menus, hints, notices) in every language of the bank.

Question texts come from the bank; everything else the interview says is here, in one place
a translator can read top to bottom. A test checks that every key has every language and the
same placeholders in each.
"""

from __future__ import annotations

from cc_rfp.messages import pick

STRINGS: dict[str, dict[str, str]] = {
    # Start, pause, finish
    "title": {"en": "cc-rfp interview", "sv": "cc-rfp intervju"},
    "file_line": {"en": "Answers file: {path} ({state})", "sv": "Svarsfil: {path} ({state})"},
    "file_new": {"en": "new", "sv": "ny"},
    "file_existing": {"en": "{count} answers so far", "sv": "{count} svar hittills"},
    "language_line": {
        "en": "Language: English (start with --lang sv for Swedish)",
        "sv": "Språk: svenska (starta med --lang en för engelska)",
    },
    "legend": {
        "en": "Keys: ? help · ! don't know yet · < back · Ctrl-C pause (answers are saved)",
        "sv": "Tangenter: ? hjälp · ! vet inte än · < bakåt · Ctrl-C paus (svaren sparas)",
    },
    "bank_changed": {
        "en": "The question bank has changed since this file was saved; new questions are asked.",
        "sv": "Frågebanken har ändrats sedan filen sparades; nya frågor ställs.",
    },
    "saved": {
        "en": "Paused. {count} answers are saved in {path}.",
        "sv": "Pausad. {count} svar är sparade i {path}.",
    },
    "continue_with": {"en": "To continue: {command}", "sv": "Fortsätt med: {command}"},
    "save_failed": {
        "en": "Could not save: {reason}. Your answers are kept in memory.",
        "sv": "Kunde inte spara: {reason}. Svaren finns kvar i minnet.",
    },
    "save_failed_prompt": {"en": "What now?", "sv": "Vad vill du göra?"},
    "hand_edit_kept": {
        "en": "{path} was edited outside the interview; kept those changes: {ids}",
        "sv": "{path} ändrades utanför intervjun; de ändringarna behölls: {ids}",
    },
    "save_retry": {
        "en": "Try again (free the folder or disk first)",
        "sv": "Försök igen (gör mappen eller disken skrivbar först)",
    },
    "save_stop": {
        "en": "Stop, and show the unsaved answers to copy",
        "sv": "Avsluta och visa de osparade svaren att kopiera",
    },
    "unsaved_title": {
        "en": "Not saved in {path} (copy these lines under answers:):",
        "sv": "Inte sparat i {path} (kopiera raderna under answers:):",
    },
    "unsaved_removed": {
        "en": "  (removed in this sitting: {question})",
        "sv": "  (borttaget under intervjun: {question})",
    },
    "unsaved_none": {
        "en": "  (nothing: every answer is already in the file)",
        "sv": "  (inget: alla svar finns redan i filen)",
    },
    "written": {"en": "The tender is written to {path}", "sv": "Förfrågan är skriven till {path}"},
    "render_failed": {
        "en": "The document could not be written: {reason}. The answers are saved in {path}.",
        "sv": "Dokumentet kunde inte skrivas: {reason}. Svaren är sparade i {path}.",
    },
    # Resume
    "resume_prompt": {
        "en": "This file has answers already. What now?",
        "sv": "Filen har redan svar. Vad vill du göra?",
    },
    "resume_continue": {
        "en": "Continue at the first open question (section {n}: {question})",
        "sv": "Fortsätt vid första obesvarade frågan (avsnitt {n}: {question})",
    },
    "resume_complete": {
        "en": "Everything is answered: review and write the document",
        "sv": "Allt är besvarat: granska och skriv dokumentet",
    },
    "resume_revisit": {"en": "Revisit one section", "sv": "Gå igenom ett avsnitt igen"},
    "resume_review": {
        "en": "Review and write the document",
        "sv": "Granska och skriv dokumentet",
    },
    "resume_restart": {
        "en": "Start over (this file is kept as {backup})",
        "sv": "Börja om (filen sparas som {backup})",
    },
    "resume_quit": {"en": "Quit for now", "sv": "Avsluta så länge"},
    "restart_sure": {
        "en": "Start over with an empty file? ({count} answers go to the backup)",
        "sv": "Börja om med en tom fil? ({count} svar sparas i säkerhetskopian)",
    },
    "restarted": {
        "en": "Starting over. The old answers are in {backup}.",
        "sv": "Börjar om. De gamla svaren finns i {backup}.",
    },
    "backup_failed": {
        "en": "Could not write the backup {path} ({reason}); nothing was changed.",
        "sv": "Kunde inte skriva säkerhetskopian {path} ({reason}); inget ändrades.",
    },
    "which_section": {"en": "Which section?", "sv": "Vilket avsnitt?"},
    # Sections
    "section_header": {
        "en": "Section {n} of {total}: {title}",
        "sv": "Avsnitt {n} av {total}: {title}",
    },
    "section_progress": {
        "en": "{answered} of {total} questions answered",
        "sv": "{answered} av {total} frågor besvarade",
    },
    "section_done": {
        "en": "✓ {title}: {answered} answered, {unknown} don't know yet, {open} open",
        "sv": "✓ {title}: {answered} besvarade, {unknown} vet inte än, {open} öppna",
    },
    "dropped": {
        "en": "Removed the answer to «{question}»: it no longer applies.",
        "sv": "Tog bort svaret på «{question}»: frågan gäller inte längre.",
    },
    "dependents_note": {
        "en": "Questions in later sections that depend on what you changed:",
        "sv": "Frågor i senare avsnitt som beror på det du ändrade:",
    },
    "new_suggestion": {
        "en": "Your earlier answers now suggest: {value}",
        "sv": "Dina tidigare svar föreslår nu: {value}",
    },
    "at_first": {
        "en": "This is the first question here; there is nothing to go back to.",
        "sv": "Det här är första frågan; det finns inget att gå tillbaka till.",
    },
    # Review
    "review_title": {"en": "Review", "sv": "Granskning"},
    "review_section": {"en": "Section", "sv": "Avsnitt"},
    "review_answered": {"en": "Answered", "sv": "Besvarade"},
    "review_unknown": {"en": "Don't know", "sv": "Vet ej"},
    "review_open": {"en": "Open", "sv": "Öppna"},
    "review_open_list": {"en": "Not answered yet:", "sv": "Ännu inte besvarade:"},
    "review_more": {"en": "  … and {count} more", "sv": "  … och {count} till"},
    "review_prompt": {"en": "What now?", "sv": "Vad vill du göra nu?"},
    "review_write": {"en": "Write the document to {path}", "sv": "Skriv dokumentet till {path}"},
    "review_back": {"en": "Go back to a section", "sv": "Gå tillbaka till ett avsnitt"},
    "review_stop": {
        "en": "Stop here without writing (answers are saved)",
        "sv": "Sluta här utan att skriva (svaren är sparade)",
    },
    # Prompt conventions
    "select_hint": {"en": "↑↓ Enter", "sv": "↑↓ Enter"},
    "checkbox_hint": {"en": "↑↓ Space ticks, Enter", "sv": "↑↓ Mellanslag kryssar, Enter"},
    "key_help": {"en": "? help", "sv": "? hjälp"},
    "key_unknown": {"en": "! don't know", "sv": "! vet ej"},
    "key_back": {"en": "< back", "sv": "< bakåt"},
    "choice_help": {"en": "? Help for this question", "sv": "? Hjälp för frågan"},
    "choice_unknown": {"en": "! Don't know yet", "sv": "! Vet inte än"},
    "echo_help": {"en": "help", "sv": "hjälp"},
    "echo_unknown": {"en": "don't know yet", "sv": "vet inte än"},
    "echo_back": {"en": "back", "sv": "bakåt"},
    "note_prompt": {
        "en": "Note (optional): why, or when will it be known?",
        "sv": "Anteckning (frivillig): varför, eller när blir det känt?",
    },
    "enter_skips": {"en": "Enter skips", "sv": "Enter hoppar över"},
    "enter_keeps_unknown": {
        "en": "now: don't know yet, Enter keeps it",
        "sv": "nu: vet inte än, Enter behåller",
    },
    "longtext_hint": {
        "en": "an empty line finishes",
        "sv": "en tom rad avslutar",
    },
    "date_format": {"en": "YYYY-MM-DD", "sv": "ÅÅÅÅ-MM-DD"},
    "none_chosen": {"en": "none", "sv": "inga"},
    "not_given": {"en": "– not given –", "sv": "– anges inte –"},
    "cancel": {"en": "← Cancel", "sv": "← Avbryt"},
    "yes": {"en": "Yes", "sv": "Ja"},
    "no": {"en": "No", "sv": "Nej"},
    "all": {"en": "all channels", "sv": "alla kanaler"},
    "closed": {"en": "closed", "sv": "stängt"},
    # Help
    "no_help": {
        "en": "No further explanation for this question.",
        "sv": "Ingen ytterligare förklaring till frågan.",
    },
    "guide_point": {"en": "Guide {id}: {title}", "sv": "Guide {id}: {title}"},
    "unit_is": {"en": "Unit: {unit}", "sv": "Enhet: {unit}"},
    "range_is": {"en": "Allowed: {range}", "sv": "Tillåtet: {range}"},
    "sum_is": {"en": "The values add up to {total}.", "sv": "Värdena summeras till {total}."},
    "suggested_is": {"en": "Suggested: {value}", "sv": "Förslag: {value}"},
    "now_unknown": {
        "en": "Current answer: don't know yet",
        "sv": "Nuvarande svar: vet inte än",
    },
    "hint_text": {"en": "Type the answer and press Enter.", "sv": "Skriv svaret och tryck Enter."},
    "hint_longtext": {
        "en": "Type as many lines as you like; an empty line (or Esc, Enter) finishes.",
        "sv": "Skriv så många rader du vill; en tom rad (eller Esc, Enter) avslutar.",
    },
    "hint_integer": {
        "en": "A whole number; spaces between thousands are fine (1 200).",
        "sv": "Ett heltal; mellanslag mellan tusental går bra (1 200).",
    },
    "hint_decimal": {
        "en": "A number: 1 200, 12.5 or 12,5.",
        "sv": "Ett tal: 1 200, 12,5 eller 12.5.",
    },
    "hint_percent": {
        "en": "A percentage from 0 to 100: 80, 80 % or 12,5.",
        "sv": "En procentsats 0–100: 80, 80 % eller 12,5.",
    },
    "hint_choice": {
        "en": "Move with the arrow keys and press Enter.",
        "sv": "Flytta med piltangenterna och tryck Enter.",
    },
    "hint_multichoice": {
        "en": "Tick with Space (a ticks all), then press Enter.",
        "sv": "Kryssa med mellanslag (a kryssar alla), tryck sedan Enter.",
    },
    "hint_yesno": {"en": "Choose yes or no.", "sv": "Välj ja eller nej."},
    "hint_date": {
        "en": "A date as YYYY-MM-DD, for example 2025-09-30.",
        "sv": "Ett datum som ÅÅÅÅ-MM-DD, till exempel 2025-09-30.",
    },
    "hint_records": {
        "en": "A list of rows: add, edit or remove rows, then choose Done.",
        "sv": "En lista med rader: lägg till, ändra eller ta bort rader, välj sedan Klar.",
    },
    "hint_table": {
        "en": "One value per key. Paste a whole row (from a spreadsheet, or separated by spaces "
        "or ;) or type them one at a time. Shares may be typed as counts: they are scaled "
        "to the total.",
        "sv": "Ett värde per nyckel. Klistra in en hel rad (från ett kalkylark, eller med "
        "mellanslag eller ; emellan) eller skriv ett i taget. Andelar kan skrivas som antal: "
        "de räknas om till totalen.",
    },
    "hint_hours": {
        "en": "Hours as HH:MM-HH:MM (8-17 works too), or closed; 00:00-24:00 is around the clock.",
        "sv": "Tider som TT:MM-TT:MM (8-17 går också), eller stängt; 00:00-24:00 är dygnet runt.",
    },
    "hint_kpis": {
        "en": "Add a row per KPI target: the target, mandatory or desirable, and how it is "
        "measured and reported.",
        "sv": "Lägg till en rad per KPI-mål: målet, ska- eller bör-krav, och hur det mäts och "
        "rapporteras.",
    },
    "hint_ranking": {
        "en": "Pick the most important first, then the next; < takes back the last pick.",
        "sv": "Välj det viktigaste först, sedan nästa; < ångrar senaste valet.",
    },
    # Record lists
    "rows_none": {"en": "(no rows yet)", "sv": "(inga rader än)"},
    "rows_add": {"en": "+ Add a row", "sv": "+ Lägg till en rad"},
    "rows_edit": {"en": "✎ Edit a row", "sv": "✎ Ändra en rad"},
    "rows_remove": {"en": "− Remove a row", "sv": "− Ta bort en rad"},
    "rows_done": {"en": "✓ Done", "sv": "✓ Klar"},
    "rows_which_edit": {"en": "Edit which row?", "sv": "Vilken rad ska ändras?"},
    "rows_which_remove": {"en": "Remove which row?", "sv": "Vilken rad ska tas bort?"},
    "rows_needed": {
        "en": "Add at least one row, or choose ! don't know yet.",
        "sv": "Lägg till minst en rad, eller välj ! vet inte än.",
    },
    "rows_sum_off": {
        "en": "The shares add up to {total}, not {expected}. Scale them?",
        "sv": "Andelarna summeras till {total}, inte {expected}. Räkna om dem?",
    },
    "rows_scale": {"en": "Scale them to the total", "sv": "Räkna om till totalen"},
    "rows_fix": {"en": "No, let me edit the rows", "sv": "Nej, jag ändrar raderna"},
    # Tables
    "table_keep": {"en": "Keep: {values}", "sv": "Behåll: {values}"},
    "table_count_bad": {
        "en": "These figures cannot be turned into shares; enter them again.",
        "sv": "De här talen kan inte göras om till andelar; ange dem igen.",
    },
    "table_row": {
        "en": "Paste or type all {count} values in one line",
        "sv": "Klistra in eller skriv alla {count} värden på en rad",
    },
    "table_keys": {"en": "Enter them one at a time", "sv": "Skriv ett värde i taget"},
    "table_row_prompt": {
        "en": "{count} values, {first} … {last}:",
        "sv": "{count} värden, {first} … {last}:",
    },
    "table_row_hint": {
        "en": "(spaces, ; or tabs between values; empty line: back)",
        "sv": "(mellanslag, ; eller tabb mellan värdena; tom rad: tillbaka)",
    },
    "table_count": {
        "en": "expected {count} values ({first} … {last}); use ; between numbers with spaces",
        "sv": "väntade {count} värden ({first} … {last}); använd ; mellan tal med mellanslag",
    },
    "table_need_value": {"en": "needs a number", "sv": "behöver ett tal"},
    "table_scaled": {
        "en": "The values add up to {total}, so they are read as counts and scaled to {expected}.",
        "sv": "Värdena summeras till {total}, så de läses som antal och räknas om till {expected}.",
    },
    "table_ok": {"en": "Is this right?", "sv": "Stämmer det?"},
    "table_ok_yes": {"en": "Yes, keep it", "sv": "Ja, behåll"},
    "table_ok_no": {"en": "No, enter again", "sv": "Nej, skriv igen"},
    # Opening hours
    # An answer in the file that a prompt cannot show as it is
    "faithful_notice": {
        "en": "The answer in the file cannot be shown here as it is: {reason}",
        "sv": "Svaret i filen kan inte visas här som det är: {reason}",
    },
    "faithful_keep": {
        "en": "Keep it exactly as it is (validate will point it out)",
        "sv": "Behåll det precis som det är (validate pekar ut det)",
    },
    "faithful_reenter": {"en": "Enter a new answer", "sv": "Ange ett nytt svar"},
    "faithful_kept": {
        "en": "Kept as it is in the file; fix it there or here later.",
        "sv": "Behölls som det är i filen; rätta det där eller här senare.",
    },
    "faithful_generic": {
        "en": "this question's prompt cannot show it",
        "sv": "frågans inmatning kan inte visa det",
    },
    "hours_keep": {"en": "Keep: {week}", "sv": "Behåll: {week}"},
    "hours_same": {"en": "Same as {channel}", "sv": "Samma som {channel}"},
    "preset_office": {
        "en": "Weekdays 08–17, weekends closed",
        "sv": "Vardagar 08–17, helger stängt",
    },
    "preset_extended": {
        "en": "Weekdays 08–20, weekends 10–16",
        "sv": "Vardagar 08–20, helger 10–16",
    },
    "preset_every_day": {"en": "Every day 08–22", "sv": "Alla dagar 08–22"},
    "preset_always": {"en": "Around the clock", "sv": "Dygnet runt"},
    "hours_custom": {"en": "Custom hours per weekday", "sv": "Egna tider per veckodag"},
    "hours_hint": {
        "en": "(HH:MM-HH:MM or closed · < previous day)",
        "sv": "(TT:MM-TT:MM eller stängt · < föregående dag)",
    },
    "hours_need": {"en": "type hours or closed", "sv": "skriv tider eller stängt"},
    # KPIs
    "kpi_none": {"en": "(no KPI targets yet)", "sv": "(inga KPI-mål än)"},
    "kpi_add": {"en": "+ Add a KPI target", "sv": "+ Lägg till ett KPI-mål"},
    "kpi_which": {"en": "Which KPI?", "sv": "Vilken KPI?"},
    "kpi_channel_prompt": {"en": "For which channel?", "sv": "För vilken kanal?"},
    "kpi_target_percent": {"en": "{kpi}: target in %", "sv": "{kpi}: mål i %"},
    "kpi_target_seconds": {"en": "{kpi}: target in seconds", "sv": "{kpi}: mål i sekunder"},
    "kpi_target_hours": {"en": "{kpi}: target in hours", "sv": "{kpi}: mål i timmar"},
    "kpi_target_score": {"en": "{kpi}: target score", "sv": "{kpi}: mål (poäng)"},
    "direction_at_least": {"en": "(at least)", "sv": "(minst)"},
    "direction_at_most": {"en": "(at most)", "sv": "(högst)"},
    "kpi_level_prompt": {
        "en": "Mandatory or desirable?",
        "sv": "Ska-krav eller bör-krav?",
    },
    "kpi_interval_prompt": {"en": "Measurement interval?", "sv": "Mätintervall?"},
    "kpi_reporting_prompt": {"en": "Reporting frequency?", "sv": "Hur ofta rapporteras det?"},
    "kpi_method_prompt": {"en": "How is it measured?", "sv": "Hur mäts det?"},
    "kpi_method_hint": {
        "en": "(e.g. from the telephony system's reports; Enter skips)",
        "sv": "(t.ex. ur telefonisystemets rapporter; Enter hoppar över)",
    },
    "kpi_col": {"en": "KPI", "sv": "KPI"},
    "kpi_channel": {"en": "Channel", "sv": "Kanal"},
    "kpi_target": {"en": "Target", "sv": "Mål"},
    "kpi_level": {"en": "Level", "sv": "Krav"},
    "kpi_measured": {"en": "Measured", "sv": "Mätning"},
    # Ranking
    "rank_place": {"en": "place {n} of {count}", "sv": "plats {n} av {count}"},
    # Staffing
    "staffing_title": {
        "en": "What these targets imply:",
        "sv": "Vad målen innebär:",
    },
    "staffing_missing": {
        "en": "Still needed for a staffing estimate:",
        "sv": "Behövs ännu för en bemanningsuppskattning:",
    },
    "staffing_failed": {
        "en": "(No staffing estimate: {reason})",
        "sv": "(Ingen bemanningsuppskattning: {reason})",
    },
    # Lock
    "lock_taken_over": {
        "en": "(An earlier interview, PID {pid}, ended without closing; its lock is taken over.)",
        "sv": "(En tidigare intervju, PID {pid}, avslutades utan att stänga; låset tas över.)",
    },
}


def t(key: str, lang: str, **params: object) -> str:
    """The string ``key`` in ``lang`` (English when missing), with placeholders filled."""
    return pick(STRINGS, key, lang, **params)
