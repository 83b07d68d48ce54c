#!/usr/bin/env python3
"""Transcribe the two rubric source texts (models/frameworks/sources/) into framework definition files (models/frameworks/*.yaml).

Run by a developer when a source text changes:
    python3 models/tools/convert_seeds.py models/frameworks/sources models/frameworks
The committed YAML is the reference data; the loader (FrameworkLoader) validates it on every load.
Source quirks resolved here:
  * TXNSI cells split over a "(continued)" row are joined into one cell;
  * outcome titles come from the "Desired outcomes" table, not the per-role headings
    (which vary slightly, and Hub team 3.3 carries 3.2's title);
  * iLEAD objectives 16, 22, 23, 24 have no stage-1 descriptor: the key is left out, not emptied.
"""
import re
import sys
from pathlib import Path

TAG = re.compile(r"<[^>]+>")


def clean(cell: str) -> str:
    """HTML-ish cell -> plain text; bullet lists become one '• item' per line."""
    text = TAG.sub(" ", cell)
    text = text.replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip()
    if "•" in text:
        items = [i.strip() for i in text.split("•") if i.strip()]
        lead = ""
        if not text.startswith("•"):
            lead, items = items[0], items[1:]
        lines = ([lead] if lead else []) + ["• " + i for i in items]
        return "\n".join(lines)
    return text


