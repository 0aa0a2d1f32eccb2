-- Lots are found by slug (the landing page their QR code points at) through a 'lot_slug' index row that each lot
-- writes with its state. Lots created before that row existed get it here, from their list row. On a fresh database
-- the grain index may not exist yet (its own migration runs beside this one), and then there is no lot to cover.
DO $$
BEGIN
    IF to_regclass('grain_index') IS NOT NULL THEN
        INSERT INTO grain_index (kind, id, parent_id, tenant_id, name, created_at, deleted_at, data)
        SELECT 'lot_slug', data ->> 'slug', id, tenant_id, NULL, created_at, deleted_at, jsonb_build_object('lotId', id)
          FROM grain_index
         WHERE kind = 'lot' AND data ->> 'slug' IS NOT NULL
        ON CONFLICT (kind, id) DO NOTHING;
    END IF;
END $$;
