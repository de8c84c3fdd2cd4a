"""Reading bidang sources: local workbooks/CSV and Google Sheets."""
