"""The web-form island: the files Vite builds at set-up, and the strings the island shows.

The bundle is built by `make setup` (`npm run build:webforms`, frontend/webforms/) into
static/surveys/webforms/ under fixed names, so templates name it with `{% static %}` and the
manifest storage hashes it like any other static file. It is never committed.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from django.contrib.staticfiles import finders
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

SCRIPT = "surveys/webforms/webforms.js"
STYLE = "surveys/webforms/webforms.css"
BUILD_HINT = "run `make setup` (or `npm run build:webforms`) to build it"


# Coordinates typed into the map widget's paste box, near the reader's cities.
PASTE_EXAMPLES = {
    "th": "13.71 100.56 0 5; 13.72 100.57 0 5",
    "fa": "\u200e35.70 51.40 0 5; 35.71 51.41 0 5\u200e",
    "en": "13.71 100.56 0 5; 13.72 100.57 0 5",
}


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
            # A form the engine cannot open (its own technical message goes in the details).
            "loadErrorTitle": _("This form cannot be opened"),
            "loadError": _(
                "Something in the form stops it from opening. Tell the person who published it, "
                "and show them the technical details below."
            ),
            "loadErrorDetails": _("Technical details"),
            # The saved location, and the accuracy while it is being found.
            "accuracyValue": _("Accuracy: %(value)s m"),
            "latitudeValue": _("Latitude: %(value)s"),
            "longitudeValue": _("Longitude: %(value)s"),
            "altitudeValue": _("Altitude: %(value)s m"),
            "metres": _("%(value)s m"),
            "savedAt": _("The location is saved when its accuracy reaches %(value)s m."),
            "savedBefore": _("The location saved before was accurate to %(value)s m."),
            "comma": pgettext("list separator", ","),
            "pointsSaved": _("%(count)s points saved"),
            # The footer's "Powered by" before the ODK logo.
            "poweredBy": _("Made with"),
            # The map widget (geopoint on a map, geotrace, geoshape questions).
            "longitude": _("Longitude"),
            "longitudeInvalid": _("The longitude is not valid."),
            "latitude": _("Latitude"),
            "latitudeInvalid": _("The latitude is not valid."),
            "altitude": _("Altitude"),
            "accuracy": _("Accuracy"),
            "importLocation": _("Replace the location with data you paste or upload"),
            "deleteShapeTitle": _("Delete the whole shape?"),
            "deleteTraceTitle": _("Delete the whole line?"),
            "deleteShape": _("The whole shape will be deleted and you can draw it again."),
            "deleteTrace": _("The whole line will be deleted and you can draw it again."),
            "delete": _("Delete"),
            "fullScreen": _("Full screen"),
            "zoomToFit": _("Show everything drawn"),
            "zoomToLocation": _("Go to my location"),
            "undo": _("Undo the last change"),
            "graphicsTitle": _("The map cannot be shown"),
            "graphics": _(
                "This browser cannot draw the map now. Turn on graphics acceleration in its "
                "settings."
            ),
            "locationPermission": _(
                "Allow this site to use your location in the browser's settings, and turn on "
                "the phone's location."
            ),
            "removeSelection": _("Remove the selected point"),
            "saveSelected": _("Save the selected point"),
            "noTrace": _("No line saved yet"),
            "noShape": _("No shape saved yet"),
            "noPoint": _("No point saved yet"),
            "pointSaved": _("Point saved"),
            "traceSaved": _("Line saved"),
            "shapeSaved": _("Shape saved"),
            "featureSaved": _("Saved"),
            "capturing": _("Finding your location…"),
            "removePoint": _("Remove the point"),
            "viewDetails": _("Details"),
            "advanced": _("Coordinates"),
            "fileEmpty": _("The file is empty."),
            "fileType": _("Only GeoJSON files (.geojson) can be uploaded here."),
            "fileUnreadable": _("The file could not be read as GeoJSON."),
            "wrongGeometry": _("This is not the kind of shape the question asks for."),
            "pasteLabel": _("Paste coordinates in ODK's format"),
            # The example is typed as is (ASCII digits: the widget reads no others).
            "pasteHint": _(
                "Latitude, longitude, altitude and accuracy, separated by spaces; points "
                "separated by semicolons (for example %(example)s)"
            )
            % {"example": PASTE_EXAMPLES.get(get_language(), PASTE_EXAMPLES["th"])},
            "uploadLabel": _("Upload a GeoJSON file"),
            "uploadFile": _("Upload a file"),
            "save": _("Save"),
            "dragHint": _("Press and drag a point to move it"),
            "tapHint": _("Tap the map to place a point"),
            "tapMoveHint": _("Tap the map to move the point"),
            "locationHint": _("Use the location button to go to where you are"),
            "zoomIn": _("Zoom in"),
            "zoomOut": _("Zoom out"),
            "attributions": _("Map data sources"),
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
