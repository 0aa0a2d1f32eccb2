-- Each append advanced its stream's row here to draw the stream's next sequence: one more row written per event, and
-- one per new stream (every new pass). Appends hold the log's lock from before they draw until they commit, so the
-- last sequence can be read from the log's own (stream, sequence) index instead, and the table goes. A silo of an
-- earlier version appending to this database now fails its commit loudly rather than drawing a sequence twice.
DROP TABLE event_log_streams;
