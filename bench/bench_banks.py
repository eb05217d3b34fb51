"""Real bank files: how many statements of the corpus (tests/fixtures/banks) import correctly with
no options, and with the one `--map` setting sbp suggests for those that do not; then, with
`--memory`, the peak memory and time of a big OFX and a big sbp JSON import, each against a CSV
of as many rows imported in the same run (the floor).

    python bench/bench_banks.py                  # the corpus: target 95% with no options
    python bench/bench_banks.py --memory         # 400,000-row OFX and 600,000-row JSON files
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests" / "importers")]

from bench_import import measure  # noqa: E402 - a sibling script, found through sys.path
from corpus import check, corpus  # noqa: E402


def corpus_report() -> None:
    """Each statement with no options, then with the setting its error suggests."""
    entries = corpus()
    plain = hinted = 0
    for entry in entries:
        first = check(entry)
        if not first.problem:
            plain += 1
            hinted += 1
            continue
        offered = re.findall(r"--map (\w+)=(\S+)", first.hint)
        fixed = next((f"{k}={v}" for k, v in offered if not check(entry, {k: v}).problem), None)
        hinted += fixed is not None
        print(f"  {entry['file']}: {first.problem[:90]}; --map {fixed or 'none that works'}")
    total = len(entries)
    print(
        f"with no options:        {plain}/{total} statements import correctly ({plain / total:.0%})"
    )
    print(f"with the suggested map: {hinted}/{total} ({hinted / total:.0%})")


def transactions(rows: int) -> list[tuple[str, str, str]]:
    """(ISO day, signed amount as the account sees it, merchant), the same each run."""
    pick = random.Random(11)
    made = []
    for n in range(rows):
        day = f"2026-{1 + n * 12 // rows:02d}-{1 + pick.randrange(28):02d}"
        cents = pick.randrange(100, 20000)
        made.append((day, f"-{cents // 100}.{cents % 100:02d}", f"MERCHANT {pick.randrange(400)}"))
    return made


def write_ofx(path: Path, rows: list[tuple[str, str, str]]) -> None:
    with path.open("w") as out:
        out.write("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nCHARSET:1252\n\n<OFX><BANKMSGSRSV1>"
                  "<STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>1<ACCTID>42</BANKACCTFROM>"
                  "<BANKTRANLIST>\n")  # fmt: skip
        for n, (day, amount, merchant) in enumerate(rows):
            out.write(
                f"<STMTTRN>\n<TRNTYPE>DEBIT\n<DTPOSTED>{day.replace('-', '')}120000[-5:EST]\n"
                f"<TRNAMT>{amount}\n<FITID>{n:012d}\n<NAME>{merchant}\n<MEMO>CARD PURCHASE\n"
                "</STMTTRN>\n"
            )
        out.write("</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n")


def write_json(path: Path, rows: list[tuple[str, str, str]]) -> None:
    with path.open("w") as out:
        out.write('{"sbp_export": 1, "expenses": [')
        for n, (day, amount, merchant) in enumerate(rows):
            record = {"id": f"01KAB{n:021d}", "date": day, "amount": amount.lstrip("-"),
                      "currency": "USD", "description": f"{merchant} SOMEWHERE",
                      "category": "shopping", "category_source": "default",
                      "note": "a note about this expense"}  # fmt: skip
            out.write(("\n  " if n == 0 else ",\n  ") + json.dumps(record))
        out.write("\n]}\n")


def write_csv(path: Path, rows: list[tuple[str, str, str]]) -> None:
    with path.open("w") as out:
        out.write("Date,Description,Amount\n")
        out.writelines(f"{day},{merchant},{amount}\n" for day, amount, merchant in rows)


def memory_report(runs: int) -> None:
    """Peak memory and time of big OFX and JSON imports, with a CSV of as many rows as floor."""
    with tempfile.TemporaryDirectory() as folder:
        for label, writer, count in (("OFX", write_ofx, 400_000), ("JSON", write_json, 600_000)):
            rows = transactions(count)
            source, floor = Path(folder) / f"big.{label.lower()}", Path(folder) / "big.csv"
            writer(source, rows)
            write_csv(floor, rows)
            del rows
            got: dict[str, list[dict[str, float]]] = {label: [], "CSV": []}
            for run in range(runs):
                for name, path in ((label, source), ("CSV", floor)):
                    got[name].append(measure(Path(folder) / f"{name}{run}.db", path))
            size = source.stat().st_size / 2**20
            seconds = {
                name: statistics.median(r["seconds"] for r in kept) for name, kept in got.items()
            }
            peaks = {name: max(r["peak_mb"] for r in kept) for name, kept in got.items()}
            print(
                f"{label} {count:,} rows ({size:.0f} MB): {seconds[label]:.1f} s, peak "
                f"{peaks[label]:.0f} MB; CSV of the same rows {seconds['CSV']:.1f} s, "
                f"{peaks['CSV']:.0f} MB ({seconds[label] / seconds['CSV']:.1f}x the time, "
                f"{peaks[label] / peaks['CSV']:.2f}x the memory); medians of {runs}"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memory", action="store_true", help="measure big OFX and JSON imports")
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    if arguments.memory:
        memory_report(arguments.runs)
    else:
        corpus_report()
