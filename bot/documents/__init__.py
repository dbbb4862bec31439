"""Documents the office sends upward: the annual report (DOCX, XLSX) and the progress chart."""
