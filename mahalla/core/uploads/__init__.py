"""One upload pipeline for every import: store the raw file, inspect, map, run a job, report.

- `storage`: the raw file is stored before anything else, without leaving a partial file or a
  record on a failing disk; a local path for libraries that need one; size and count limits.
- `models.UploadJob`: the abstract job model every upload job shares (file, inspection,
  progress, problems) and the clean-up of uploads never started.
- `jobs`: queue a job, run a failed one again, report progress (the lease's heartbeat).
- templates `uploads/_upload_form.html`, `_job_progress.html`, `_problems.html`.

See docs/decisions/0009-upload-pipeline.md.
"""
