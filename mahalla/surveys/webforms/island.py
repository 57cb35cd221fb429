"""The web-form island: the files Vite builds at set-up, and the strings the island shows.

The bundle is built by `make setup` (`npm run build:webforms`, frontend/webforms/) into
static/surveys/webforms/ under fixed names, so templates name it with `{% static %}` and the
manifest storage hashes it like any other static file. It is never committed.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from django.contrib.staticfiles import finders
from django.utils.translation import get_language
from django.utils.translation import gettext as _

SCRIPT = "surveys/webforms/webforms.js"
STYLE = "surveys/webforms/webforms.css"
BUILD_HINT = "run `make setup` (or `npm run build:webforms`) to build it"


class IslandMissing(RuntimeError):
    pass


def missing_files() -> list[str]:
    return [name for name in (SCRIPT, STYLE) if not finders.find(name)]


def assets() -> dict[str, str]:
    missing = missing_files()
    if missing:
        raise IslandMissing(
            f"the web-form island is not built ({', '.join(missing)}): {BUILD_HINT}"
        )
    return {"script": SCRIPT, "style": STYLE}


@lru_cache(maxsize=1)
def build_id() -> str:
    """Changes with every build, so the service worker drops the caches of an older one."""
    digest = hashlib.sha256()
    for name in (SCRIPT, STYLE):
        path = finders.find(name)
        if path:
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()[:12]


def strings() -> dict[str, str]:
    """What the island writes on the page, in the reader's language (its own buttons, such as
    ODK Web Forms' "Send", are English in 0.22: see docs/decisions/0008-web-forms.md)."""
    return {
        "loadFailed": _("The form could not be loaded. Check the connection and reload the page."),
        "discardConfirm": _(
            "Discard the unfinished form? What you typed will be deleted from this device."
        ),
        "queued": _("Waiting to be sent"),
        "sending": _("Sending…"),
        "sent": _("Sent"),
        "rejected": _("Refused by the server"),
        "signIn": _("Waiting: sign in again to send it"),
        "offline": _("You are offline. Finished forms are kept on this device and sent later."),
        "online": _("You are online."),
        "savedOffline": _("Saved on this device. It will be sent when the connection returns."),
        "emptyQueue": _("Nothing waiting to be sent."),
        "remove": _("Remove"),
        "removeConfirm": _("Remove this form from the device? It was not accepted by the server."),
        "instance": _("Form filled at %(time)s"),
        # ODK Web Forms' own words that frontend/webforms/patches.mjs makes translatable.
        "odk": {
            "send": _("Send"),
            "add": _("Add"),
            "remove": _("Remove"),
            "getLocation": _("Get location"),
            "changeLanguage": _("Change language"),
            "required": _("This question must be answered."),
            "constraint": _("This answer is not allowed here."),
            "oneError": _("1 question with error."),
            "manyErrors": _("%(count)s questions with errors."),
            "goodAccuracy": _("Good accuracy"),
            "poorAccuracy": _("Poor accuracy"),
            "unknownAccuracy": _("Unknown accuracy"),
            "findingLocation": _("Finding your location"),
            "timeTaken": _("Time taken to find the location:"),
            "cancel": _("Cancel"),
            "saveLocation": _("Save location"),
            "tryAgain": _("Try again"),
            "noLocation": _("Cannot find the location"),
            "imagePreview": _("The photo taken"),
            "takePicture": _("Take a photo"),
            "chooseImage": _("Choose a photo"),
            # The footer's "Powered by" before the ODK logo.
            "poweredBy": _("Made with"),
        },
        # The date picker's words (PrimeVue's locale); day and month names come from the
        # browser's own ICU data (Intl) in frontend/webforms/main.js.
        "calendar": {
            "today": _("Today"),
            "clear": _("Clear"),
            "chooseYear": _("Choose the year"),
            "chooseMonth": _("Choose the month"),
            "chooseDate": _("Choose the date"),
            "prevDecade": _("Previous decade"),
            "nextDecade": _("Next decade"),
            "prevYear": _("Previous year"),
            "nextYear": _("Next year"),
            "prevMonth": _("Previous month"),
            "nextMonth": _("Next month"),
            # Iran's week starts on Saturday, Thailand's on Sunday.
            "firstDayOfWeek": 6 if get_language() == "fa" else 0,
        },
    }
