#!/usr/bin/env python3
"""Writes the bad-input corpus in data-samples/bad/ (the files only; each file's expected outcome is the
hand-written <file>.expected.yaml beside it, which the corpus test checks).

    python3 tools/make-bad-corpus.py [OUT_DIR]     # default: data-samples/bad

Deterministic: running it again writes the same bytes. Every rater in the corpus is a made-up identity under
example.org; the privacy tests scan the published files for them.
"""
import io
import os
import struct
import sys
import zipfile

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "data-samples", "bad")
HEADER = "network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment"
NOTE = "# bad-input corpus (synthetic): see data-samples/bad/README.md\n"


def row(dim, level, unit="uva-chesterfield", role="IHE", rater="corpus.rater1@example.org", wave="2021",
        rated_at="2021-04-12", comment="", framework="ilead-dp-2018", network="ilead"):
    return f"{network},{framework},{wave},{unit},{role},{rater},{dim},{level},{rated_at},false,{comment}"


def write(rel, data):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def good_rows(rater, n=6, unit="uva-chesterfield"):
    return [row(d, 1 + d % 4, unit=unit, rater=rater) for d in range(1, n + 1)]


def lines(rows, eol="\n"):
    return eol.join([HEADER] + rows) + eol


# ---------------------------------------------------------------- long format CSV
def long_csv():
    # Windows-1252 text saved by an old Excel: é in a comment is byte 0xE9, not UTF-8.
    text = NOTE + lines(good_rows("corpus.latin1@example.org")[:3] + [row(4, 2, rater="corpus.latin1@example.org", comment="Réunion in May")])
    write("long/latin1-comment.csv", text.encode("cp1252"))

    # Excel's "Unicode Text" as CSV: UTF-16 little-endian with its byte-order mark. Readable: it loads.
    write("long/utf16-with-bom.csv", b"\xff\xfe" + lines(good_rows("corpus.utf16@example.org", unit="gmu-fairfax"), "\r\n").encode("utf-16-le"))

    # Two exports joined with `cat`: a BOM at the start, and a second BOM and header in the middle.
    first = lines(good_rows("corpus.bom@example.org", 3, unit="du-denver"))
    second = lines([row(d, 2, unit="du-denver", rater="corpus.bom@example.org") for d in range(4, 7)])
    write("long/bom-twice-concatenated.csv", b"\xef\xbb\xbf" + first.encode() + b"\xef\xbb\xbf" + second.encode())

    # Lines ending in CRLF, LF and a lone CR (old Mac), and a quoted comment with an embedded CRLF.
    rows = good_rows("corpus.eol@example.org", 5, unit="fordham-bronx")
    body = HEADER + "\r\n" + rows[0] + "\n" + rows[1] + "\r" + rows[2] + "\r\n" + rows[3].rstrip(",") + ',"two\r\nlines"' + "\n" + rows[4] + "\r\n"
    write("long/mixed-line-endings.csv", body)

    # Ragged rows: one short of a field, one with two extra, one cut off after the level.
    rows = good_rows("corpus.ragged@example.org", 6, unit="uic-chicago")
    rows[1] = rows[1].rsplit(",", 1)[0]
    rows[3] = rows[3] + ",extra,more"
    rows[4] = ",".join(rows[4].split(",")[:8])
    write("long/ragged-rows.csv", lines(rows))

    # The same column twice (a copy-paste of the level column).
    write("long/duplicate-header.csv", HEADER + ",level\n" + "\n".join(r + ",3" for r in good_rows("corpus.dup@example.org", 3)) + "\n")

    write("long/empty.csv", b"")
    write("long/header-only.csv", HEADER + "\n")
    write("long/blank-lines-only.csv", "\n\n  \n\n")

    # One comment of 10 MiB (a pasted document): the row is quarantined, the others load.
    rows = good_rows("corpus.huge@example.org", 4, unit="psu-portland")
    rows[2] = rows[2] + '"' + ("A" * (10 * 1024 * 1024)) + '"'
    write("long/ten-megabyte-field.csv", lines(rows))

    # Spreadsheet formulas and control characters in cells.
    r = "corpus.formula@example.org"
    rows = [
        row(1, 2, unit="um-oxford", rater=r, comment='"=HYPERLINK(""http://evil.example/"",""click"")"'),
        row(2, 3, unit="um-oxford", rater=r, comment="+1+1"),
        row(3, 1, unit="um-oxford", rater=r, comment="@SUM(A1:A9)"),
        row(4, 2, unit="um-oxford", rater=r, comment="-2 (we slipped)"),
        row(5, 2, unit="um-oxford", rater=r, comment="bell\x07 and nul\x00 inside"),
        row(6, "2\x0b", unit="um-oxford", rater=r),
        row(7, "=1+1", unit="um-oxford", rater=r),
    ]
    write("long/formulas-and-control-characters.csv", lines(rows))

    # Dates as ISO, as US month/day/year, as words; and a day.month.year one that is not guessed.
    r = "corpus.dates@example.org"
    rows = [
        row(1, 2, unit="asu-avondale", rater=r, rated_at="2021-03-04"),
        row(2, 2, unit="asu-avondale", rater=r, rated_at="3/4/2021"),
        row(3, 2, unit="asu-avondale", rater=r, rated_at="4 March 2021"),
        row(4, 2, unit="asu-avondale", rater=r, rated_at='"March 4, 2021"'),
        row(5, 2, unit="asu-avondale", rater=r, rated_at="2021-03-04T10:15:00Z"),
        row(6, 2, unit="asu-avondale", rater=r, rated_at="04.03.2021"),
        row(7, 2, unit="asu-avondale", rater=r, rated_at="2021-13-45"),
    ]
    write("long/dates-in-several-formats.csv", lines(rows))

    r = "corpus.range@example.org"
    rows = [row(d, lv, unit="hthgse-hth", rater=r) for d, lv in
            [(1, 0), (2, 5), (3, -1), (4, "2.5"), (5, "Stage 9"), (6, "4"), (7, "1"), (8, "Level 1 (Ideal)")]]
    write("long/levels-out-of-range.csv", lines(rows))

    # Level labels as people write them: the number and the label in any order, brackets, curly or single quotes.
    # All load but the last, whose number and label name two different stages.
    r = "corpus.labels@example.org"
    rows = [row(d, lv, unit="fordham-bronx", rater=r) for d, lv in
            [(1, '"Stage 2 (Small change implementation)"'), (2, "(2) Small change implementation"),
             (3, "\u2018Small change implementation\u2019"), (4, "Small change implementation (2)"),
             (5, "[3] Integrating IS/NIC into the core work"), (6, "'4 \u2013 Institutionalizing and sustaining the work'"),
             (7, '"Stage 2 (Exploring change ideas)"')]]
    write("long/level-labels-people-write.csv", lines(rows))

    r = "corpus.unknown@example.org"
    rows = [
        row(1, 2, unit="atlantis-university", rater=r),
        row(2, 2, unit="umd-pgcps", role="Superintendent", rater=r),
        row(25, 2, unit="umd-pgcps", rater=r),
        row(3, 2, unit="umd-pgcps", rater=r, wave="2030", rated_at="2030-04-01"),
        row(4, 2, unit="umd-pgcps", rater=r, framework="ilead-dp-2031"),
        row(5, 2, unit="umd-pgcps", rater=r),
    ]
    write("long/unknown-units-roles-dimensions.csv", lines(rows))

    # TXNSI: an IC map has five levels; Level 6 and Level 0 are not among them.
    rows = [
        "txnsi,txnsi-ic-2022,2022-fall,txnsi-r10-district-a,IMPROVEMENT_TEAM,corpus.txnsi@example.org,1.1,Level 2,2022-10-03,false,",
        "txnsi,txnsi-ic-2022,2022-fall,txnsi-r10-district-a,IMPROVEMENT_TEAM,corpus.txnsi@example.org,1.2,Level 6,2022-10-03,false,",
        "txnsi,txnsi-ic-2022,2022-fall,txnsi-r10-district-a,IMPROVEMENT_TEAM,corpus.txnsi@example.org,1.3,0,2022-10-03,false,",
        "txnsi,txnsi-ic-2022,2022-fall,txnsi-r10-district-a,IMPROVEMENT_TEAM,corpus.txnsi@example.org,6.1,Level 3,2022-10-03,false,",
    ]
    write("long/txnsi-levels-out-of-range.csv", lines(rows))

    # Hostile: a record far wider than any spreadsheet, and a file of one line that is no header (its content is never
    # repeated in the message).
    write("long/twenty-thousand-columns.csv", ",".join(["c"] * 20000) + "\n" + ",".join(["1"] * 20000) + "\n")
    write("long/one-line-no-header.csv", "dana.hostile@example.org;" * 2000)

    # Not what the extension says: a workbook saved as .csv, and a login page downloaded instead of the export.
    write("long/workbook-named-csv.csv", xlsx({"uva-chesterfield": [["Objective", "2021"], ["1", "2"]]}))
    write("long/html-page-named-csv.csv", "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form>Password</form></body></html>\n")


