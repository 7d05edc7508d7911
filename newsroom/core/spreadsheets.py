"""CSV files the desk opens in Excel or WPS: every export goes through ``SafeCSVWriter``."""

import csv


class SafeCSVWriter:
    """csv.writer whose cells never start a spreadsheet formula (= + - @, tab, CR): such a cell
    gets a leading apostrophe, which Excel and WPS show as text. A reader's comment, a
    nickname, a notifier's text or a link found on a page is never run as a formula."""

    def __init__(self, stream):
        self.writer = csv.writer(stream)

    @staticmethod
    def cell(value):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)  # a number is data, also when negative (剩余天数 -3)
        text = "" if value is None else str(value)
        return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

    def writerow(self, row):
        self.writer.writerow([self.cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
