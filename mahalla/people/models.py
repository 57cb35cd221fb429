"""Users, organisations and the roles granted to users on areas or organisations."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mahalla.core.i18n.languages import resolve_language
from mahalla.core.i18n.timezones import is_time_zone
from mahalla.people.roles import Role
from mahalla.places.models import Area, localized_name


def validate_time_zone(value: str) -> None:
    if value and not is_time_zone(value):
        raise ValidationError(
            _("“%(value)s” is not a time zone. Choose one from the list."),
            code="invalid_time_zone",
            params={"value": value},
        )


class User(AbstractUser):
    """A person who signs in. Language and time zone follow them from device to device."""

    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, blank=True, default=""
    )
    # No `choices`: the IANA list changes with Python's tz database, not with migrations.
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        default="",
        validators=[validate_time_zone],
        help_text=_(
            "Empty: the usual time zone of your language (Thai: Bangkok; Persian: Tehran)."
        ),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Organisation(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT_AGENCY = "government_agency", _("government agency")
        MUNICIPALITY = "municipality", _("municipality")
        DISTRICT_OFFICE = "district_office", _("district office")
        COMMUNITY_ORGANISATION = "community_organisation", _("community organisation")
        COMMUNITY_NETWORK = "community_network", _("community network")
        NGO = "ngo", _("NGO")
        COOPERATIVE = "cooperative", _("cooperative")
        # Iran: a team contracted to work with residents of an informal settlement.
        FACILITATION_OFFICE = "facilitation_office", _("facilitation office")
        # Tehran: the municipality's house in each neighbourhood (سرای محله).
        NEIGHBOURHOOD_HOUSE = "neighbourhood_house", _("neighbourhood house")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200, blank=True)
    # Short names differ by language (กทม. on Thai pages, BMA on English ones).
    short_name_en = models.CharField(_("short name (English)"), max_length=40, blank=True)
    short_name_th = models.CharField(_("short name (Thai)"), max_length=40, blank=True)
    short_name_fa = models.CharField(_("short name (Persian)"), max_length=40, blank=True)
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("Where the organisation works; people with a role there can see it."),
    )
    search_text = models.TextField(blank=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_en", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name_en="", name_th="", name_fa=""),
                name="organisation_has_a_name",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized_name(self)

    @property
    def short_name(self) -> str:
        """The short name in the active language; "" rather than another language's, since
        an abbreviation in another script (BMA on a Thai page) reads as noise."""
        return getattr(self, f"short_name_{resolve_language()}")


class RoleGrant(models.Model):
    """A role held by a user on an area (and everything beneath it) or on an organisation.

    Grants are never deleted: revoking sets `revoked_at`, so who could see what, and when,
    can always be answered.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="role_grants",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_grants",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_grants",
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        ordering = ["-granted_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(area__isnull=False, organisation__isnull=True)
                    | models.Q(area__isnull=True, organisation__isnull=False)
                ),
                name="rolegrant_on_area_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "area"],
                condition=models.Q(revoked_at__isnull=True, area__isnull=False),
                name="rolegrant_active_unique_on_area",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=models.Q(revoked_at__isnull=True, organisation__isnull=False),
                name="rolegrant_active_unique_on_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.get_role_display()} @ {self.area or self.organisation}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
