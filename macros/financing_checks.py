"""Checks for the OU-fond budget (``ou_fund`` in program.yml): its ids point at real records."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .model import Curriculum
from .problems import Problem
from .validate import unknown_id_fix

if TYPE_CHECKING:  # the locator's module is being moved; only its type is needed here
    from .locator import Locator


def check_financing(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    f = cur.programme.ou_fund
    if f is None:
        return
    modules, roles = cur.by_id("modules"), cur.by_id("roles")
    if f.module not in modules:
        yield at.problem(
            "programme",
            ("ou_fund", "module"),
            f"ukjent modul «{f.module}» i budsjettet for OU-fondet",
            unknown_id_fix(f.module, set(modules), "curriculum/program.yml", ""),
        )
    for i, fee in enumerate(f.fees):
        if fee.role not in roles:
            yield at.problem(
                "programme",
                ("ou_fund", "fees", i, "role"),
                f"ukjent rolle «{fee.role}» i honorarene for OU-fondet",
                unknown_id_fix(fee.role, set(roles), "curriculum/roller.yml", ""),
            )
