"""RFM benchmark: ``python -m analysis rfm`` on 520,000 order lines, as a fresh process.

Builds the lines from the shared Online Retail sample (``../shared/data``): lines drawn with
replacement (seed 0), each customer split into 20 and each invoice into 5, so there are thousands
of customers with realistic order counts (and the sample's duplicates, returns and bad prices).
Budget: 20 s. Also checks the customer count against a pandas reference.

    python bench/bench_rfm.py          # human-readable
    python bench/bench_rfm.py --json   # one JSON object
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_ingest import parse_args, timed_command  # noqa: E402

SOURCE = HERE.parents[1] / "shared" / "data" / "online_retail_200_customers.csv"
LINES = 520_000
BUDGET = 20.0


def build_lines(path: Path) -> pd.DataFrame:
    """Write the benchmark's order lines to ``path`` and return them."""
    sample = pd.read_csv(SOURCE, dtype=str)
    rng = np.random.default_rng(0)
    big = sample.iloc[rng.integers(0, len(sample), LINES)].copy()
    big["CustomerID"] = (big["CustomerID"] + "_" + rng.integers(0, 20, LINES).astype(str)).where(big["CustomerID"].notna())
    big["InvoiceNo"] = big["InvoiceNo"] + "_" + rng.integers(0, 5, LINES).astype(str)
    big.to_csv(path, index=False)
    return big


def reference_customers(lines: pd.DataFrame) -> int:
    """Customers with at least one sale line, counted with pandas."""
    quantity, price = pd.to_numeric(lines["Quantity"]), pd.to_numeric(lines["UnitPrice"])
    sales = lines[~lines.duplicated() & (price > 0) & (quantity > 0) & lines["CustomerID"].notna()
                  & ~lines["InvoiceNo"].str.upper().str.startswith("C")]
    return sales["CustomerID"].nunique()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(__doc__, argv, SOURCE)
    if args is None:
        return 2
    seconds, found, lines = timed_command(build_lines, "order_lines.csv", "rfm")
    expected = reference_customers(lines)
    ok = seconds <= BUDGET and found["customers"] == expected
    result = {"lines": LINES, "seconds": round(seconds, 2), "budget_s": BUDGET, "customers": found["customers"],
              "reference_customers": expected, "segments": found["segments"], "ok": ok}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"rfm on {LINES:,} order lines, as a process: {seconds:.2f} s (budget {BUDGET:.0f} s); "
              f"{found['customers']:,} customers (pandas reference {expected:,}); segments {found['segments']}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