# ---------------------------------------------------------------- survey exports
# The mapping of the Google Forms cases (after its first comment line).
GOOGLE_FORMS_MAPPING = """format: googleforms
network: ilead
framework: ilead-dp-2018
columns:
  unit: Partnership
  role: Role
  rater: Email Address
  rated_at: Timestamp
dimensions:
  "Objective 1": "1"
  "Objective 2": "2"
"""


def surveys():
    mapping = "# Google Forms export with Timestamps in several formats (bad-input corpus).\n" + GOOGLE_FORMS_MAPPING
    write("surveys/googleforms-timestamps.mapping.yaml", mapping)
    rows = [
        ("2021/04/12 9:14:03 AM GMT-4", "corpus.gf1@example.org", "gmu-fairfax"),
        ("4/12/2021 9:14:03", "corpus.gf2@example.org", "gmu-fairfax"),
        ("2021-04-12 09:14:03", "corpus.gf3@example.org", "gmu-fairfax"),
        ("12/04/2021 09:14", "corpus.gf4@example.org", "gmu-fairfax"),
    ]
    text = "Timestamp,Email Address,Partnership,Role,Objective 1,Objective 2\n" + "".join(
        f"{ts},{who},{unit},IHE,2,3\n" for ts, who, unit in rows)
    write("surveys/googleforms-timestamps.csv", text)

    mapping = """# SurveyMonkey export with a ragged row and duplicate question headers (bad-input corpus).
format: surveymonkey
network: ilead
framework: ilead-dp-2018
columns:
  unit: Which partnership?
  role: Your role
  rater: Email Address
  rated_at: End Date
dimensions:
  "Objective 1": "1"
  "Objective 2": "2"
"""
    write("surveys/surveymonkey-ragged.mapping.yaml", mapping)
    text = ("Respondent ID,End Date,Email Address,Which partnership?,Your role,Where is your partnership?,\n"
            ",,,Response,Response,Objective 1,Objective 2\n"
            "101,04/12/2021 10:00:00 AM,corpus.sm1@example.org,usc-myrtlecreek,LEA,2,3\n"
            "102,04/12/2021 11:00:00 AM,corpus.sm2@example.org,usc-myrtlecreek,LEA,2\n"
            "103,04/12/2021 12:00:00 PM,corpus.sm3@example.org,usc-myrtlecreek,LEA,4,1,extra\n")
    write("surveys/surveymonkey-ragged.csv", text)

    mapping = """# Qualtrics export whose column ids repeat (bad-input corpus).
format: qualtrics
network: ilead
framework: ilead-dp-2018
columns:
  unit: Q1
  role: Q2
  rater: RecipientEmail
  rated_at: RecordedDate
dimensions:
  Q3_1: "1"
  Q3_2: "2"
"""
    write("surveys/qualtrics-duplicate-column.mapping.yaml", mapping)
    text = ("StartDate,RecordedDate,Status,RecipientEmail,Q1,Q2,Q3_1,Q3_2,Q3_1\n"
            "Start Date,Recorded Date,Response Type,Recipient Email,Partnership,Role,Objective 1,Objective 2,Objective 1 (again)\n"
            '{"ImportId":"startDate"},{"ImportId":"recordedDate"},{"ImportId":"status"},{"ImportId":"recipientEmail"},{"ImportId":"QID1"},{"ImportId":"QID2"},{"ImportId":"QID3_1"},{"ImportId":"QID3_2"},{"ImportId":"QID3_1"}\n'
            "2021-04-12 09:00:00,2021-04-12 09:10:00,IP Address,corpus.q1@example.org,uva-chesterfield,IHE,2,3,2\n")
    write("surveys/qualtrics-duplicate-column.csv", text)

    # Google Forms downloads write the form's zone abbreviation worldwide. Unambiguous ones (AEST, CEST, HKT) and
    # offsets load; AST means Atlantic or Arabia, so its rows are quarantined with a message naming the zone, until
    # the mapping says time_zone: (the second file, whose zoneless times are in that zone too).
    mapping = "# Google Forms export with time zones from around the world (bad-input corpus).\n" + GOOGLE_FORMS_MAPPING
    write("surveys/googleforms-zones-worldwide.mapping.yaml", mapping)
    rows = [
        ("2021/06/22 11:07:29 AM AST", "corpus.tz1@example.org"),
        ("2021/06/22 11:07:29 AM AEST", "corpus.tz2@example.org"),
        ("2021/06/22 11:07:29 AM CEST", "corpus.tz3@example.org"),
        ("2021/06/22 11:07:29 AM HKT", "corpus.tz4@example.org"),
        ("2021/06/22 11:07:29 AM GMT+5:30", "corpus.tz5@example.org"),
        ("2021/06/22 11:07:29 AM XYZT", "corpus.tz6@example.org"),
    ]
    text = "Timestamp,Email Address,Partnership,Role,Objective 1,Objective 2\n" + "".join(
        f"{ts},{who},gmu-fairfax,IHE,2,3\n" for ts, who in rows)
    write("surveys/googleforms-zones-worldwide.csv", text)
    write("surveys/googleforms-time-zone-mapping.mapping.yaml",
          mapping.replace("with time zones from around the world", "whose form is in Riyadh: time_zone: settles AST and zoneless times") + "time_zone: Asia/Riyadh\n")
    rows = [("2021/06/22 11:07:29 AM AST", "corpus.tr1@example.org"), ("2021/06/22 11:07:29", "corpus.tr2@example.org"),
            ("2021/06/22 11:07:29 AM AEST", "corpus.tr3@example.org")]
    write("surveys/googleforms-time-zone-mapping.csv", "Timestamp,Email Address,Partnership,Role,Objective 1,Objective 2\n" + "".join(
        f"{ts},{who},gmu-fairfax,IHE,2,3\n" for ts, who in rows))

    # Qualtrics' Excel download: the CSV's three header rows and responses in one sheet (dates and numbers typed as
    # Excel types them); read through the same mapping as the CSV. A workbook of two sheets is no survey download.
    mapping = """# Qualtrics Excel (.xlsx) download (bad-input corpus).
format: qualtrics
network: ilead
framework: ilead-dp-2018
wave: "2021"
columns:
  unit: Q1
  role: Q2
  rater: RecipientEmail
  rated_at: RecordedDate
dimensions:
  Q3_1: "1"
  Q3_2: "2"
"""
    header = [["StartDate", "RecordedDate", "Status", "ResponseId", "RecipientEmail", "Q1", "Q2", "Q3_1", "Q3_2"],
              ["Start Date", "Recorded Date", "Response Type", "Response ID", "Recipient Email", "Partnership", "Role", "Objective 1", "Objective 2"],
              ['{"ImportId":"startDate","timeZone":"America/New_York"}', '{"ImportId":"recordedDate","timeZone":"America/New_York"}',
               '{"ImportId":"status"}', '{"ImportId":"_recordId"}', '{"ImportId":"recipientEmail"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2"}',
               '{"ImportId":"QID3_1"}', '{"ImportId":"QID3_2"}']]
    rows = [["2021-04-12 09:00:00", "2021-04-12 09:10:00", "IP Address", "R_1aB2cD3eF4gH5iX", "corpus.qx1@example.org", "uva-chesterfield", "IHE", 2, 3],
            ["2021-04-12 10:00:00", "2021-04-12 10:10:00", "IP Address", "R_2aB2cD3eF4gH5iX", "corpus.qx2@example.org", "uva-chesterfield", "LEA", "Stage 1", "Stage 2"],
            ["2021-04-12 11:00:00", "2021-04-12 11:10:00", "Survey Preview", "R_3aB2cD3eF4gH5iX", "corpus.qx3@example.org", "uva-chesterfield", "IHE", 3, 3]]
    write("surveys/qualtrics-excel-download.mapping.yaml", mapping)
    write("surveys/qualtrics-excel-download.xlsx", xlsx({"iLEAD self-assessment": header + rows}))
    write("surveys/qualtrics-excel-two-sheets.mapping.yaml", mapping.replace("(.xlsx) download", "workbook of two sheets"))
    write("surveys/qualtrics-excel-two-sheets.xlsx", xlsx({"Responses": header + rows[:1], "Notes": [["Cleaned by the hub, see the other sheet"]]}))

    # Hostile: a mapping nested far deeper than any real one (a recursive reader would overflow its stack).
    write("surveys/deeply-nested-mapping.mapping.yaml", "[" * 100000 + "]" * 100000 + "\n")
    write("surveys/deeply-nested-mapping.csv", "Timestamp,Email Address\n2021/04/12 9:14:03 AM GMT-4,corpus.deep@example.org\n")

    # An analyst deleted the question-text and ImportId rows (a very common cleaning step): every response still counts.
    mapping = """# Qualtrics export whose rows 2-3 an analyst deleted (bad-input corpus).
format: qualtrics
network: ilead
framework: ilead-dp-2018
wave: "2021"
columns:
  unit: Q1
  role: Q2
  rater: RecipientEmail
dimensions:
  Q3_1: "1"
  Q3_2: "2"
"""
    write("surveys/qualtrics-header-rows-deleted.mapping.yaml", mapping)
    text = ("StartDate,EndDate,Status,RecordedDate,ResponseId,RecipientEmail,Q1,Q2,Q3_1,Q3_2\n"
            "2021-04-12 09:00:00,2021-04-12 09:10:00,IP Address,2021-04-12 09:10:00,R_1aB2cD3eF4gH5iJ,corpus.qd1@example.org,uva-chesterfield,IHE,2,3\n"
            "2021-04-12 10:00:00,2021-04-12 10:10:00,IP Address,2021-04-12 10:10:00,R_2aB2cD3eF4gH5iJ,corpus.qd2@example.org,uva-chesterfield,LEA,1,2\n"
            "2021-04-12 11:00:00,2021-04-12 11:10:00,IP Address,2021-04-12 11:10:00,R_3aB2cD3eF4gH5iJ,corpus.qd3@example.org,uva-chesterfield,IHE,3,3\n")
    write("surveys/qualtrics-header-rows-deleted.csv", text)

    # The legacy Qualtrics exporter: V1... ids, then names and question text; two header rows, not three.
    mapping = mapping.replace("rows 2-3 an analyst deleted", "from the legacy exporter (V1... ids)").replace("RecipientEmail", "EmailAddress")
    write("surveys/qualtrics-legacy-exporter.mapping.yaml", mapping)
    text = ("V1,V2,V3,V4,V5,V6,V7,V8,V9,V10,Q1,Q2,Q3_1,Q3_2\n"
            "ResponseID,ResponseSet,Name,ExternalDataReference,EmailAddress,IPAddress,Status,StartDate,EndDate,Finished,Partnership,Role,Objective 1,Objective 2\n"
            "R_1aB2cD3eF4gH5iK,Default Response Set,Anonymous,,corpus.ql1@example.org,192.0.2.1,0,2021-04-12 09:00:00,2021-04-12 09:10:00,1,uva-chesterfield,IHE,2,3\n"
            "R_2aB2cD3eF4gH5iK,Default Response Set,Anonymous,,corpus.ql2@example.org,192.0.2.2,1,2021-04-12 10:00:00,2021-04-12 10:10:00,1,uva-chesterfield,LEA,1,2\n"
            "R_3aB2cD3eF4gH5iK,Default Response Set,Anonymous,,corpus.ql3@example.org,192.0.2.3,0,2021-04-12 11:00:00,2021-04-12 11:10:00,1,uva-chesterfield,IHE,3,3\n")
    write("surveys/qualtrics-legacy-exporter.csv", text)

    # SurveyMonkey with its second header row deleted: the first respondent is a response, not a header.
    mapping = """# SurveyMonkey export whose second header row an analyst deleted (bad-input corpus).
format: surveymonkey
network: ilead
framework: ilead-dp-2018
wave: "2021"
columns:
  unit: Which partnership?
  role: Your role
  rater: Email Address
dimensions:
  "Objective 1": "1"
  "Objective 2": "2"
"""
    write("surveys/surveymonkey-second-row-deleted.mapping.yaml", mapping)
    text = ("Respondent ID,Collector ID,Start Date,End Date,Email Address,Which partnership?,Your role,Objective 1,Objective 2\n"
            "11012345678,405123456,04/12/2021 09:00:00 AM,04/12/2021 09:10:00 AM,corpus.sd1@example.org,usc-myrtlecreek,LEA,2,3\n"
            "11012345679,405123456,04/12/2021 10:00:00 AM,04/12/2021 10:10:00 AM,corpus.sd2@example.org,usc-myrtlecreek,IHE,1,2\n")
    write("surveys/surveymonkey-second-row-deleted.csv", text)

    # SurveyMonkey's condensed export: its second header row is empty.
    write("surveys/surveymonkey-condensed.mapping.yaml", mapping.replace("whose second header row an analyst deleted", "condensed (an empty second header row)"))
    text = ("Respondent ID,Collector ID,Start Date,End Date,Email Address,Which partnership?,Your role,Objective 1,Objective 2\n"
            ",,,,,,,,\n"
            "11012345690,405123456,04/12/2021 09:00:00 AM,04/12/2021 09:10:00 AM,corpus.sc1@example.org,usc-myrtlecreek,LEA,2,3\n"
            "11012345691,405123456,04/12/2021 10:00:00 AM,04/12/2021 10:10:00 AM,corpus.sc2@example.org,usc-myrtlecreek,IHE,1,2\n")
    write("surveys/surveymonkey-condensed.csv", text)

    # A quote inside an unquoted field (an analyst's edit): a reader that took it for an opening quote would join
    # the following lines into one field and lose their responses; the file's own line count refuses that.
    text = ("StartDate,EndDate,Status,RecordedDate,ResponseId,RecipientEmail,Q1,Q2,Q3_1,Q3_2\n"
            '2021-04-12 09:00:00,2021-04-12 09:10:00,IP Address,2021-04-12 09:10:00,R_1aB2cD3eF4gH5iL,corpus.qq1@example.org,uva-chesterfield,IHE,2,"3\n'
            "2021-04-12 10:00:00,2021-04-12 10:10:00,IP Address,2021-04-12 10:10:00,R_2aB2cD3eF4gH5iL,corpus.qq2@example.org,uva-chesterfield,LEA,1,2\n"
            "2021-04-12 11:00:00,2021-04-12 11:10:00,IP Address,2021-04-12 11:10:00,R_3aB2cD3eF4gH5iL,corpus.qq3@example.org,uva-chesterfield,IHE,3,3\n")
    write("surveys/qualtrics-unclosed-quote.mapping.yaml", mapping.replace("surveymonkey", "qualtrics").replace("SurveyMonkey export whose second header row an analyst deleted", "Qualtrics export with an unclosed quote")
          .replace("Which partnership?", "Q1").replace("Your role", "Q2").replace("Email Address", "RecipientEmail").replace('"Objective 1"', "Q3_1").replace('"Objective 2"', "Q3_2"))
    write("surveys/qualtrics-unclosed-quote.csv", text)


