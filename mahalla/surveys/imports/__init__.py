"""Import of existing survey data: ODK Central csv.zip, KoboToolbox XLSX, plain tables."""
