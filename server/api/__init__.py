"""The API edge: hostile-JSON decoding, request validation against the schemas, the OpenAPI document and its pages."""
