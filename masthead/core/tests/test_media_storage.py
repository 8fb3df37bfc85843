"""MASTHEAD_MEDIA_STORAGE_URL read into Django's STORAGES (no database, no server)."""

import pytest

from masthead.core.media_storage import LOCAL, S3, MediaStorageURLError, media_storage


def test_unset_means_the_local_folder():
    assert media_storage("") == {"BACKEND": LOCAL}
    assert media_storage("file://") == {"BACKEND": LOCAL}


def test_a_self_hosted_server_gets_path_style_links_at_its_own_address():
    found = media_storage(
        "s3://key:se%2Fcret@media/site-a?endpoint_url=http://127.0.0.1:8333&region=eu-1"
    )
    assert found["BACKEND"] == S3
    assert found["OPTIONS"] == {
        "bucket_name": "media", "location": "site-a", "querystring_auth": False,
        "file_overwrite": False, "access_key": "key", "secret_key": "se/cret",
        "endpoint_url": "http://127.0.0.1:8333", "region_name": "eu-1",
        "addressing_style": "path", "url_protocol": "http:",
        "custom_domain": "127.0.0.1:8333/media",
    }


def test_amazon_s3_links_to_the_bucket_and_a_cdn_replaces_it():
    options = media_storage("s3://ledger-media?region=eu-west-1")["OPTIONS"]
    assert options["custom_domain"] == "ledger-media.s3.eu-west-1.amazonaws.com"
    assert "access_key" not in options  # AWS_ACCESS_KEY_ID, as boto3 reads
    cdn = media_storage("s3://ledger-media", "https://cdn.example.org/m/")["OPTIONS"]
    assert cdn["url_protocol"] == "https:"
    assert cdn["custom_domain"] == "cdn.example.org/m"


@pytest.mark.parametrize(
    ("url", "public", "message"),
    [
        ("gs://media", "", "scheme “gs” is not s3://"),
        ("s3://", "", "names no bucket"),
        ("s3://media?endpoint=http://x", "", "option “endpoint” is not one of"),
        ("s3://media?endpoint_url=ftp://x", "", "endpoint_url must be http"),
        ("s3://media?addressing_style=sideways", "", "must be path or virtual"),
        ("s3://media", "cdn.example.org", "MASTHEAD_MEDIA_PUBLIC_URL must be"),
    ],
)
def test_a_mistake_names_the_part_at_fault_and_never_the_secret(url, public, message):
    with pytest.raises(MediaStorageURLError) as refused:
        media_storage(url.replace("s3://", "s3://key:hunter2@", 1), public)
    assert message in str(refused.value)
    assert "hunter2" not in str(refused.value)
