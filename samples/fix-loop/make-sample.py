#!/usr/bin/env python3
"""Writes the fix-loop sample: the error pages HubSpot gave for a contacts import (before/) and for the import
of the same rows after they were fixed (after/), with rowData and errorMessage as with includeRowData and
includeErrorMessage. The people and values are made up for this project. Run from this directory; the output is
committed, so the walk-through in the README reads the same files on every machine."""
import json, os

HEADER = ["First Name", "Last Name", "Email", "Phone Number", "Lifecycle Stage", "Number of Employees", "Birthday"]
PROPS = ["firstname", "lastname", "email", "phone", "lifecyclestage", "numberofemployees", "date_of_birth"]

# (line, cells, [(errorType, column, message, sensitivity)])
BEFORE = [
    (3, ["Ada", "Lovelace", "ada.lovelace@", "+44 20 7946 0001", "lead", "12", "1990-12-10"],
     [("INVALID_EMAIL", 2, "Email address ada.lovelace@ is invalid", "none")]),
    (5, ["Grace", "Hopper", "grace@@navy.example", "+1 202 555 0143", "Prospect", "850", "1986-12-09"],
     [("INVALID_EMAIL", 2, "Email address grace@@navy.example is invalid", "none"),
      ("INVALID_ENUMERATION_OPTION", 4, "Prospect is not a valid option for Lifecycle Stage", "none")]),
    (8, ["Alan", "Turing", "alan.turing@bletchley.example", "+44 1908 640404", "customer ", "40", "23/06/1992"],
     [("INVALID_ENUMERATION_OPTION", 4, "customer  is not a valid option for Lifecycle Stage", "none"),
      ("COULD_NOT_PARSE_DATE", 6, "Could not parse 23/06/1992 as a date", "none")]),
    (9, ["Katherine", "Johnson", "katherine@nasa.example", "+1 757 555 0188", "lead", "about 300", "1988-08-26"],
     [("COULD_NOT_PARSE_NUMBER", 5, "about 300 is not a number", "none")]),
    (12, ["Edsger", "Dijkstra", "edsger@tue.example", "+31 40 247 9111", "Prospect", "200", "1980-05-11"],
     [("INVALID_ENUMERATION_OPTION", 4, "Prospect is not a valid option for Lifecycle Stage", "none")]),
    (14, ["Barbara", "Liskov", "barbara liskov@mit.example", "+1 617 555 0117", "lead", "1,200", "1979-11-07"],
     [("INVALID_EMAIL", 2, "Email address barbara liskov@mit.example is invalid", "none"),
      ("COULD_NOT_PARSE_NUMBER", 5, "1,200 is not a number", "none")]),
    (15, ["Donald", "Knuth", "knuth@stanford.example", "=HYPERLINK(\"http://evil.example\",\"click\")", "lead", "15", "1978-01-10"],
     [("INVALID_PROPERTY_VALUE_FORMAT", 3, "=HYPERLINK(\"http://evil.example\",\"click\") is not a valid phone number", "none")]),
    (17, ["John", "O'Neil, \"Jack\"", "jack@oneil.example", "+1 555 0100", "Prospect", "3", "1991-02-29"],
     [("INVALID_ENUMERATION_OPTION", 4, "Prospect is not a valid option for Lifecycle Stage", "none"),
      ("COULD_NOT_PARSE_DATE", 6, "Could not parse 1991-02-29 as a date", "none")]),
    (21, ["Margaret", "Hamilton", "margaret@mit.example", "+1 617 555 0199", "lead", "25", "36/08/1986"],
     [("COULD_NOT_PARSE_DATE", 6, "Could not parse 36/08/1986 as a date", "none")]),
    (22, ["Radia", "Perlman", "radia@example", "+1 978 555 0123", "customer ", "60", "1981-12-18"],
     [("INVALID_EMAIL", 2, "Email address radia@example is invalid", "none"),
      ("INVALID_ENUMERATION_OPTION", 4, "customer  is not a valid option for Lifecycle Stage", "none")]),
    (25, ["Frances", "Allen", "frances@ibm.example", "+1 914 555 0150", "Prospect", "4,000", "1982-08-04"],
     [("INVALID_ENUMERATION_OPTION", 4, "Prospect is not a valid option for Lifecycle Stage", "none"),
      ("COULD_NOT_PARSE_NUMBER", 5, "4,000 is not a number", "none")]),
    (27, ["Tim", "Berners-Lee", "timbl@cern.example", "0041 22 767 6111 ext. 12", "lead", "70", "1985-06-08"],
     [("INVALID_PROPERTY_VALUE_FORMAT", 3, "The phone number is not valid", "standard")]),
    (30, ["Hedy", "Lamarr", "hedy@example", "+1 310 555 0101", "lead", "1", "09.11.1984"],
     [("INVALID_EMAIL", 2, "Email address hedy@example is invalid", "none"),
      ("COULD_NOT_PARSE_DATE", 6, "Could not parse 09.11.1984 as a date", "none")]),
    (31, ["Sophie", "Wilson", "sophie@arm.example", "+44 1223 555 0177", "Prospect", "12", "1987-06-17"],
     [("INVALID_ENUMERATION_OPTION", 4, "Prospect is not a valid option for Lifecycle Stage", "none")]),
    (34, ["Linus", "Torvalds", "linus@kernel.example", "+1 503 555 0142", "lead", "-5", "1989-12-28"],
     [("INVALID_NUMBER_SIZE", 5, "-5 is out of range for Number of Employees", "none")]),
    (36, ["Annie", "Easley\nJr.", "annie@nasa.example", "+1 216 555 0134", "customer ", "9", "1983-04-23"],
     [("INVALID_ENUMERATION_OPTION", 4, "customer  is not a valid option for Lifecycle Stage", "none")]),
]

