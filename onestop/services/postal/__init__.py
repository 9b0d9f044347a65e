"""The public postal service at the counter: home pickup of dossiers, home delivery of results,
handover records with the post, delivery attempts, postage and the monthly statement, and the
files exchanged with the postal operator. One use case each, for the desktop client and the
command line alike; one module per job, the names callers use re-exported here.

Facts: Decision 45/2016/QĐ-TTg and Circular 17/2017/TT-BTTTT (see DOMAIN.md). A dossier picked
up at home counts as submitted at the signature of the handover record; a result goes back to
the agency after two failed attempts two working days apart.
"""

from __future__ import annotations

from .common import DEFAULT_POST_OFFICE
from .delivery import Attempt, record_attempt
from .exchange import (
    EXPORT_COLUMNS,
    IMPORT_COLUMNS,
    STATUS_LIMITS,
    StatusRow,
    export_day,
    export_rows,
    import_statuses,
    read_status_file,
)
from .handover import HandoverLine, handover, parse_item
from .lists import day_list, day_lists, delivery_list, pickup_list
from .pickups import (
    PICKUP_AHEAD_DAYS,
    PICKUP_LABELS_VI,
    PICKUP_PAST_DAYS,
    PickupInput,
    cancel_pickup,
    complete_pending_pickups,
    pickup_item,
    pickup_receipt_pdf,
    request_pickup,
)
from .records import handover_pdf, record_json, records_of_day
from .results import (
    AttemptResult,
    ChargeLine,
    DayLists,
    DeliveryItem,
    ExportResult,
    HandoverItem,
    HandoverResult,
    ImportResult,
    ListItem,
    OverdueItem,
    PickupItem,
    Statement,
    StatementItem,
    TariffView,
)
from .statement import overdue, statement
from .tariff import TARIFF_LIMITS, TARIFF_SETTING, read_tariff_file, set_tariff, tariff, tariff_view

__all__ = [
    "DEFAULT_POST_OFFICE",
    "EXPORT_COLUMNS",
    "IMPORT_COLUMNS",
    "PICKUP_AHEAD_DAYS",
    "PICKUP_LABELS_VI",
    "PICKUP_PAST_DAYS",
    "STATUS_LIMITS",
    "TARIFF_LIMITS",
    "TARIFF_SETTING",
    "Attempt",
    "AttemptResult",
    "ChargeLine",
    "DayLists",
    "DeliveryItem",
    "ExportResult",
    "HandoverItem",
    "HandoverLine",
    "HandoverResult",
    "ImportResult",
    "ListItem",
    "OverdueItem",
    "PickupInput",
    "PickupItem",
    "Statement",
    "StatementItem",
    "StatusRow",
    "TariffView",
    "cancel_pickup",
    "complete_pending_pickups",
    "day_list",
    "day_lists",
    "delivery_list",
    "export_day",
    "export_rows",
    "handover",
    "handover_pdf",
    "import_statuses",
    "overdue",
    "parse_item",
    "pickup_item",
    "pickup_list",
    "pickup_receipt_pdf",
    "read_status_file",
    "read_tariff_file",
    "record_attempt",
    "record_json",
    "records_of_day",
    "request_pickup",
    "set_tariff",
    "statement",
    "tariff",
    "tariff_view",
]
