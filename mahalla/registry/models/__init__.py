"""The settlement and household registry, after LADM (ISO 19152) and the tools built on it
(Cadasta, STDM): parties (households, their members, organisations), spatial units (the
community, parcels, structures) and the tenure relationships between them; a settlement
profile per community and survey round; value lists as editable data; and the field
mappings that turn an approved submission into registry records."""

from mahalla.registry.models.mapping import FieldMap, FormMapping
from mahalla.registry.models.merges import HouseholdMerge
from mahalla.registry.models.parties import Household, Member
from mahalla.registry.models.profiles import SettlementProfile
from mahalla.registry.models.reports import DistrictReport
from mahalla.registry.models.spatial import SpatialUnit
from mahalla.registry.models.tenure import EvidenceDocument, TenureRelationship
from mahalla.registry.models.values import Value, ValueList

__all__ = [
    "DistrictReport",
    "EvidenceDocument",
    "FieldMap",
    "FormMapping",
    "Household",
    "HouseholdMerge",
    "Member",
    "SettlementProfile",
    "SpatialUnit",
    "TenureRelationship",
    "Value",
    "ValueList",
]