# The same rows after the fix, imported again as a file of their own (lines 2.. after the header): most errors gone,
# one email still wrong, and a fix that made a new error (an email now used by another contact).
AFTER = [
    (3, ["Grace", "Hopper", "grace@navy.example", "+1 202 555 0143", "lead", "850", "1986-12-09"],
     [("DUPLICATE_UNIQUE_PROPERTY_VALUE", 2, "Another contact already has grace@navy.example as email", "none")]),
    (7, ["Barbara", "Liskov", "barbara.liskov@mit", "+1 617 555 0117", "lead", "1200", "1979-11-07"],
     [("INVALID_EMAIL", 2, "Email address barbara.liskov@mit is invalid", "none")]),
    (9, ["John", "O'Neil, \"Jack\"", "jack@oneil.example", "+1 555 0100", "lead", "3", "1991-02-28"],
     []),
]

def errors(rows, file_id, import_seed):
    out = []
    n = 0
    for line, cells, errs in rows:
        for error_type, column, message, sensitivity in errs:
            value = cells[column]
            n += 1
            out.append({
                "id": f"{import_seed:08x}-0000-4000-8000-{n:012x}",
                "createdAt": 1780000000000 + n * 1000,
                "errorType": error_type,
                "objectType": "CONTACT",
                "objectTypeId": "0-1",
                "knownColumnNumber": column,
                "invalidValue": value,
                "invalidValueToDisplay": value,
                "errorMessage": message,
                "sourceData": {
                    "fileId": file_id,
                    "lineNumber": line,
                    "rowData": cells,
                    "containsEncryptedProperties": False,
                    "pageName": "Contacts",
                },
                "invalidPropertyValue": {
                    "name": PROPS[column],
                    "value": value,
                    "dataSensitivity": sensitivity,
                    "isEncrypted": False,
                    "isLargeValue": False,
                    "source": "IMPORT",
                    "sourceVid": [],
                },
            })
    return out

def write(folder, records, per_page):
    os.makedirs(folder, exist_ok=True)
    pages = [records[i:i + per_page] for i in range(0, len(records), per_page)]
    for i, page in enumerate(pages):
        body = {"results": page}
        if i + 1 < len(pages):
            body["paging"] = {"next": {"after": str(i + 1), "link": f"?after={i + 1}"}}
        with open(os.path.join(folder, f"page-{i + 1:05d}.json"), "w", encoding="utf-8", newline="\n") as f:
            json.dump(body, f, indent=2, ensure_ascii=False)
            f.write("\n")

before = errors(BEFORE, 301000000001, 0xB0)
# HubSpot does not promise line order across pages: the second page holds earlier lines than the first.
write("before", before[12:] + before[:12], 12)
write("after", [e for e in errors(AFTER, 301000000002, 0xAF)], 12)
