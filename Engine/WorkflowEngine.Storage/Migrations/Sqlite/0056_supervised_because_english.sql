-- Why a task is supervised (升级督办), in English beside the Chinese, as the engine sends it (StepEscalated.reasonEn),
-- so that the English desk pages read it in English. Tasks supervised before, or by an older engine, have none and show
-- the stored Chinese.
ALTER TABLE department_tasks ADD COLUMN supervised_because_en TEXT;
