"""Benchmark `medguide rules run`: generated mixed cases, end to end, one core.

    .venv/bin/python benchmarks/rules_batch.py [--cases N] [--repeat R] [--seed S] [--core C]
                                               [--medguide CMD] [--baseline CMD] [--no-flatness]

Writes N mixed cases over all 15 rules (seeded, varied facts; about 2% bad lines:
not JSON, unknown rule, too many decimals, a 20-digit number, a wrong type) to a
temp file, then runs ``medguide rules run`` and ``medguide rules run --brief`` as
a subprocess pinned to one core (``taskset -c C`` when present) with that file on
stdin and stdout to /dev/null, R times each, the commands taking turns. Prints,
per mode, the median wall time per case (µs; start-up included, and net of the
empty-input start-up), cases per second, the child's CPU time per case and its
peak RSS. For comparison: the start-up cost (an empty input), a bare stdlib
``json.loads``/``json.dumps`` round trip of the same lines (doing no work), and
the peak RSS at N and at 4N cases (the runner streams: both about the same).

On a shared machine wall time moves with the neighbours; compare runs taken
together (``--medguide`` measures another checkout the same way).

The generator (:func:`generate`) is also used by tests/test_batch.py.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
MEDGUIDE = str(VENV_BIN / "medguide") if (VENV_BIN / "medguide").exists() else None

# --- the generator ---------------------------------------------------------------------------


class Cases:
    """Realistic facts for every rule, drawn from one seeded random source."""

    def __init__(self, rng: random.Random):
        self.r = rng

    # small helpers

    def money(self, low: int, high: int):
        """An amount in whole cents between low and high, written as real JSON writers do.

        Mostly a JSON number (1234.5, 980, 153.98), sometimes a string ("153.98").
        """
        r = self.r
        cents = r.randint(low, high)
        if r.random() < 0.15:
            cents -= cents % 100  # whole dollars
        value = cents / 100  # float: its shortest repr is the exact text (<= 15 digits)
        if r.random() < 0.1:
            return f"{cents // 100}.{cents % 100:02d}"
        return int(value) if value == int(value) and r.random() < 0.5 else value

    def day(self, start: date = date(1992, 1, 1), span: int = 34 * 365) -> date:
        return start + timedelta(days=self.r.randint(0, span))

    def maybe(self, p: float = 0.5) -> bool:
        return self.r.random() < p

    def optional(self, facts: dict, name: str, value, p: float = 0.5, nullable: bool = False) -> None:
        """Give ``name`` with probability p; else leave it out, or (sometimes, when nullable) send null."""
        if self.maybe(p):
            facts[name] = value
        elif nullable and self.maybe(0.2):
            facts[name] = None

    # one method per rule

    def ut_credit_end(self) -> dict:
        start = self.day(span=30 * 365)
        as_of = start + timedelta(days=self.r.randint(0, 6 * 365))
        facts = {"credit_start": start.isoformat(), "as_of": as_of.isoformat()}
        span = (as_of - start).days
        verifications = sorted(start + timedelta(days=self.r.randint(0, span)) for _ in range(self.r.randint(0, 6)))
        if verifications or self.maybe(0.3):
            facts["verification_dates"] = [d.isoformat() for d in verifications]
        if self.maybe(0.3):
            facts["lapse_date"] = (start + timedelta(days=self.r.randint(0, span + 200))).isoformat()
        return facts

    def ut_credit_start(self) -> dict:
        applied = self.day()
        letter = applied + timedelta(days=self.r.randint(0, 40))
        received = letter + timedelta(days=self.r.randint(0, 120))
        facts: dict = {"complete_request_received": received.isoformat()}
        retro = self.maybe(0.6)
        if retro:
            facts["retro_requested"] = True
            facts["new_case"] = self.maybe(0.8)
            facts["application_date"] = applied.isoformat()
            facts["initial_contact_letter_date" if self.maybe(0.8) else "arrears_notice_date"] = letter.isoformat()
            facts["prior_notice_or_knowledge"] = self.maybe(0.8)
            self.optional(facts, "manager_approved", self.maybe(0.8), 0.9, nullable=True)
        else:
            self.optional(facts, "retro_requested", False)
            self.optional(facts, "application_date", applied.isoformat(), 0.3, nullable=True)
        return facts

    def ut_order_regime(self) -> dict:
        order = self.day(date(1985, 1, 1), 41 * 365)
        facts: dict = {"order_date": order.isoformat(), "has_medical_provision": self.maybe()}
        if self.maybe(0.4):
            facts["modified_date"] = (order + timedelta(days=self.r.randint(0, 12 * 365))).isoformat()
            if self.maybe(0.7):
                facts["modification_addressed_credit"] = self.maybe()
                facts["original_addressed_credit"] = self.maybe()
        return facts

    def ut_premium_credit(self) -> dict:
        case_type = self.r.choice(["standard", "standard", "standard", "split", "cic", "specified_relative"])
        holders = {"standard": ["payer", "recipient"], "split": ["payer", "recipient"], "cic": ["payer"],
                   "specified_relative": ["payer", "recipient", "other_parent"]}[case_type]
        policies = []
        for _ in range(self.r.choice([1, 1, 1, 2, 2, 3])):
            persons = self.r.randint(1, 7)
            policy: dict = {"holder": self.r.choice(holders), "premium": self.money(2000, 150000),
                            "persons_covered": persons, "children_on_case": self.r.randint(1, persons)}
            if self.maybe(0.1):
                policy["health_benefits"] = self.maybe(0.3)
            if self.maybe(0.1):
                policy["cap"] = self.money(1000, 40000)
            policies.append(policy)
        facts = {"base_support": self.money(5000, 300000), "case_type": case_type, "policies": policies}
        if case_type == "specified_relative":
            self.optional(facts, "relative_credit_ordered", self.maybe())
        return facts

    def ut_primary_plan(self) -> dict:
        facts: dict = {"order_names_primary": self.r.choice(["parent_a", "parent_b", "none", "none"]),
                       "covered_by_both": self.maybe(0.8)}
        for parent in ("parent_a", "parent_b"):
            born = self.day(date(1955, 1, 1), 45 * 365)
            birthday = born.isoformat() if self.maybe() else born.strftime("%m-%d")
            self.optional(facts, f"{parent}_birthday", birthday, 0.9, nullable=True)
            name = self.r.choice(["Ana Ruiz", "Sam Lee", "Jo O'Neil", "Kim Tran", "María José Núñez", "Pat"])
            self.optional(facts, f"{parent}_name", name, 0.6, nullable=True)
        self.optional(facts, "step_parent_plan_of", self.r.choice(["parent_a", "parent_b"]), 0.2, nullable=True)
        return facts

    def ut_uninsured_expenses(self) -> dict:
        paid = self.day()
        facts = {"amount": self.money(100, 500000), "paid_by": self.r.choice(["parent_a", "parent_b"]),
                 "paid_on": paid.isoformat()}
        sent = paid + timedelta(days=self.r.randint(0, 60))
        self.optional(facts, "verification_sent_on", sent.isoformat(), 0.7, nullable=True)
        return facts

    def ca_apportion_expenses(self) -> dict:
        facts: dict = {"amount": self.money(100, 500000), "method": "half" if self.maybe(0.35) else "income"}
        if facts["method"] == "income":
            facts["net_disposable_income"] = {"parent_a": self.money(100000, 1200000),
                                              "parent_b": self.money(0, 1200000)}
            for name in ("spousal_support", "basic_child_support"):
                if self.maybe(0.4):
                    facts[name] = {"paid_by": self.r.choice(["parent_a", "parent_b"]),
                                   "monthly": self.money(0, 90000)}
        return facts

    def ca_coverage_assignment(self) -> dict:
        facts = {"coverage_ordered": self.maybe(0.8), "parent_has_employer_coverage": self.maybe(0.7)}
        self.optional(facts, "good_cause_shown", self.maybe(0.2))
        return facts

    def ca_medical_insurance_form(self) -> dict:
        facts = {name: self.maybe(0.85) for name in ("parent_names_addresses_ssn", "employer_names_addresses",
                                                     "policy_details", "covered_persons_case_numbers")}
        self.optional(facts, "coverage_lapsed", self.maybe(0.3))
        return facts

    def ca_out_of_network(self) -> dict:
        charged = self.money(1000, 2000000)
        charged_cents = round(float(charged) * 100)
        facts: dict = {"amount_charged": charged, "amount_if_in_network": self.money(0, charged_cents),
                       "obtained_by": self.r.choice(["parent_a", "parent_b"]),
                       "used_ordered_coverage": self.maybe(0.6), "used_preferred_provider": self.maybe(0.6)}
        miles = self.r.choice([self.r.randint(0, 120), round(self.r.uniform(0, 120), 1)])
        self.optional(facts, "distance_miles", miles, 0.4, nullable=True)
        for name in ("emergency", "special_needs", "coverage_inadequate"):
            self.optional(facts, name, self.maybe(0.2), 0.3)
        return facts

    def ca_reimbursement_deadlines(self) -> dict:
        accrued = self.day(date(2011, 1, 1), 15 * 365)
        facts: dict = {"costs_accrued_on": accrued.isoformat(), "paid_all": self.maybe()}
        notified = accrued + timedelta(days=self.r.randint(0, 45))
        self.optional(facts, "notified_on", notified.isoformat(), 0.7, nullable=True)
        self.optional(facts, "court_period_days", self.r.choice([10, 14, 30, 45, 60, 90]), 0.3, nullable=True)
        for name, p in (("disputed", 0.2), ("can_pay_within_30_days", 0.8), ("rights_assigned", 0.05)):
            self.optional(facts, name, self.maybe(p), 0.4)
        return facts

    def qmcso_completeness(self) -> dict:
        facts = {name: self.maybe(0.85) for name in ("names_parent_and_address", "names_child_and_address",
                                                     "describes_coverage", "states_period")}
        self.optional(facts, "requires_benefit_plan_lacks", self.maybe(0.1))
        return facts

    def reasonable_cost(self) -> dict:
        jurisdiction = self.r.choice(["UT", "CA", "federal"])
        facts: dict = {"jurisdiction": jurisdiction, "gross_monthly_income": self.money(0, 2500000)}
        if jurisdiction == "CA":
            single = self.money(0, 80000)
            facts["self_only_premium"] = single
            facts["family_premium"] = self.money(round(float(single) * 100), 200000)
            if self.maybe(0.15):
                facts["low_income_adjustment"] = True
                self.optional(facts, "unjust_finding", self.maybe())
        else:
            facts["cost"] = self.money(0, 120000)
        return facts

    def ar_ocse_medical_support(self) -> dict:
        facts = {"custodial_has_satisfactory_coverage": self.maybe(0.3)}
        self.optional(facts, "receives_public_assistance", self.maybe(0.4))
        self.optional(facts, "requested_on_application", self.maybe(0.5))
        has_order = self.maybe(0.8)
        self.optional(facts, "has_support_order", has_order)
        if has_order:
            self.optional(facts, "order_has_medical_provision", self.maybe())
        self.optional(facts, "court_ordered_uninsured_enforcement", self.maybe(0.2))
        return facts

    def remedies_noncompliance(self) -> dict:
        facts = {"jurisdiction": self.r.choice(["UT", "CA", "AR", "federal"]),
                 "failed_duty": self.r.choice(["insure", "pay_share"])}
        if facts["jurisdiction"] == "CA":
            self.optional(facts, "local_agency_enforcing", self.maybe(), p=0.9)
        return facts

    # bad lines

    def bad(self, good: str) -> str:
        kind = self.r.randrange(6)
        if kind == 0:  # not JSON: a cut-off line
            return good[: self.r.randint(1, len(good) - 2)]
        if kind == 1:
            return json.dumps({"rule": self.r.choice(["ut.premium_credits", "ca.unknown", "", "UT.CREDIT_END"]),
                               "facts": {}})
        if kind == 2:  # too many decimals on the first money-looking number
            return re.sub(r'(": )(\d+)\.?\d*([,}])', r"\1\2.125\3", good, count=1) if re.search(r'": \d+', good) \
                else json.dumps({"rule": "ut.uninsured_expenses", "facts": {"amount": 12.345, "paid_by": "parent_a",
                                                                            "paid_on": "2024-01-05"}})
        if kind == 3:  # a 20-digit number: read exactly and refused, never through float
            return json.dumps({"rule": "ca.apportion_expenses", "facts": {"amount": 0, "method": "half"}}).replace(
                '"amount": 0', '"amount": 12345678901234567890.5')
        if kind == 4:  # a wrong type
            return good.replace("true", '"yes"', 1) if "true" in good else good.replace('": "', '": 7, "x": "', 1)
        return json.dumps(["not", "an", "object"])


RULE_IDS = [
    "ut.credit_end", "ut.credit_start", "ut.order_regime", "ut.premium_credit", "ut.primary_plan",
    "ut.uninsured_expenses", "ca.apportion_expenses", "ca.coverage_assignment", "ca.medical_insurance_form",
    "ca.out_of_network", "ca.reimbursement_deadlines", "qmcso.completeness", "reasonable_cost",
    "ar.ocse_medical_support", "remedies.noncompliance",
]


def generate(n: int, seed: int = 1, bad_share: float = 0.02):
    """Yield n JSON lines (str, no newline): mixed rules, about ``bad_share`` bad lines."""
    rng = random.Random(seed)
    cases = Cases(rng)
    makers = [(rule_id, getattr(cases, rule_id.replace(".", "_"))) for rule_id in RULE_IDS]
    for _ in range(n):
        rule_id, make = rng.choice(makers)
        line = json.dumps({"rule": rule_id, "facts": make()}, ensure_ascii=rng.random() < 0.5)
        yield cases.bad(line) if rng.random() < bad_share else line


def write_cases(path: Path, n: int, seed: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for line in generate(n, seed):
            out.write(line + "\n")


# --- the measurements ------------------------------------------------------------------------

ROUND_TRIP = (
    "import sys, json\n"
    "write = sys.stdout.write\n"
    "for line in sys.stdin:\n"
    "    if line.strip():\n"
    "        try:\n"
    "            out = json.dumps(json.loads(line), separators=(',', ':'), ensure_ascii=False)\n"
    "        except ValueError:\n"
    "            out = '{\"refusal\":\"not_json\"}'\n"
    "        write(out + '\\n')\n"
)


CORE = "0"


def _pinned(cmd: list[str]) -> list[str]:
    return (["taskset", "-c", CORE] if shutil.which("taskset") else []) + cmd


_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


class Run(NamedTuple):
    wall: float  # seconds
    cpu: float  # user + system seconds of the child
    rss: int  # peak resident set size, KiB


def run_once(cmd: list[str], stdin_path: Path) -> Run:
    """One run of cmd, pinned, with the file on stdin and stdout to /dev/null.

    It runs in the file's directory: with ``python -m``, the working directory comes
    first on sys.path and would shadow the checkout a ``--baseline`` names.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report, \
            open(stdin_path, "rb") as stdin, open(os.devnull, "wb") as devnull:
        full = ([_TIME, "-v", "-o", report.name] if _TIME else []) + _pinned(cmd)
        start = time.perf_counter()
        child = subprocess.Popen(full, stdin=stdin, stdout=devnull, cwd=stdin_path.parent)
        # wait4: this child's own rusage (getrusage(RUSAGE_CHILDREN) would give the largest child so far)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            raise subprocess.CalledProcessError(child.returncode, full)
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report.read()) if _TIME else None
        rss = int(found.group(1)) if found else usage.ru_maxrss  # KiB on Linux
    return Run(wall, usage.ru_utime + usage.ru_stime, rss)


