"""Reading the master workbook: its Pengaturan sheet and the rows its owned sheets hold."""