# ---------------------------------------------------------------- workbooks
def cell_ref(c, r):
    name = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        name = chr(65 + rem) + name
    return f"{name}{r}"


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def xlsx(sheets):
    """A minimal .xlsx: sheets maps name -> rows; a cell is text, a number, or ("f", formula, cached) / ("e", formula, error)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        def put(name, text):
            info = zipfile.ZipInfo(name, date_time=(2021, 4, 12, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
        names = list(sheets)
        put("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(len(names)))
            + "</Types>")
        put("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>")
        put("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            + "".join(f'<sheet name="{esc(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(names))
            + "</sheets></workbook>")
        put("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(names)))
            + "</Relationships>")
        for i, n in enumerate(names):
            xml_rows = []
            for r, cells in enumerate(sheets[n], start=1):
                out = []
                for c, v in enumerate(cells):
                    ref = cell_ref(c, r)
                    if v is None or v == "":
                        continue
                    if isinstance(v, tuple) and v[0] == "f":
                        out.append(f'<c r="{ref}"><f>{esc(v[1])}</f><v>{v[2]}</v></c>')
                    elif isinstance(v, tuple) and v[0] == "e":
                        out.append(f'<c r="{ref}" t="e"><f>{esc(v[1])}</f><v>{esc(v[2])}</v></c>')
                    elif isinstance(v, (int, float)):
                        out.append(f'<c r="{ref}"><v>{v}</v></c>')
                    else:
                        out.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{esc(v)}</t></is></c>')
                xml_rows.append(f'<row r="{r}">{"".join(out)}</row>')
            put(f"xl/worksheets/sheet{i + 1}.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                + "".join(xml_rows) + "</sheetData></worksheet>")
    return buf.getvalue()


def cfb(streams):
    """A minimal OLE compound file (version 3, 512-byte sectors) holding the given streams (name -> bytes),
    the container Excel writes a password-encrypted workbook in (EncryptionInfo + EncryptedPackage)."""
    SECTOR, MINI, CUTOFF = 512, 64, 4096
    FREE, END, FAT_SECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    big = {n: d for n, d in streams.items() if len(d) >= CUTOFF}
    small = {n: d for n, d in streams.items() if len(d) < CUTOFF}

    # Mini stream: small streams in 64-byte mini sectors, chained in the mini FAT.
    ministream, minifat, mini_start = b"", [], {}
    for n, d in small.items():
        count = (len(d) + MINI - 1) // MINI
        mini_start[n] = len(minifat)
        minifat += [len(minifat) + k + 1 for k in range(count - 1)] + [END]
        ministream += d + b"\0" * (count * MINI - len(d))

    sectors, fat = [], []

    def alloc(data):
        if not data:
            return END
        count = (len(data) + SECTOR - 1) // SECTOR
        start = len(fat)
        fat.extend([start + k + 1 for k in range(count - 1)] + [END])
        padded = data + b"\0" * (count * SECTOR - len(data))
        sectors.extend(padded[k * SECTOR:(k + 1) * SECTOR] for k in range(count))
        return start

    big_start = {n: alloc(d) for n, d in big.items()}
    ministream_start = alloc(ministream)
    minifat_bytes = b"".join(struct.pack("<I", v) for v in minifat)
    minifat_start = alloc(minifat_bytes)

    def entry(name, kind, start, size, child=FREE, left=FREE, right=FREE):
        raw = name.encode("utf-16-le") + b"\0\0" if name else b""
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1) + struct.pack("<III", left, right, child)
                + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IIII", start, size, 0, 0)[:8] + b"\0" * 4)[:128].ljust(128, b"\0")

    # A directory tree: the root's child is the smallest name; each next one is its right sibling (names compare
    # by length, then case-blind, as the format orders them).
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    dir_entries = [entry("Root Entry", 5, ministream_start if ministream else END, len(ministream), child=1 if names else FREE)]
    for k, n in enumerate(names):
        start = big_start[n] if n in big else mini_start[n]
        dir_entries.append(entry(n, 2, start, len(streams[n]), right=k + 2 if k + 1 < len(names) else FREE))
    directory = b"".join(dir_entries)
    directory += b"\0" * (-len(directory) % SECTOR)
    dir_start = alloc(directory)

    # The FAT itself: enough sectors to describe every sector including its own.
    fat_count = 1
    while (len(fat) + fat_count) > fat_count * (SECTOR // 4):
        fat_count += 1
    fat_first = len(fat)
    fat.extend([FAT_SECT] * fat_count)
    fat += [FREE] * (fat_count * (SECTOR // 4) - len(fat))
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)
    sectors.extend(fat_bytes[k * SECTOR:(k + 1) * SECTOR] for k in range(fat_count))

    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<II", 0, fat_count) + struct.pack("<II", dir_start, 0)
              + struct.pack("<IIIII", CUTOFF, minifat_start if minifat else END, (len(minifat_bytes) + SECTOR - 1) // SECTOR, END, 0))
    difat = [fat_first + k for k in range(fat_count)] + [FREE] * (109 - fat_count)
    header += b"".join(struct.pack("<I", v) for v in difat)
    assert len(header) == 512
    return header + b"".join(sectors)


def workbooks():
    title = [["Virginia — iLEAD self-assessment (bad-input corpus)"], []]
    good = xlsx({"uva-chesterfield": title + [["Objective", "2021", "Notes"]] + [[str(d), 1 + d % 4, ""] for d in range(1, 7)]})

    # A download cut short: the zip's central directory is missing.
    write("workbooks/truncated.xlsx", good[: len(good) * 2 // 3])

    # Excel's "Encrypt with Password": a compound file with EncryptionInfo and EncryptedPackage, not a zip.
    info = struct.pack("<HHI", 4, 4, 0x40) + b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>'
    package = struct.pack("<Q", len(good)) + bytes((b * 7 + 3) & 0xFF for b in good)  # stands in for the ciphertext
    package += b"\0" * (-len(package) % 16)
    write("workbooks/password-protected.xlsx", cfb({"EncryptionInfo": info, "EncryptedPackage": package}))

    # A CSV someone renamed to .xlsx.
    write("workbooks/csv-named-xlsx.xlsx", lines(good_rows("corpus.renamed@example.org", 3)))

    # Formulas: cached values are what Excel showed; an error cell (#REF!) is quarantined with its cell.
    rows = title + [["Objective", "2020", "2021", "Notes"]]
    rows += [["1", 1, ("f", "B4+1", 2), ""],
             ["2", 2, ("f", "B5", 2), "=not a formula, typed text"],
             ["3", 2, ("e", "#REF!+1", "#REF!"), "the cell was deleted"],
             ["4", 3, "3_x0007_", "a bell character in the cell (Excel writes it escaped)"],
             ["5", 3, ("f", "\"Stage \"&B8", "Stage 3"), ""]]
    write("workbooks/formulas-and-errors.xlsx", xlsx({"gmu-fairfax": rows}))

    # Damaged inside: a raw control character in the sheet's XML, which no spreadsheet program writes.
    write("workbooks/malformed-xml-inside.xlsx", xlsx({"uva-chesterfield": title + [["Objective", "2021"], ["1", "2\x07"]]}))

    # Out-of-range stages, an objective that does not exist, and a sheet for a partnership not in the roster.
    rows = title + [["Objective", "2021"]] + [["1", 0], ["2", 5], ["25. Not an objective", 2], ["3", 3], ["4", "2.5"]]
    unknown = title + [["Objective", "2021"]] + [["1", 2], ["2", 3]]
    write("workbooks/out-of-range-and-unknown.xlsx", xlsx({"du-denver": rows, "Atlantis University": unknown}))

    # A workbook whose sheets have no Objective column at all.
    write("workbooks/not-a-partnership-workbook.xlsx", xlsx({"Budget": [["Line item", "Amount"], ["Travel", 1200]]}))


if __name__ == "__main__":
    long_csv()
    surveys()
    workbooks()
    print(f"wrote the corpus to {os.path.normpath(OUT)}")