def yq(s: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def ilead(seed: Path, out: Path) -> None:
    objectives = {}
    for line in seed.read_text(encoding="utf-8").split("\n"):
        cells = line.split("\t")
        for i, c in enumerate(cells):
            m = re.match(r"^<b>(\d+)\. (.*)</b>$", c.strip())
            if m:
                stages = [clean(x) for x in cells[i + 1:i + 5]]
                objectives[int(m.group(1))] = (m.group(2).strip(), stages)
    assert sorted(objectives) == list(range(1, 25)), sorted(objectives)
    stage_labels = ["Exploring change ideas", "Small change implementation",
                    "Integrating IS/NIC into the core work", "Institutionalizing and sustaining the work"]
    o = ["# Transcribed from models/frameworks/sources/ilead-developmental-progressions-draft-2018-02.txt by models/tools/convert_seeds.py.",
         "framework_id: ilead-dp-2018",
         "name: iLEAD Developmental Progressions",
         'version: "Draft 02/18"',
         "network: ilead",
         "level_term: stage",
         "dimension_term: objective",
         "ascending: true",
         "descriptors_by_role: false",
         "levels:"]
    for n, label in enumerate(stage_labels, 1):
        o += [f"  - value: {n}", f"    label: {yq(label)}", f"    progress_rank: {n}"]
    o += ["groups:",
          "  - code: IHE", "    title: Institution of higher education",
          "  - code: LEA", "    title: Local education agency (district)",
          "  - code: PARTNERSHIP", "    title: Partnership"]
    o += ["roles:",
          "  - code: IHE", "    name: University (IHE) raters",
          "  - code: LEA", "    name: District (LEA) raters",
          "  - code: JOINT", "    name: Partnership team rating together",
          "  - code: HUB", "    name: iLEAD hub"]
    o.append("dimensions:")
    for n in range(1, 25):
        title, stages = objectives[n]
        group = "IHE" if n <= 10 else "LEA" if n <= 17 else "PARTNERSHIP"
        o += [f'  - code: "{n}"', f"    number: {n}", f"    title: {yq(title)}", f"    group: {group}", "    descriptors:"]
        for s, text in enumerate(stages, 1):
            if text:
                o.append(f'      "{s}": {yq(text)}')
    (out / "ilead-dp-2018.yaml").write_text("\n".join(o) + "\n", encoding="utf-8")


ROLES = [("Improvement Team", "IMPROVEMENT_TEAM", "Improvement team"),
         ("Improvement Facilitator", "IMPROVEMENT_FACILITATOR", "Improvement facilitator"),
         ("School Leader", "SCHOOL_LEADER", "School leader"),
         ("District Leader", "DISTRICT_LEADER", "District leader"),
         ("Hub Team", "HUB_TEAM", "Hub team")]


def txnsi(seed: Path, out: Path) -> None:
    lines = seed.read_text(encoding="utf-8").split("\n")
    # Canonical outcome titles and principle texts come from the overview tables.
    start = next(i for i, l in enumerate(lines) if l.strip() == "Major principles")
    principles = [c.strip() for c in lines[start + 3].split("\t")]
    principle_text = [clean(c) for c in lines[start + 4].split("\t")]
    desired = next(i for i, l in enumerate(lines) if l.startswith("1.1 Investigate"))
    outcomes = {}
    for cell in lines[desired].split("\t"):
        for code, title in re.findall(r"(\d\.\d) (.*?)\.(?= \d\.\d|$)", cell.strip()):
            outcomes[code] = title
    assert len(outcomes) == 15, outcomes
    role_start = next(i for i, l in enumerate(lines) if l.strip().startswith("Improvement team\tImprovement facilitator"))
    role_text = [clean(c) for c in lines[role_start + 1].split("\t")]

    cells = {}  # (role, code) -> [5 texts]
    role = None
    for i, l in enumerate(lines):
        if i <= role_start + 1:
            continue
        if l.strip() in [r[0] for r in ROLES]:
            role = next(r[1] for r in ROLES if r[0] == l.strip())
            continue
        m = re.match(r"^(\d\.\d) (.*?)\t*$", l)
        if not (m and role):
            continue
        j = i + 1
        while not lines[j].strip():
            j += 1
        row = [clean(c) for c in lines[j].split("\t")]
        assert len(row) == 5, (i, len(row))
        key = (role, m.group(1))
        if "(continued)" in m.group(2):
            prev = cells[key]
            cells[key] = [("\n".join(x for x in (a, b) if x)) for a, b in zip(prev, row)]
        else:
            assert key not in cells, key
            cells[key] = row
    assert len(cells) == 75, len(cells)

    o = ["# Transcribed from models/frameworks/sources/txnsi-innovation-configuration-maps.txt by models/tools/convert_seeds.py.",
         "# Level 1 is Ideal and Level 5 is Entry: level values are kept as the maps number them,",
         "# progress_rank orders them from least (1) to most (5) developed.",
         "framework_id: txnsi-ic-2022",
         "name: TXNSI Innovation Configuration maps",
         'version: "2022"',
         "network: txnsi",
         "level_term: level",
         "dimension_term: outcome",
         "ascending: false",
         "descriptors_by_role: true",
         "levels:"]
    for v in range(1, 6):
        label = {1: "Level 1 (Ideal)", 5: "Level 5 (Entry)"}.get(v, f"Level {v}")
        o += [f"  - value: {v}", f"    label: {yq(label)}", f"    progress_rank: {6 - v}"]
    o.append("groups:")
    for p, t in zip(principles, principle_text):
        m = re.match(r"(\d)\. (.*)\.$", p)
        o += [f'  - code: "{m.group(1)}"', f"    title: {yq(m.group(2))}", f"    description: {yq(t)}"]
    o.append("roles:")
    for (_, code, name), text in zip(ROLES, role_text):
        o += [f"  - code: {code}", f"    name: {yq(name)}", f"    description: {yq(text)}"]
    o.append("dimensions:")
    for n, (code, title) in enumerate(sorted(outcomes.items()), 1):
        o += [f'  - code: "{code}"', f"    number: {n}", f"    title: {yq(title)}", f'    group: "{code[0]}"', "    descriptors:"]
        for _, rcode, _ in ROLES:
            o.append(f"      {rcode}:")
            for v, text in enumerate(cells[(rcode, code)], 1):
                if text:
                    o.append(f'        "{v}": {yq(text)}')
    (out / "txnsi-ic-2022.yaml").write_text("\n".join(o) + "\n", encoding="utf-8")


if __name__ == "__main__":
    seeds, out = Path(sys.argv[1]), Path(sys.argv[2])
    ilead(seeds / "ilead-developmental-progressions-draft-2018-02.txt", out)
    txnsi(seeds / "txnsi-innovation-configuration-maps.txt", out)
