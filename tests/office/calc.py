"""Drive LibreOffice Calc through its Python UNO bridge: open a report form, describe it, fill it
in as a person would, save it as .xlsx and as CSV (or as Excel 97–2003).

Run with Debian's /usr/bin/python3 (python3-uno), not the project's virtualenv:

    /usr/bin/python3 tests/office/calc.py JOB.json

JOB.json: {"form": PATH, "fill": {TASK_ID: {COLUMN_HEADER_PREFIX: VALUE, ...}},
"save": [{"path": PATH, "filter": "xlsx" | "csv" | "xls"}], "profile": DIR}.
A value {"date": "YYYY-MM-DD"} is typed as a date, a number as a number, anything else as text
(as if typed: "80%" becomes a percentage). Prints a JSON description of the form as Calc sees it.
"""

import contextlib
import datetime as dt
import json
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

FILTERS = {
    "xlsx": ("Calc MS Excel 2007 XML", None),
    "xls": ("MS Excel 97", None),
    # comma, double quote, UTF-8 (76), from line 1, cell format, language, quoted text,
    # detect special numbers, "save as shown", formulas, remove space, sheet 2 (Nhập liệu)
    "csv": ("Text - txt - csv (StarCalc)", "44,34,76,1,,0,false,true,true,false,false,2"),
}


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(profile):
    pipe = "congkhai_" + uuid.uuid4().hex
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 90
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if time.monotonic() > deadline or office.poll() is not None:
                office.kill()
                raise SystemExit("LibreOffice did not start") from None
            time.sleep(0.3)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return office, desktop


def describe(doc):
    sheets = doc.Sheets
    out = {"sheets": [], "entry": {}}
    for i in range(sheets.Count):
        sheet = sheets.getByIndex(i)
        out["sheets"].append({"name": sheet.Name, "visible": sheet.IsVisible,
                              "protected": sheet.isProtected()})
    entry = sheets.getByName("Nhập liệu")
    headers = {}
    for c in range(0, 30):
        text = entry.getCellByPosition(c, 3).String
        if text:
            headers[text] = c
    out["entry"]["headers"] = list(headers)
    status_col = next(c for h, c in headers.items() if h.startswith("Tình trạng (chọn"))
    progress_col = next(c for h, c in headers.items() if h.startswith("Tiến độ"))
    date_col = next(c for h, c in headers.items() if h.startswith("Ngày báo cáo"))
    task_col = next(c for h, c in headers.items() if h.startswith("Số hiệu"))
    status_cell = entry.getCellByPosition(status_col, 4)
    validation = status_cell.Validation
    out["entry"]["status_validation"] = {
        "type": validation.Type.value, "list": validation.getFormula1(),
        "input_cell_locked": status_cell.CellProtection.IsLocked,
    }
    out["entry"]["progress_validation"] = entry.getCellByPosition(
        progress_col, 4).Validation.Type.value
    out["entry"]["date_validation"] = entry.getCellByPosition(date_col, 4).Validation.Type.value
    out["entry"]["task_cell_locked"] = entry.getCellByPosition(
        task_col, 4).CellProtection.IsLocked
    out["entry"]["title_width_mm"] = entry.Columns.getByIndex(3).Width / 100
    out["entry"]["key_hidden"] = not entry.Columns.getByIndex(len(headers) - 1).IsVisible
    out["entry"]["a1"] = entry.getCellByPosition(0, 0).String
    out["custom_properties"] = {
        p.Name: doc.DocumentProperties.UserDefinedProperties.getPropertyValue(p.Name)
        for p in doc.DocumentProperties.UserDefinedProperties.getPropertySetInfo().Properties
    }
    return out, entry, headers, task_col


def fill(doc, entry, headers, task_col, spec):
    rows = {}
    r = 4
    while entry.getCellByPosition(task_col, r).String:
        rows[entry.getCellByPosition(task_col, r).String] = r
        r += 1
    null_date = doc.NullDate
    epoch = dt.date(null_date.Year, null_date.Month, null_date.Day)
    for task_id, values in spec.items():
        row = rows[task_id]
        for prefix, value in values.items():
            col = next(c for h, c in headers.items() if h.startswith(prefix))
            cell = entry.getCellByPosition(col, row)
            if isinstance(value, dict) and "date" in value:
                day = dt.date.fromisoformat(value["date"])
                cell.setValue((day - epoch).days)
            elif isinstance(value, (int, float)):
                cell.setValue(value)
            else:
                cell.setFormula(value)  # as typed: Calc parses "80%" or "15/03/2026" itself
    return rows


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        job = json.load(handle)
    profile = job["profile"]
    os.makedirs(profile, exist_ok=True)
    office, desktop = connect(profile)
    try:
        url = uno.systemPathToFileUrl(os.path.abspath(job["form"]))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            raise SystemExit("LibreOffice could not open the form")
        out, entry, headers, task_col = describe(doc)
        if job.get("fill"):
            fill(doc, entry, headers, task_col, job["fill"])
        for save in job.get("save", []):
            name, options = FILTERS[save["filter"]]
            props = [prop("FilterName", name), prop("Overwrite", True)]
            if options:
                props.append(prop("FilterOptions", options))
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(save["path"])), tuple(props))
        doc.close(True)
        print(json.dumps(out, ensure_ascii=False))
    finally:
        with contextlib.suppress(Exception):  # the office may already be gone
            desktop.terminate()
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