def measure(commands: dict[str, tuple[list[str], Path]], repeat: int) -> dict[str, Run]:
    """Median wall and CPU time, and the largest peak RSS, of each command over repeat runs.

    The commands take turns (A B C A B C ...) so a slow spell on a shared machine
    does not fall on one of them only.
    """
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, (cmd, stdin_path) in commands.items():
            runs[name].append(run_once(cmd, stdin_path))
    return {name: Run(statistics.median(r.wall for r in rs), statistics.median(r.cpu for r in rs),
                      max(r.rss for r in rs)) for name, rs in runs.items()}


def main(argv: list[str] | None = None) -> int:
    global CORE
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000, help="cases to generate (default 100000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement; the median is shown (default 5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--core", default="0", help="the core to pin to with taskset (default 0)")
    parser.add_argument("--no-flatness", action="store_true", help="skip the N vs 4N memory check")
    parser.add_argument("--medguide", help="the command to measure instead of .venv/bin/medguide, e.g. "
                                           "'env PYTHONPATH=/tmp/old /work/main/.venv/bin/python -m medguide.bot.cli' "
                                           "to measure another checkout the same way")
    parser.add_argument("--baseline", help="a second medguide command (as for --medguide) measured in the same "
                                           "rotation, for a fair before/after on a shared machine")
    args = parser.parse_args(argv)
    CORE, n = args.core, args.cases
    medguide = shlex.split(args.medguide) if args.medguide else [MEDGUIDE] if MEDGUIDE else [PYTHON, "-m", "medguide.bot.cli"]
    round_trip = [PYTHON, "-c", ROUND_TRIP]

    with tempfile.TemporaryDirectory(prefix="medguide-bench-") as tmp:
        tmpdir = Path(tmp)
        cases, empty = tmpdir / "cases.jsonl", tmpdir / "empty.jsonl"
        write_cases(cases, n, args.seed)
        empty.write_bytes(b"")
        print(f"{n:,} cases ({cases.stat().st_size / 1e6:.1f} MB, seed {args.seed}), median of {args.repeat} runs, "
              f"{f'pinned to core {CORE} (taskset)' if shutil.which('taskset') else 'not pinned (no taskset)'}, "
              f"peak RSS from {'/usr/bin/time -v' if _TIME else 'wait4 rusage'}; Python {sys.version.split()[0]}")

        commands = {
            "start-up": (medguide + ["rules", "run"], empty),
            "full": (medguide + ["rules", "run"], cases),
            "brief": (medguide + ["rules", "run", "--brief"], cases),
            "stdlib start-up": (round_trip, empty),
            "stdlib": (round_trip, cases),
        }
        rows = [("medguide rules run", "full", "start-up"), ("medguide rules run --brief", "brief", "start-up")]
        if args.baseline:
            baseline = shlex.split(args.baseline)
            commands.update({
                "baseline start-up": (baseline + ["rules", "run"], empty),
                "baseline full": (baseline + ["rules", "run"], cases),
                "baseline brief": (baseline + ["rules", "run", "--brief"], cases),
            })
            rows += [("baseline rules run", "baseline full", "baseline start-up"),
                     ("baseline rules run --brief", "baseline brief", "baseline start-up")]
        rows.append(("stdlib json round trip (no work)", "stdlib", "stdlib start-up"))
        got = measure(commands, args.repeat)

        print(f"\n{'':34}{'wall µs/case':>13}{'cases/s':>11}{'cpu µs/case':>13}{'peak RSS':>11}"
              f"{'net of start-up: µs/case':>27}{'cases/s':>10}")
        for label, name, startup in rows:
            r, s0 = got[name], got[startup]
            net = max(r.wall - s0.wall, 1e-9)
            print(f"{label:34}{r.wall / n * 1e6:13.2f}{n / r.wall:11,.0f}{r.cpu / n * 1e6:13.2f}"
                  f"{r.rss / 1024:8.1f} MiB{net / n * 1e6:27.2f}{n / net:10,.0f}")
        for label, name in (("medguide start-up (empty input)", "start-up"),
                            *((("baseline start-up (empty input)", "baseline start-up"),) if args.baseline else ()),
                            ("python start-up (round trip, empty)", "stdlib start-up")):
            r = got[name]
            print(f"{label:34}{r.wall * 1e3:10.1f} ms{'':11}{r.cpu * 1e3:10.1f} ms{r.rss / 1024:8.1f} MiB")
        stdlib = got["stdlib"].wall
        print(f"\nend to end vs the stdlib round trip: full {stdlib / got['full'].wall:.2f}x, "
              f"brief {stdlib / got['brief'].wall:.2f}x its speed (target: 100,000 cases/s, "
              f"about 1.0-1.1x the round trip on the issue's machines)")

        if not args.no_flatness:
            big = tmpdir / "cases4.jsonl"
            with open(big, "wb") as out:
                for _ in range(4):
                    out.write(cases.read_bytes())
            flat = measure({"n": (medguide + ["rules", "run"], cases), "4n": (medguide + ["rules", "run"], big)}, 1)
            print(f"memory flatness: peak RSS {flat['n'].rss / 1024:.1f} MiB at {n:,} cases, "
                  f"{flat['4n'].rss / 1024:.1f} MiB at {4 * n:,} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
