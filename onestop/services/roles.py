"""Roles and what each may do: the table the window shows actions by, and the check every service
that changes something starts with (``require_role(ctx, action)``).

The desktop client signs people in and builds a Context with their ``role``. The command line
runs with ``role=None``: the local operator, who may do everything (protecting the machine is
the OS account's job).
"""

from __future__ import annotations

from dataclasses import dataclass

from onestop.domain.errors import InputError
from onestop.domain.messages import label, msg

from .context import Context

ROLES = ("counter", "postal", "supervisor", "admin")

ROLE_LABELS_VI: dict[str, str] = {
    "counter": "Cán bộ một cửa",
    "postal": "Nhân viên bưu điện",
    "supervisor": "Lãnh đạo",
    "admin": "Quản trị hệ thống",
}


@dataclass(frozen=True)
class Action:
    roles: frozenset[str]
    verb_vi: str  # completes "Tài khoản ... không được phép ..."


# What each role may do. The window shows only these; the services refuse the rest. The
# administrator may do everything (see may()).
ACTIONS: dict[str, Action] = {
    "receive": Action(frozenset({"counter"}), "tiếp nhận hồ sơ"),
    "return": Action(frozenset({"counter"}), "trả kết quả"),
    "result_ready": Action(frozenset({"counter"}), "ghi nhận đã có kết quả"),
    "supplement": Action(frozenset({"counter", "supervisor"}), "yêu cầu bổ sung hồ sơ"),
    "refuse": Action(frozenset({"counter", "supervisor"}), "từ chối giải quyết hồ sơ"),
    "extend": Action(frozenset({"supervisor"}), "gia hạn hồ sơ"),
    "stop": Action(frozenset({"supervisor"}), "dừng giải quyết hồ sơ"),
    "rate": Action(frozenset({"counter", "supervisor"}), "ghi nhận đánh giá của người dân"),
    "report": Action(frozenset({"supervisor"}), "xem báo cáo tình hình giải quyết hồ sơ"),
    "print": Action(frozenset({"counter", "supervisor", "postal"}), "in biểu mẫu"),
    "search": Action(frozenset({"counter", "supervisor", "postal"}), "tra cứu hồ sơ"),
    "daily_log": Action(frozenset({"counter", "supervisor"}), "xem sổ theo dõi hồ sơ"),
    "postal": Action(frozenset({"postal"}), "làm nghiệp vụ bưu chính"),
    "users": Action(frozenset(), "quản lý tài khoản"),
}


class RoleRefused(InputError):
    """The signed-in role may not do this; ``field`` is ``"role"``. Nothing was written."""


def role_label(role: str) -> str:
    """The role as people read it (the code itself for an unknown one)."""
    return ROLE_LABELS_VI.get(role, role)


def may(role: str | None, action: str) -> bool:
    """Whether ``role`` may do ``action``; None is the command line's local operator."""
    if role is None or role == "admin":
        return True
    rule = ACTIONS.get(action)
    return rule is not None and role in rule.roles


def require_role(ctx: Context, action: str) -> None:
    """Refuse (RoleRefused, field "role") unless the context's role may do ``action``."""
    role = getattr(ctx, "role", None)
    if may(role, action):
        return
    verb = ACTIONS[action].verb_vi if action in ACTIONS else action
    who = ROLE_LABELS_VI.get(role or "", role or "").lower()
    raise RoleRefused(
        "role",
        msg(
            "role.refused", role=label("role", role or "", who), verb=label("action", action, verb)
        ),
    )
