"""Re-check latency in the workbench after one edit, on a 2,000-pair document.

Run: ``python benchmarks/workbench_latency.py [--pairs 2000] [--edits 60]``

The document is 2,000 pairs from the WMT22 zh–en references in ../shared/data when present
(else the bundled corpus repeated with distinct figures). Each edit changes one pair's English
(alternating a wrong and a right figure) through the workbench API in process (Starlette's
TestClient: routing, JSON, the re-check and the view the page redraws), so the time is what a
reviewer waits for after "re-check". The baseline in the same run is a cold check of the whole
document with a fresh checker (what a re-check would cost without the session's memo).
Figures: median and p95 in ms, and the ratio of the median to the baseline.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from starlette.testclient import TestClient  # noqa: E402

from duizhao.engine import Checker  # noqa: E402
from duizhao.glossary import load_glossary  # noqa: E402
from duizhao.workbench.app import create_app  # noqa: E402
from duizhao.workbench.session import Workspace  # noqa: E402

WMT = REPO.parent / "shared" / "data" / "wmt22-general-zhen"


def document(pairs: int) -> str:
    """A TSV of ``pairs`` distinct pairs."""
    rows: list[tuple[str, str]] = []
    zh_file, en_file = WMT / "generaltest2022.zh-en.src.zh", WMT / "generaltest2022.zh-en.ref.A.en"
    if zh_file.exists() and en_file.exists():
        zh = zh_file.read_text(encoding="utf-8").splitlines()
        en = en_file.read_text(encoding="utf-8").splitlines()
        rows = [(z, e) for z, e in zip(zh, en, strict=False) if z.strip() and e.strip() and "\t" not in z + e]
    if len(rows) < pairs:
        import yaml

        corpus = yaml.safe_load((REPO / "corpus" / "datong-2024-new-year.yaml").read_text(encoding="utf-8"))
        base = [(s["zh"], s["en"]) for s in corpus["segments"]]
        rows += [(f"{z}（第{i}条）", f"{e} (item {i})") for i, (z, e) in enumerate(base * (pairs // len(base) + 1))]
    return "".join(f"p{i}\t{z}\t{e}\n" for i, (z, e) in enumerate(rows[:pairs]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=60)
    args = parser.parse_args()
    import tempfile

    glossary = load_glossary(REPO / "glossary")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "doc.tsv").write_text(document(args.pairs), encoding="utf-8")
        workspace = Workspace([root], glossary)
        token = "bench"
        client = TestClient(create_app(workspace, token=token), base_url="http://127.0.0.1")
        start = time.perf_counter()
        view = client.post("/api/open", json={"path": "doc.tsv"}, headers={"X-Duizhao-Token": token}).json()
        opened = time.perf_counter() - start
        key, pairs = view["key"], view["pairs"]
        target = next(p for p in pairs if any(ch.isdigit() for ch in p["en"]))
        original = target["en"]
        damaged = next((original.replace(d, str((int(d) + 1) % 10), 1) for d in original if d.isdigit()), original)
        times = []
        for edit in range(args.edits):
            text = damaged if edit % 2 == 0 else original
            start = time.perf_counter()
            response = client.post(f"/api/doc/{key}/pair/{target['index']}", json={"en": text},
                                   headers={"X-Duizhao-Token": token})
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        segments = workspace.document(key).segments
        cold = []
        for _ in range(3):
            start = time.perf_counter()
            list(Checker(workspace.rules, workspace.matcher).run(segments))
            cold.append((time.perf_counter() - start) * 1000)
        workspace.close()
    median, p95 = statistics.median(times), sorted(times)[int(0.95 * (len(times) - 1))]
    baseline = statistics.median(cold)
    print(f"document: {len(pairs)} pairs; opened (read + first check + view) in {opened * 1000:.0f} ms")
    print(f"re-check after an edit, through the API: median {median:.1f} ms, p95 {p95:.1f} ms ({args.edits} edits)")
    print(f"baseline, a cold check of the whole document: {baseline:.1f} ms; "
          f"re-check/baseline = {median / baseline:.2f}")


if __name__ == "__main__":
    main()
