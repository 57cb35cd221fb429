"""Reading geographic files (GeoJSON, Shapefile, GeoPackage, KML) and repairing their geometry."""
