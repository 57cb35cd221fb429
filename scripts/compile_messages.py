"""Compile every locale/*/LC_MESSAGES/*.po to .mo with polib (no GNU gettext needed).

Usage: python scripts/compile_messages.py [project root]. Exits 1 if a catalogue cannot be
read or written. The .mo files are build output and are not committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib


def catalogues(root: Path) -> list[Path]:
    """The project's catalogues and any app's own, never those of installed packages."""
    found = set(root.glob("locale/*/LC_MESSAGES/*.po"))
    found.update(root.glob("mahalla/**/locale/*/LC_MESSAGES/*.po"))
    return sorted(found)


def compile_all(root: Path) -> int:
    failures = 0
    paths = catalogues(root)
    for po_path in paths:
        try:
            catalogue = polib.pofile(str(po_path), check_for_duplicates=True)
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        except (OSError, ValueError) as exc:
            failures += 1
            print(f"error: {po_path.relative_to(root)}: {exc}", file=sys.stderr)
            continue
        print(
            f"compiled {po_path.relative_to(root)}: "
            f"{len(catalogue.translated_entries())} translated, "
            f"{len(catalogue.untranslated_entries())} untranslated, "
            f"{len(catalogue.fuzzy_entries())} fuzzy"
        )
    if not paths:
        print("no message catalogues found; pages will be shown in English")
    return 1 if failures else 0


if __name__ == "__main__":
    project_root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]
    sys.exit(compile_all(project_root.resolve()))
