"""Deploy output/ to Amazon S3 (or any S3-compatible store) with boto3.

config.py  settings, environment and command line, merged
local.py   what is in output/: keys, MD5s, headers, redirects
plan.py    what to upload, update and delete, and in what order (pure)
s3.py      the bucket: listing, reading state, uploading, deleting, CloudFront
run.py     carrying out a plan with progress and a summary
"""
