-- Readers outside the stream provider (the API's event feed, webhook delivery) follow the log by namespace from a
-- position: with this index that read seeks to its namespaces' rows instead of scanning every later position.
CREATE INDEX event_log_namespace_position ON event_log (stream_namespace, position);
