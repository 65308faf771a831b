"""Employee, unit and position import from SIASN/SIMPEG spreadsheets, and export."""
