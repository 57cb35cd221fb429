"""Records named in Thai, Persian and English (`name_th`, `name_fa`, `name_en`)."""

from __future__ import annotations

from mahalla.places.models import localized_name


class Named:
    """`name`: the name in the reader's language (falling back to the others); also str()."""

    @property
    def name(self) -> str:
        return localized_name(self)

    def __str__(self) -> str:
        return self.name
