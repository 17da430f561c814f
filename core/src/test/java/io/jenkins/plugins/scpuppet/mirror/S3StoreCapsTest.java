package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** Size caps on the objects the mirror writes and reads, against S3Proxy. */
class S3StoreCapsTest {
    private LocalS3 s3;

    @BeforeEach
    void start() throws Exception {
        s3 = new LocalS3();
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
    }

    private void plant(String key, int size) {
        s3.s3.putObject(b -> b.bucket(s3.bucket.name()).key(key), RequestBody.fromBytes(new byte[size]));
        s3.requests.clear();
    }

    @Test
    void shouldRefuseToWriteAnObjectOverItsCapWithoutSendingIt() {
        S3Store store = new S3Store(s3.s3, s3.bucket, 1024, 4096);

        assertThatThrownBy(() -> store.put("output/T/a.json", new byte[1025]))
                .isInstanceOf(S3Store.TooLargeException.class)
                .hasMessageContaining("output/T/a.json")
                .hasMessageContaining("1025 bytes")
                .hasMessageContaining("cap of 1024 bytes")
                .hasMessageContaining("a cache target");
        assertThatThrownBy(() -> store.putIf(CacheKeys.INDEX, new byte[4097], null))
                .isInstanceOf(S3Store.TooLargeException.class)
                .hasMessageContaining(CacheKeys.INDEX)
                .hasMessageContaining("the cache's index");
        assertThat(s3.requests).isEmpty();

        store.put("output/T/b.json", new byte[1024]);
        store.putIf(CacheKeys.INDEX, new byte[4096], null);
        assertThat(store.list("output/")).contains("output/T/b.json", CacheKeys.INDEX);
    }

    @Test
    void shouldRefuseToReadATargetOrIndexOverItsCap() {
        S3Store store = new S3Store(s3.s3, s3.bucket, 1024, 4096);
        plant("output/T/planted.json", 5000);
        plant(CacheKeys.INDEX, 5000);
        plant("output/T/fits.json", 1024);

        assertThatThrownBy(() -> store.get("output/T/planted.json"))
                .isInstanceOf(S3Store.TooLargeException.class)
                .hasMessageContaining("s3://" + s3.bucket.name() + "/output/T/planted.json is 5000 bytes")
                .hasMessageContaining("cap of 1024 bytes");
        assertThatThrownBy(() -> store.get(CacheKeys.INDEX))
                .isInstanceOf(S3Store.TooLargeException.class)
                .hasMessageContaining("cap of 4096 bytes");
        assertThat(store.get("output/T/fits.json").bytes()).hasSize(1024);
    }

    @Test
    void shouldCapTargetsAtSixteenMebibytesByDefault() {
        S3Store store = s3.store();
        plant("output/T/huge.json", (int) S3Store.TARGET_CAP + 1);

        assertThatThrownBy(() -> store.get("output/T/huge.json"))
                .isInstanceOf(S3Store.TooLargeException.class)
                .hasMessageContaining("(16 MiB)");
        assertThatThrownBy(() -> store.put("output/T/huge.json", new byte[(int) S3Store.TARGET_CAP + 1]))
                .isInstanceOf(S3Store.TooLargeException.class);
        assertThat(S3Store.META_CAP).isEqualTo(64L << 20);
    }
}
