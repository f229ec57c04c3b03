-- Uploads are versions: a replacement is the next version of its material and the earlier ones stay, so a department's
-- decision keeps the file it was taken on. Existing uploads are numbered in the order they came.
ALTER TABLE materials ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
UPDATE materials SET version = (
    SELECT COUNT(*) FROM materials earlier
    WHERE earlier.application_id = materials.application_id AND earlier.material_key = materials.material_key
        AND (earlier.uploaded_at < materials.uploaded_at OR (earlier.uploaded_at = materials.uploaded_at AND earlier.id <= materials.id)));
CREATE UNIQUE INDEX ix_materials_version ON materials (application_id, material_key, version);
DROP INDEX IF EXISTS ix_materials_application;

-- The material versions a department task came with: its decision reports them back to the engine.
ALTER TABLE department_tasks ADD COLUMN materials_json TEXT;
