"""The district report: the dashboard's tables, bar charts, a map of the communities and the
list of communities, written as a PDF by WeasyPrint in the background (decision 0014)."""
