-- Each of a stream provider's queues reads the streams whose hash modulo the queue count is its number. Without an
-- index for that split every queue scanned every new event and kept only its own (eight reads of each event with the
-- default eight queues: a fifth of Postgres' time in a claim burst); with it each queue seeks to its own rows.
-- Built for the default count of 8; a provider configured with another count reads by scanning, as before.
CREATE INDEX event_log_queue_8 ON event_log ((stream_hash % 8), position);
